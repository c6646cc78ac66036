package dev.peersteam.bench;

import dev.peersteam.journal.Journal;
import dev.peersteam.journal.JournalRecord;
import dev.peersteam.journal.JournalReplay;
import dev.peersteam.protocol.HostMessage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

/**
 * Push against polling, under the same open-loop load: messages between random pairs of {@code sessions} sessions
 * at random (exponentially spaced) instants, {@code rate} per second in all, for {@code duration}.
 *
 * <ul>
 * <li><b>Polling</b> (the design of claude-peers, the best-known alternative): a sender inserts the message into a
 *     shared table (made durable with the same journal and fsync as ours, so both sides pay the same disk); each
 *     session polls the table every {@code pollInterval}, at its own phase (sessions start at different moments),
 *     and takes what is addressed to it. Latency: insert to taken.
 * <li><b>Push</b> (peers-team): the same schedule through the real coordinator in-process ({@link InProcessTeam}).
 *     Latency: tool call posted to the message handed to the target's channel.
 * </ul>
 */
final class PollingBaseline {
    private static final int WARMUP_MESSAGES = 5_000;

    private PollingBaseline() {}

    /** The send schedule: instant offsets (ns from the start), senders and targets. */
    record Schedule(long[] at, int[] from, int[] to) {
        static Schedule random(int sessions, double rate, Duration duration, long seed) {
            Random random = new Random(seed);
            List<long[]> events = new ArrayList<>();
            double t = 0;
            while (true) {
                t += -Math.log(1 - random.nextDouble()) / rate;
                if (t >= duration.toNanos() / 1e9) {
                    break;
                }
                int from = random.nextInt(sessions);
                int to = (from + 1 + random.nextInt(sessions - 1)) % sessions;
                events.add(new long[] {(long) (t * 1e9), from, to});
            }
            long[] at = new long[events.size()];
            int[] from = new int[events.size()];
            int[] to = new int[events.size()];
            for (int i = 0; i < at.length; i++) {
                at[i] = events.get(i)[0];
                from[i] = (int) events.get(i)[1];
                to[i] = (int) events.get(i)[2];
            }
            return new Schedule(at, from, to);
        }

        int size() {
            return at.length;
        }
    }

    private static void sleepUntil(long deadline) {
        long left;
        while ((left = deadline - System.nanoTime()) > 0) {
            LockSupport.parkNanos(left);
        }
    }

    /** Push: the schedule through the real coordinator. */
    static Stats push(Path dir, int sessions, Schedule schedule) throws IOException, InterruptedException {
        long[] sentAt = new long[schedule.size()];
        long[] latency = new long[schedule.size()];
        CountDownLatch all = new CountDownLatch(schedule.size());
        InstantCli.Listener listener = new InstantCli.Listener() {
            @Override
            public void delivered(String role, HostMessage.UserMessage message, long nanoTime) {
                int k = (int) Probes.probeNumber(message.text());
                if (k >= 0 && k < latency.length && latency[k] == 0) {
                    latency[k] = nanoTime - sentAt[k];
                    all.countDown();
                }
            }
        };
        try (InProcessTeam team = InProcessTeam.start(dir, sessions, listener)) {
            List<String> names = team.roles();
            // Warm-up, not counted (numbered past the schedule, so the listener ignores them): the JIT compiles
            // the path before the measured messages run through it, as in a coordinator that has been up a while.
            for (int w = 0; w < WARMUP_MESSAGES; w++) {
                int k = schedule.size() + w;
                team.fromSession(
                        names.get(w % sessions),
                        team.sendMessageLine("w" + w, names.get((w + 1) % sessions), "probe " + k));
                if (w % 50 == 49) {
                    Thread.sleep(5);
                }
            }
            Thread.sleep(1000);
            long start = System.nanoTime() + 50_000_000L;
            for (int k = 0; k < schedule.size(); k++) {
                String line = team.sendMessageLine("p" + k, names.get(schedule.to()[k]), "probe " + k);
                sleepUntil(start + schedule.at()[k]);
                sentAt[k] = System.nanoTime();
                team.fromSession(names.get(schedule.from()[k]), line);
            }
            if (!all.await(60, TimeUnit.SECONDS)) {
                throw new IllegalStateException(all.getCount() + " pushed messages were never handed over");
            }
        }
        return Stats.of(latency);
    }

    /** Polling: a shared table, each session polling it every {@code pollInterval}. */
    static Stats polling(Path dir, int sessions, Schedule schedule, Duration pollInterval)
            throws IOException, InterruptedException {
        Path file = Files.createTempDirectory(dir, "polling-").resolve("table.jsonl");
        long[] latency = new long[schedule.size()];
        CountDownLatch all = new CountDownLatch(schedule.size());
        AtomicBoolean stop = new AtomicBoolean();
        try (Journal journal = Journal.open(file, JournalReplay.empty(), Clock.systemUTC())) {
            Table table = new Table(journal);
            Random phases = new Random(7);
            long start = System.nanoTime() + 50_000_000L;
            List<Thread> pollers = new ArrayList<>();
            for (int s = 0; s < sessions; s++) {
                int session = s;
                long first = start + (long) (phases.nextDouble() * pollInterval.toNanos());
                pollers.add(Thread.ofPlatform().daemon().name("poller-" + s).start(() -> {
                    long tick = first;
                    while (!stop.get()) {
                        sleepUntil(tick);
                        long now = System.nanoTime();
                        for (Table.Row row : table.take(session)) {
                            latency[row.k()] = now - row.insertedAt();
                            all.countDown();
                        }
                        tick += pollInterval.toNanos();
                    }
                }));
            }
            for (int k = 0; k < schedule.size(); k++) {
                sleepUntil(start + schedule.at()[k]);
                table.insert(k, schedule.from()[k], schedule.to()[k], "probe " + k);
            }
            boolean done = all.await(pollInterval.toMillis() * 3 + 10_000, TimeUnit.MILLISECONDS);
            stop.set(true);
            for (Thread poller : pollers) {
                poller.join(pollInterval.toMillis() * 2 + 1000);
            }
            if (!done) {
                throw new IllegalStateException(all.getCount() + " polled messages were never taken");
            }
        } finally {
            Files.deleteIfExists(file);
            Files.deleteIfExists(file.getParent());
        }
        return Stats.of(latency);
    }

    /** The shared message table: insert is durable (journal append + fsync) before it returns. */
    private static final class Table {
        record Row(int k, int to, String text, long insertedAt) {}

        private final Journal journal;
        private final List<Row> rows = new ArrayList<>();

        Table(Journal journal) {
            this.journal = journal;
        }

        synchronized void insert(int k, int from, int to, String text) {
            long now = System.nanoTime();
            journal.append(new JournalRecord.MessagePosted("p" + k, "s" + from, "s" + to, text));
            journal.sync();
            rows.add(new Row(k, to, text, now));
        }

        /** SELECT ... WHERE to = ? AND NOT delivered; then mark them delivered (here: remove them). */
        synchronized List<Row> take(int session) {
            List<Row> mine = new ArrayList<>();
            for (Iterator<Row> it = rows.iterator(); it.hasNext(); ) {
                Row row = it.next();
                if (row.to() == session) {
                    mine.add(row);
                    it.remove();
                }
            }
            return mine;
        }
    }
}
