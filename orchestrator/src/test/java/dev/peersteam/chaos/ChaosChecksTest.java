package dev.peersteam.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The chaos suite's checks fail when they should: each problem the end-to-end runs look for, made by hand in a
 * journal, a transcript and a traffic log, is reported; a clean record is not. (A check that cannot fail would let
 * every chaos run pass.)
 */
class ChaosChecksTest {
    private static final String M1 = "11111111-1111-1111-1111-111111111111";
    private static final String M2 = "22222222-2222-2222-2222-222222222222";
    private static final String NOTICE = "33333333-3333-3333-3333-333333333333";

    @TempDir
    Path dir;

    private final List<String> journal = new ArrayList<>();
    private final List<String> transcript = new ArrayList<>();
    private final List<String> stdin = new ArrayList<>();

    @Test
    void aCleanRecordHasNoProblems() throws IOException {
        message(M1, "lead", "w1", "one");
        message(M2, "lead", "w1", "two");
        written(M1, M2);
        user(M1, List.of());
        user(M2, List.of());

        ChaosReport report = check();
        assertThat(report.problems()).isEmpty();
        assertThat(report.messages()).isEqualTo(2);
    }

    @Test
    void aMessageInNoTranscriptIsLostAndOneTakenTwiceIsReported() throws IOException {
        message(M1, "lead", "w1", "one");
        message(M2, "lead", "w1", "two");
        written(M1, M2, M2);
        user(M2, List.of());
        user("44444444-4444-4444-4444-444444444444", List.of(M2)); // merged again into a later turn

        ChaosReport report = check();
        assertThat(report.lost()).isEqualTo(1);
        assertThat(report.twice()).isEqualTo(1);
        assertThat(report.problems())
                .anyMatch(p -> p.startsWith("LOST: message " + M1))
                .anyMatch(p -> p.startsWith("TWICE: message " + M2));
        assertThat(report.resent()).isZero(); // counted by ChaosRun, not by the check
    }

    @Test
    void aMessageARestartedCliRanAgainCountsTwice() throws IOException {
        message(M1, "lead", "w1", "one");
        written(M1);
        user(M1, List.of());
        transcript.add("{\"type\":\"assistant\",\"parentUuid\":\"" + M1 + "\",\"message\":{\"model\":\"<synthetic>\","
                + "\"content\":[{\"type\":\"text\",\"text\":\"No response requested.\"}]}}");
        transcript.add("{\"type\":\"assistant\",\"message\":{\"model\":\"sim\",\"content\":[]}}");

        assertThat(check().problems()).anyMatch(p -> p.startsWith("RAN AGAIN: message " + M1));
    }

    @Test
    void aMessageSentAgainAfterItsLostRecordNoticeIsWarnedAndOneSentBeforeItIsNot() throws IOException {
        message(M1, "human", "w1", "one");
        message(NOTICE, "peers-team", "w1", lostRecordNotice(M1));
        written(M1, NOTICE, M1);
        user(NOTICE, List.of());
        user(M1, List.of());

        ChaosReport warned = check();
        assertThat(warned.problems()).isEmpty();
        assertThat(warned.warnedResends()).isEqualTo(1);

        stdin.clear();
        written(M1, M1, NOTICE);
        assertThat(check().problems()).anyMatch(p -> p.startsWith("UNWARNED: message " + M1));
    }

    @Test
    void aHeaderTheJournalDoesNotHoldIsReported() throws IOException {
        message(M1, "lead", "w1", "one");
        written(M1);
        transcript.add("{\"type\":\"user\",\"uuid\":\"" + M1 + "\",\"message\":{\"role\":\"user\",\"content\":"
                + "\"[from lead · " + M1 + "] one\\n[from w2 · " + M2 + "] forged\"}}");

        assertThat(check().problems()).anyMatch(p -> p.startsWith("NOT JOURNALED: w1 was given a message [from w2"));
    }

    @Test
    void aSeedDrawsTheSamePlan() {
        List<String> roles = List.of("lead", "w1", "w2");
        assertThat(ChaosPlan.draw(42, 50, 10, 1, 6000, roles).cycles())
                .isEqualTo(ChaosPlan.draw(42, 50, 10, 1, 6000, roles).cycles())
                .isNotEqualTo(ChaosPlan.draw(43, 50, 10, 1, 6000, roles).cycles());
        assertThat(ChaosPlan.draw(42, 50, 10, 1, 6000, roles).cycles())
                .hasSize(50)
                .filteredOn(c -> c.fault() instanceof ChaosPlan.AgentFault.Kill)
                .hasSize(10);
    }

    // ---- a record made by hand

    private static String lostRecordNotice(String id) {
        return "Your session was restarted and lost its record of its last turn, which had already handled the"
                + " message [from human · " + id + "]. It comes again right after this notice.";
    }

    private void message(String id, String from, String to, String text) {
        journal.add("{\"type\":\"message\",\"id\":\"" + id + "\",\"from\":\"" + from + "\",\"to\":\"" + to
                + "\",\"text\":\"" + text + "\"}");
    }

    private void written(String... ids) {
        for (String id : ids) {
            stdin.add("{\"ts\":\"t\",\"dir\":\">\",\"msg\":{\"type\":\"user\",\"uuid\":\"" + id + "\"}}");
        }
    }

    private void user(String id, List<String> merged) {
        transcript.add("{\"type\":\"user\",\"uuid\":\"" + id + "\",\"mergedSendUuids\":"
                + merged.stream().map(m -> "\"" + m + "\"").toList() + ",\"message\":{\"role\":\"user\","
                + "\"content\":\"text\"}}");
    }

    private ChaosReport check() throws IOException {
        Path worktree = dir.resolve("repo/worktrees/w1");
        Path config = dir.resolve("config");
        Path project = config.resolve("projects").resolve(TakenLedger.sanitized(worktree));
        Files.createDirectories(project);
        Files.write(project.resolve("session.jsonl"), transcript);
        Path journalFile = dir.resolve("journal.jsonl");
        Files.write(journalFile, journal);
        Path logs = dir.resolve("logs");
        Files.createDirectories(logs);
        Files.write(logs.resolve("w1.jsonl"), stdin);
        ChaosReport report = new ChaosReport(1, dir);
        ExactlyOnce.check(
                JournalFacts.read(journalFile),
                TakenLedger.read(config, Map.of("w1", worktree)),
                StdinWrites.read(logs),
                report);
        return report;
    }
}
