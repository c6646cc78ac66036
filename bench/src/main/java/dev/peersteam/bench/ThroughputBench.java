package dev.peersteam.bench;

import dev.peersteam.protocol.HostMessage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Durable message throughput: producer threads (standing in for the sessions' reader threads) decode and post
 * {@code send_message} tool calls as fast as the coordinator takes them, with at most {@code window} messages not
 * yet handed to their target; every message is journaled and fsync'd (group commit: one fsync per loop batch)
 * before it is handed over, and acknowledged ({@code started}) by the target's instant CLI, which settles the
 * sender's tool result. Counted: messages handed to their target per second of the measured interval.
 */
final class ThroughputBench {
    private ThroughputBench() {}

    record Result(double messagesPerSecond, long messages, double seconds, long writeSyscalls, long journalBytes) {
        /** Messages per fsync'd batch, taking each write(2) of the process as one batch (see {@link #run}). */
        double messagesPerBatch() {
            return writeSyscalls == 0 ? Double.NaN : messages / (double) writeSyscalls;
        }
    }

    static Result run(Path dir, int roles, int producers, int window, Duration warmup, Duration measure)
            throws IOException, InterruptedException {
        LongAdder handed = new LongAdder();
        Semaphore permits = new Semaphore(window);
        InstantCli.Listener listener = new InstantCli.Listener() {
            @Override
            public void delivered(String role, HostMessage.UserMessage message, long nanoTime) {
                handed.increment();
                permits.release();
            }
        };
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong sequence = new AtomicLong();
        try (InProcessTeam team = InProcessTeam.start(dir, roles, listener)) {
            List<String> names = team.roles();
            List<Thread> threads = new ArrayList<>();
            for (int p = 0; p < producers; p++) {
                threads.add(Thread.ofPlatform().name("producer-" + p).start(() -> {
                    try {
                        while (!stop.get()) {
                            if (!permits.tryAcquire(100, TimeUnit.MILLISECONDS)) {
                                continue;
                            }
                            long k = sequence.incrementAndGet();
                            String from = names.get((int) (k % roles));
                            String to = names.get((int) ((k + 1) % roles));
                            team.fromSession(from, team.sendMessageLine("t" + k, to, "message " + k));
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }));
            }
            Thread.sleep(warmup.toMillis());
            long count0 = handed.sum();
            long writes0 = writeSyscalls();
            long bytes0 = Files.size(team.journalFile());
            long t0 = System.nanoTime();
            Thread.sleep(measure.toMillis());
            // A rate over no message at all measures nothing: on a machine busy with other work a short window can
            // pass while one fsync is still out, so the window is stretched (up to a minute) until one is counted.
            long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
            while (handed.sum() == count0 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            long count1 = handed.sum();
            long t1 = System.nanoTime();
            long writes1 = writeSyscalls();
            long bytes1 = Files.size(team.journalFile());
            stop.set(true);
            for (Thread thread : threads) {
                thread.join();
            }
            double seconds = (t1 - t0) / 1e9;
            return new Result(
                    (count1 - count0) / seconds, count1 - count0, seconds, writes1 - writes0, bytes1 - bytes0);
        }
    }

    /** write(2) calls made by this process so far ({@code /proc/self/io} syscw); the journal is its only writer. */
    static long writeSyscalls() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/io"))) {
            if (line.startsWith("syscw:")) {
                return Long.parseLong(line.substring(6).trim());
            }
        }
        return 0;
    }
}
