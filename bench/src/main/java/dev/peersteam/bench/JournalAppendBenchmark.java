package dev.peersteam.bench;

import dev.peersteam.journal.Journal;
import dev.peersteam.journal.JournalRecord;
import dev.peersteam.journal.JournalReplay;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * JMH: one group commit of the journal, {@code batch} appends (a message record each, JSON-encoded) and one
 * {@code sync} (write + fdatasync). Throughput in batches per second; records per second is that times
 * {@code batch}. The journal lives in {@code -Dbench.scratch} (the disk under test).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class JournalAppendBenchmark {
    @Param({"1", "16", "256"})
    public int batch;

    private Path dir;
    private Journal journal;
    private JournalRecord record;
    private long n;

    @Setup(Level.Trial)
    public void open() throws IOException {
        dir = Files.createTempDirectory(
                Path.of(System.getProperty("bench.scratch", System.getProperty("java.io.tmpdir"))), "jmh-journal-");
        journal = Journal.open(dir.resolve("journal.jsonl"), JournalReplay.empty(), Clock.systemUTC());
    }

    @Benchmark
    public void appendAndSync() {
        for (int i = 0; i < batch; i++) {
            journal.append(new JournalRecord.MessagePosted(
                    "m-" + (n++), "backend", "qa", "GET /items is on branch peers/backend, please test it (T2)."));
        }
        journal.sync();
    }

    @TearDown(Level.Trial)
    public void close() throws IOException {
        journal.close();
        Files.deleteIfExists(dir.resolve("journal.jsonl"));
        Files.deleteIfExists(dir);
    }
}
