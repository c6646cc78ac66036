package dev.peersteam.journal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JournalTest {
    @TempDir
    Path dir;

    private final Clock clock = Clock.fixed(Instant.parse("2026-11-26T12:00:00Z"), ZoneOffset.UTC);

    private Path file() {
        return dir.resolve("journal.jsonl");
    }

    @Test
    void recordsRoundTripWithVersionSequenceAndTime() throws Exception {
        try (Journal journal = Journal.open(file(), JournalReplay.empty(), clock)) {
            journal.append(new JournalRecord.MessagePosted("m1", "alice", "bob", "hi \"bob\"\nsecond line"));
            journal.append(new JournalRecord.MessageDelivered("m1", "bob"));
            journal.append(new JournalRecord.SessionStarted("bob", "s-1", 42));
            journal.append(new JournalRecord.TurnEnded("bob", "s-1", 0.5, false, "success"));
            journal.append(new JournalRecord.SessionExited("bob", 0, true));
        }
        String first = Files.readAllLines(file()).getFirst();
        assertThat(first).startsWith("{\"v\":1,\"seq\":1,\"ts\":\"2026-11-26T12:00:00Z\",\"type\":\"message\"");

        JournalReplay replay = JournalReplay.read(file());
        assertThat(replay.warnings()).isEmpty();
        assertThat(replay.entries())
                .extracting(JournalEntry::record)
                .containsExactly(
                        new JournalRecord.MessagePosted("m1", "alice", "bob", "hi \"bob\"\nsecond line"),
                        new JournalRecord.MessageDelivered("m1", "bob"),
                        new JournalRecord.SessionStarted("bob", "s-1", 42),
                        new JournalRecord.TurnEnded("bob", "s-1", 0.5, false, "success"),
                        new JournalRecord.SessionExited("bob", 0, true));
        assertThat(replay.lastSeq()).isEqualTo(5);
        assertThat(replay.validBytes()).isEqualTo(Files.size(file()));
    }

    @Test
    void nothingReachesTheFileBeforeSync() throws Exception {
        Journal journal = Journal.open(file(), JournalReplay.empty(), clock);
        journal.append(new JournalRecord.MessageDelivered("m1", "bob"));
        assertThat(Files.size(file())).isZero();
        assertThat(journal.hasPending()).isTrue();
        journal.sync();
        assertThat(JournalReplay.read(file()).entries()).hasSize(1);
        journal.close();
    }

    @Test
    void aTornLastLineIsReportedCutOffAndAppendingContinuesOnAFreshLine() throws Exception {
        try (Journal journal = Journal.open(file(), JournalReplay.empty(), clock)) {
            journal.append(new JournalRecord.MessagePosted("m1", "alice", "bob", "one"));
            journal.append(new JournalRecord.MessagePosted("m2", "alice", "bob", "two"));
        }
        Files.writeString(
                file(),
                "{\"v\":1,\"seq\":3,\"ts\":\"2026-11-26T12:00:00Z\",\"type\":\"mess",
                StandardCharsets.UTF_8,
                StandardOpenOption.APPEND);

        JournalReplay replay = JournalReplay.read(file());
        assertThat(replay.entries()).hasSize(2);
        assertThat(replay.warnings()).singleElement().asString().contains(":3: the last record was cut short");

        try (Journal journal = Journal.open(file(), replay, clock)) {
            journal.append(new JournalRecord.MessagePosted("m3", "alice", "bob", "three"));
        }
        JournalReplay after = JournalReplay.read(file());
        assertThat(after.warnings()).isEmpty();
        assertThat(after.entries()).extracting(JournalEntry::seq).containsExactly(1L, 2L, 3L);
    }

    @Test
    void aDamagedLineInTheMiddleIsSkippedAndTheRestIsKept() throws Exception {
        try (Journal journal = Journal.open(file(), JournalReplay.empty(), clock)) {
            journal.append(new JournalRecord.MessagePosted("m1", "alice", "bob", "one"));
        }
        String good = Files.readAllLines(file()).getFirst().replace("\"seq\":1", "\"seq\":2");
        Files.writeString(file(), "not json at all\n" + good + "\n", StandardOpenOption.APPEND);

        JournalReplay replay = JournalReplay.read(file());
        assertThat(replay.entries()).hasSize(2);
        assertThat(replay.warnings()).singleElement().asString().contains(":2: unreadable record skipped");
        assertThat(replay.validBytes()).isEqualTo(Files.size(file()));
    }

    @Test
    void anUnreadableLastLineCountsAsTornAndIsCutOff() throws Exception {
        try (Journal journal = Journal.open(file(), JournalReplay.empty(), clock)) {
            journal.append(new JournalRecord.MessagePosted("m1", "alice", "bob", "one"));
        }
        long good = Files.size(file());
        Files.writeString(file(), "{\"v\":1,\"garbage\n", StandardOpenOption.APPEND);
        JournalReplay replay = JournalReplay.read(file());
        assertThat(replay.validBytes()).isEqualTo(good);
        assertThat(replay.warnings()).singleElement().asString().contains("(last line)");
    }

    @Test
    void aMissingJournalIsEmpty() {
        assertThat(JournalReplay.read(dir.resolve("nope.jsonl")).entries()).isEmpty();
    }
}
