package dev.peersteam.bench;

/**
 * One measure of the harness: runs it and adds its rows to the summary and its section to docs/benchmarks.md. Each
 * is a record of the run's {@link Context}, {@link Plan} and {@link Report}; {@link BenchMain} picks them by name.
 */
interface Measure {
    void run() throws Exception;
}
