package dev.peersteam.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/** Runs {@link JournalAppendBenchmark} with JMH and returns its scores. */
final class JournalJmh {
    private JournalJmh() {}

    /** @param batchesPerSecond JMH's score; {@code error} its 99.9% confidence half-width */
    record Score(int batch, double batchesPerSecond, double error) {
        double recordsPerSecond() {
            return batchesPerSecond * batch;
        }
    }

    static List<Score> run(Path scratch, boolean quick, Path log) throws RunnerException {
        System.setProperty("bench.scratch", scratch.toString());
        Options options = new OptionsBuilder()
                .include(JournalAppendBenchmark.class.getName())
                .forks(quick ? 0 : 1)
                .warmupIterations(quick ? 1 : 3)
                .warmupTime(TimeValue.milliseconds(quick ? 300 : 1000))
                .measurementIterations(quick ? 2 : 5)
                .measurementTime(TimeValue.milliseconds(quick ? 300 : 1000))
                .jvmArgsAppend("-Dbench.scratch=" + scratch)
                .shouldFailOnError(true)
                .output(log.toString())
                .build();
        Collection<RunResult> results = new Runner(options).run();
        List<Score> scores = new ArrayList<>();
        for (RunResult result : results) {
            int batch = Integer.parseInt(result.getParams().getParam("batch"));
            scores.add(new Score(
                    batch,
                    result.getPrimaryResult().getScore(),
                    result.getPrimaryResult().getScoreError()));
        }
        scores.sort((a, b) -> Integer.compare(a.batch(), b.batch()));
        return scores;
    }
}
