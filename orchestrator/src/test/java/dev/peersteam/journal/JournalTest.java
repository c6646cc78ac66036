package dev.peersteam.journal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
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

        List<JournalEntry> entries = new ArrayList<>();
        JournalReplay replay = JournalReplay.read(file(), entries::add);
        assertThat(replay.warnings()).isEmpty();
        assertThat(entries)
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
        assertThat(JournalReplay.entries(file())).hasSize(1);
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

        List<JournalEntry> entries = new ArrayList<>();
        JournalReplay replay = JournalReplay.read(file(), entries::add);
        assertThat(entries).hasSize(2);
        assertThat(replay.warnings()).singleElement().asString().contains(":3: the last record was cut short");

        try (Journal journal = Journal.open(file(), replay, clock)) {
            journal.append(new JournalRecord.MessagePosted("m3", "alice", "bob", "three"));
        }
        List<JournalEntry> afterEntries = new ArrayList<>();
        JournalReplay after = JournalReplay.read(file(), afterEntries::add);
        assertThat(after.warnings()).isEmpty();
        assertThat(afterEntries).extracting(JournalEntry::seq).containsExactly(1L, 2L, 3L);
    }

    @Test
    void aDamagedLineInTheMiddleIsSkippedAndTheRestIsKept() throws Exception {
        try (Journal journal = Journal.open(file(), JournalReplay.empty(), clock)) {
            journal.append(new JournalRecord.MessagePosted("m1", "alice", "bob", "one"));
        }
        String good = Files.readAllLines(file()).getFirst().replace("\"seq\":1", "\"seq\":2");
        Files.writeString(file(), "not json at all\n" + good + "\n", StandardOpenOption.APPEND);

        List<JournalEntry> entries = new ArrayList<>();
        JournalReplay replay = JournalReplay.read(file(), entries::add);
        assertThat(entries).hasSize(2);
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
        List<JournalEntry> entries = new ArrayList<>();
        JournalReplay replay = JournalReplay.read(file(), entries::add);
        assertThat(replay.validBytes()).isEqualTo(good);
        assertThat(replay.warnings()).singleElement().asString().contains("(last line)");
    }

    @Test
    void aMissingJournalIsEmpty() {
        assertThat(JournalReplay.entries(dir.resolve("nope.jsonl"))).isEmpty();
    }

    @Test
    void recordsLongerThanAReadChunkAndLinesAcrossChunksReadWholeWithATornTailCutOff() throws Exception {
        String big = "x".repeat(200_000) + "é"; // a multi-byte character may fall on a chunk's edge too
        try (Journal journal = Journal.open(file(), JournalReplay.empty(), clock)) {
            for (int i = 0; i < 2_000; i++) {
                journal.append(
                        new JournalRecord.MessagePosted("m" + i, "alice", "bob", i % 500 == 0 ? big : "hi " + i));
            }
        }
        long whole = Files.size(file());
        Files.writeString(file(), "{\"v\":1,\"seq\":2001", StandardOpenOption.APPEND);

        List<JournalEntry> entries = new ArrayList<>();
        JournalReplay replay = JournalReplay.read(file(), entries::add);

        assertThat(entries).hasSize(2_000);
        assertThat(entries)
                .extracting(JournalEntry::seq)
                .doesNotHaveDuplicates()
                .endsWith(2_000L);
        assertThat(((JournalRecord.MessagePosted) entries.get(1_500).record()).text())
                .isEqualTo(big);
        assertThat(replay.records()).isEqualTo(2_000);
        assertThat(replay.first()).contains(entries.getFirst().record());
        assertThat(replay.validBytes()).isEqualTo(whole);
        assertThat(replay.warnings()).singleElement().asString().contains(":2001: the last record was cut short");
    }
}
