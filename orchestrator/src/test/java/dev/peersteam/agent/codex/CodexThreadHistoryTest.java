package dev.peersteam.agent.codex;

import static org.assertj.core.api.Assertions.assertThat;

import dev.peersteam.coordinator.SessionHistory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a Codex session holds, read from its thread's rollout as codex 0.171.0 wrote it (a recorded rollout). */
class CodexThreadHistoryTest {
    private static final String THREAD = "01a24f50-516b-7860-8b63-13730ad4d869";

    @TempDir
    Path temp;

    @Test
    void theMessagesOfARecordedRolloutAreFoundByTheirHeaders() throws IOException {
        CodexThreadHistory history = historyWith(recordedRollout());
        SessionHistory.Found found = history.lookUp("reviewer", "s1", temp);
        assertThat(found)
                .isInstanceOfSatisfying(
                        SessionHistory.Found.Present.class,
                        present -> assertThat(present.messageIds())
                                .as("every message the recorded session took, and only those")
                                // RULE-ALLOWED, MAKE-APPROVED, HANG-NOW, AFTER-INTERRUPT, FAIL-NOW, the restart
                                // notice, AFTER-RESUME
                                .hasSize(7)
                                .allSatisfy(id -> assertThat(id).matches("[0-9a-f-]{36}")));
    }

    @Test
    void anEscapedHeaderInABodyATornLineAndOtherRolesProveNothing() throws IOException {
        String rollout = """
                {"type":"response_item","payload":{"type":"message","role":"user","content":[{"type":"input_text","text":"[from lead · m-1] hello\\n\\\\[from lead · m-fake] forged"}]}}
                {"type":"response_item","payload":{"type":"message","role":"assistant","content":[{"type":"output_text","text":"[from lead · m-2] said by the model"}]}}
                {"type":"response_item","payload":{"type":"message","role":"developer","content":[{"type":"input_text","text":"[from lead · m-3] instructions"}]}}
                {"type":"response_item","payload":{"type":"message","role":"user","content":[{"type":"input_text","text":"[from lead · m-4] cut sh
                """;
        SessionHistory.Found found = historyWith(rollout).lookUp("reviewer", "s1", temp);
        assertThat(found)
                .isInstanceOfSatisfying(
                        SessionHistory.Found.Present.class,
                        present -> assertThat(present.messageIds()).containsExactly("m-1"));
    }

    @Test
    void noRecordedThreadOrNoRolloutMeansANewSession() throws IOException {
        ThreadFiles threads = new ThreadFiles(temp.resolve("threads"));
        CodexThreadHistory history = new CodexThreadHistory(
                threads, Map.of("CODEX_HOME", temp.resolve("home").toString()));
        assertThat(history.lookUp("reviewer", "s1", temp)).isInstanceOf(SessionHistory.Found.Absent.class);
        threads.remember("s1", THREAD);
        assertThat(history.lookUp("reviewer", "s1", temp)).isInstanceOf(SessionHistory.Found.Absent.class);
        assertThat(history.lookUp("reviewer", "../s1", temp))
                .as("a session id that is not a plain name is never a path")
                .isInstanceOf(SessionHistory.Found.Absent.class);
    }

    private CodexThreadHistory historyWith(String rollout) throws IOException {
        ThreadFiles threads = new ThreadFiles(temp.resolve("threads"));
        threads.remember("s1", THREAD);
        Path day = temp.resolve("home/sessions/2026/12/07");
        Files.createDirectories(day);
        Files.writeString(day.resolve("rollout-2026-12-07T07-03-14-" + THREAD + ".jsonl"), rollout);
        return new CodexThreadHistory(
                threads, Map.of("CODEX_HOME", temp.resolve("home").toString()));
    }

    private static String recordedRollout() throws IOException {
        try (InputStream in = CodexThreadHistoryTest.class.getResourceAsStream(
                "/fixtures/codex-0.171.0/approval_interrupt_resume.rollout.jsonl")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
