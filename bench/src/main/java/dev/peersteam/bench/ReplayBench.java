package dev.peersteam.bench;

import dev.peersteam.board.BoardEvent;
import dev.peersteam.coordinator.Recovery;
import dev.peersteam.journal.Journal;
import dev.peersteam.journal.JournalRecord;
import dev.peersteam.journal.JournalReplay;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.UUID;

/**
 * Replay of a large journal: {@code records} records written through {@link Journal} (so the file is exactly what
 * the coordinator writes), in the mix a busy team produces: each message posted and delivered, a turn end every 10
 * messages, a task created every 50; then {@link JournalReplay#read} alone (parse every line) and
 * {@link Recovery#read} (parse and fold, as {@code up} does on resume), timed as separate passes.
 */
final class ReplayBench {
    private ReplayBench() {}

    record Result(int records, long fileBytes, Stats read, Stats recovery) {}

    static Result run(Path dir, int records, int repeats) throws IOException {
        Path file = Files.createTempDirectory(dir, "replay-").resolve("journal.jsonl");
        try {
            write(file, records);
            long[] reads = new long[repeats];
            long[] recoveries = new long[repeats];
            for (int r = 0; r < repeats; r++) {
                System.gc();
                long t0 = System.nanoTime();
                JournalReplay replay = JournalReplay.read(file, entry -> {});
                long t1 = System.nanoTime();
                Recovery recovery = Recovery.read(file);
                long t2 = System.nanoTime();
                if (replay.records() != records || !replay.warnings().isEmpty()) {
                    throw new IllegalStateException("replay read " + replay.records() + " of " + records
                            + " records; warnings " + replay.warnings());
                }
                if (recovery.fresh()) {
                    throw new IllegalStateException("a recovery from a full journal cannot be fresh");
                }
                reads[r] = t1 - t0;
                recoveries[r] = t2 - t1;
            }
            return new Result(records, Files.size(file), Stats.of(reads), Stats.of(recoveries));
        } finally {
            Files.deleteIfExists(file);
            Files.deleteIfExists(file.getParent());
        }
    }

    private static void write(Path file, int records) {
        String[] roles = {"manager", "backend", "frontend", "qa", "reviewer"};
        try (Journal journal = Journal.open(file, JournalReplay.empty(), Clock.systemUTC())) {
            int written = 0;
            int message = 0;
            int task = 0;
            int synced = 0;
            while (written < records) {
                String from = roles[message % roles.length];
                String to = roles[(message + 1) % roles.length];
                String id = UUID.randomUUID().toString();
                journal.append(new JournalRecord.MessagePosted(
                        id,
                        from,
                        to,
                        "Please build GET /items (T" + (message % 97) + ") and tell qa when it is on your branch."));
                written++;
                if (written < records) {
                    journal.append(new JournalRecord.MessageDelivered(id, to));
                    written++;
                }
                message++;
                if (message % 10 == 0 && written < records) {
                    journal.append(new JournalRecord.TurnEnded(to, "session-" + to, message * 0.001, false, "success"));
                    written++;
                }
                if (message % 50 == 0 && written < records) {
                    task++;
                    journal.append(new JournalRecord.BoardChanged(new BoardEvent.TaskCreated(
                            "T" + task,
                            "Task number " + task,
                            "details of task " + task,
                            roles[task % roles.length],
                            List.of(),
                            "manager",
                            java.time.Instant.now())));
                    written++;
                }
                if (written - synced >= 10_000) {
                    journal.sync();
                    synced = written;
                }
            }
        }
    }
}
