package dev.peersteam.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.peersteam.journal.JournalEntry;
import dev.peersteam.journal.JournalRecord;
import dev.peersteam.journal.JournalReplay;
import dev.peersteam.testing.CodexCliForTests;
import dev.peersteam.testing.CodexTraffic;
import dev.peersteam.testing.CoordinatorProcess;
import dev.peersteam.testing.FakeOpenAiApi;
import dev.peersteam.testing.FakeOpenAiApi.Reply;
import dev.peersteam.testing.TestRepos;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Codex role under the person's eye, end to end with the real {@code codex app-server}: a shell call codex asks
 * about that the role's {@code allowed_tools} rule covers is allowed by the coordinator without asking; one it does
 * not cover waits for an approval asked through the coordinator ({@code up --ask}) and answered with
 * {@code peers-team approve} from another process, then runs; a hanging turn is interrupted with {@code peers-team interrupt}; and after the
 * coordinator is SIGKILLed, the next {@code up} resumes the same Codex thread, which still has its history and
 * gets no message twice.
 */
class CodexApprovalIT {
    private static final Duration WAIT = Duration.ofSeconds(40);
    private static final Pattern ASK = Pattern.compile("reviewer +ASKS to use (.*) -- approve (p\\d+)");

    @TempDir
    Path temp;

    @Test
    void anApprovalFromTheControlSocketAnInterruptAndAResumeAfterACrash() throws Exception {
        Path repo = TestRepos.init(temp.resolve("repo"));
        Path made = repo.resolve("worktrees/reviewer/approved.txt");
        Files.writeString(repo.resolve("team.yaml"), """
                name: solo
                roles:
                  reviewer:
                    lead: true
                    agent: codex
                    model: gpt-fake
                    permission_mode: default
                    allowed_tools: ["Bash(touch *)"]
                    prompt: "You review."
                """);
        java.util.function.Function<FakeOpenAiApi.Request, Reply> script = request -> {
            String last = request.lastUserText();
            if (last.contains("RULE-ALLOWED")) {
                return request.lastOutput().isEmpty() ? Reply.shell("touch ruled.txt") : Reply.text("RULED-DONE");
            }
            if (last.contains("MAKE-APPROVED")) {
                return request.lastOutput().isEmpty()
                        ? Reply.shell("printf 'approved\\n' > approved.txt && echo made-it")
                        : Reply.text("APPROVED-DONE");
            }
            if (last.contains("HANG-NOW")) {
                return new Reply.Hang();
            }
            if (last.contains("FAIL-NOW")) {
                return new Reply.Refuse("FAKE-REFUSAL: this request is refused");
            }
            if (last.contains("AFTER-RESUME")) {
                return Reply.text("RESUMED-OK");
            }
            return Reply.text("NOTED");
        };
        try (FakeOpenAiApi api = FakeOpenAiApi.start(script)) {
            Path codexHome = CodexCliForTests.freshHome();
            Map<String, String> env = CodexCliForTests.addTo(new HashMap<>(System.getenv()), api, codexHome);
            env.put("HOME", temp.resolve("home").toString());
            Files.createDirectories(temp.resolve("home"));

            CoordinatorProcess up = CoordinatorProcess.start(repo, env, "up", "--ask", "team.yaml");
            try {
                up.awaitLine(line -> line.contains("reviewer") && line.contains("is idle"), WAIT);
                run(repo, env, "send", "reviewer", "RULE-ALLOWED please");
                up.awaitLine(line -> line.contains("reviewer") && line.contains("says: RULED-DONE"), WAIT);
                assertThat(repo.resolve("worktrees/reviewer/ruled.txt"))
                        .as("codex asked (untrusted), and the role's allowed_tools rule answered as for a Claude role")
                        .exists();
                assertThat(up.output())
                        .anySatisfy(
                                line -> assertThat(line).contains("reviewer").contains("may use Bash(touch ruled.txt)"))
                        .noneSatisfy(line -> assertThat(line).contains("ASKS to use Bash(touch"));
                run(repo, env, "send", "reviewer", "MAKE-APPROVED please");
                String asked = up.awaitLine(line -> ASK.matcher(line).find(), WAIT);
                Matcher ask = ASK.matcher(asked);
                assertThat(ask.find()).isTrue();
                assertThat(ask.group(1))
                        .as("the rules see the command the model asked for, not codex's shell wrapper")
                        .isEqualTo("Bash(printf 'approved\\n' > approved.txt && echo made-it)");
                assertThat(made).as("nothing runs before the person says so").doesNotExist();
                run(repo, env, "approve", ask.group(2));
                FakeOpenAiApi.Request after =
                        api.awaitRequest(r -> r.lastOutput().contains("made-it"), WAIT);
                assertThat(after.lastOutput()).contains("exited with code 0");
                assertThat(made).hasContent("approved");
                up.awaitLine(line -> line.contains("reviewer") && line.contains("says: APPROVED-DONE"), WAIT);

                run(repo, env, "send", "reviewer", "HANG-NOW");
                api.awaitRequest(r -> r.lastUserText().contains("HANG-NOW"), WAIT);
                run(repo, env, "interrupt", "reviewer");
                up.awaitLine(line -> line.contains("reviewer") && line.contains("turn failed"), WAIT);
                run(repo, env, "send", "reviewer", "AFTER-INTERRUPT");
                FakeOpenAiApi.Request next = api.awaitRequest(r -> r.contains("AFTER-INTERRUPT"), WAIT);
                assertThat(next.allText())
                        .as("codex tells its model the turn was cut")
                        .contains("<turn_aborted>");
                up.awaitLine(line -> line.contains("reviewer") && line.contains("says: NOTED"), WAIT);
                CodexTraffic.keep(repo, "reviewer", "approval_interrupt");

                run(repo, env, "send", "reviewer", "FAIL-NOW");
                String failed = up.awaitLine(
                        line -> line.contains("reviewer")
                                && line.contains("turn failed")
                                && line.contains("FAKE-REFUSAL"),
                        WAIT);
                assertThat(failed).as("the API's error reaches the person").contains("FAKE-REFUSAL");

                List<ProcessHandle> sessions = up.descendants();
                up.kill();
                up.waitFor(Duration.ofSeconds(10));
                for (ProcessHandle session : sessions) {
                    session.onExit().get(10, java.util.concurrent.TimeUnit.SECONDS);
                }
            } finally {
                up.close();
            }

            int before = api.requests().size();
            try (CoordinatorProcess again = CoordinatorProcess.start(repo, env, "up", "--ask", "team.yaml")) {
                again.awaitLine(line -> line.contains("reviewer") && line.contains("is idle"), WAIT);
                run(repo, env, "send", "reviewer", "AFTER-RESUME");
                FakeOpenAiApi.Request resumed = api.awaitRequest(r -> r.contains("AFTER-RESUME"), WAIT);
                assertThat(resumed.allText())
                        .as("the resumed thread has its history")
                        .contains("MAKE-APPROVED please")
                        .contains("AFTER-INTERRUPT");
                assertThat(resumed.toolNames())
                        .as("the resumed thread still offers the team tools")
                        .contains("peers.send_message");
                assertThat(occurrences(resumed.allText(), "MAKE-APPROVED please"))
                        .as("no message went twice")
                        .isEqualTo(1);
                assertThat(occurrences(resumed.allText(), "AFTER-INTERRUPT"))
                        .as("no message went twice")
                        .isEqualTo(1);
                assertThat(api.requests().subList(before, api.requests().size()))
                        .as("on resume only the notice of the failed last turn went (as for Claude roles), no message")
                        .allSatisfy(r -> assertThat(r.lastUserText())
                                .containsAnyOf("AFTER-RESUME", "Your session was restarted"));
                again.awaitLine(line -> line.contains("reviewer") && line.contains("says: RESUMED-OK"), WAIT);
                CodexTraffic.keep(repo, "reviewer", "approval_interrupt_resume", codexHome);
                run(repo, env, "down");
                assertThat(again.waitFor(Duration.ofSeconds(30))).isZero();
            }
            api.assertNoFailures();
        }
        List<JournalRecord> journal = JournalReplay.entries(repo.resolve(".peers/journal.jsonl")).stream()
                .map(JournalEntry::record)
                .toList();
        List<JournalRecord.SessionLaunched> launches = journal.stream()
                .filter(r -> r instanceof JournalRecord.SessionLaunched)
                .map(r -> (JournalRecord.SessionLaunched) r)
                .toList();
        assertThat(launches).hasSize(2);
        assertThat(launches.get(1).resumed())
                .as("the second up resumed the session")
                .isTrue();
        assertThat(launches.get(1).sessionId()).isEqualTo(launches.get(0).sessionId());
    }

    private static void run(Path repo, Map<String, String> env, String... args) throws Exception {
        try (CoordinatorProcess verb = CoordinatorProcess.start(repo, env, args)) {
            assertThat(verb.waitFor(Duration.ofSeconds(30)))
                    .as(String.join(" ", args) + ": " + verb.output())
                    .isZero();
        }
    }

    private static int occurrences(String text, String part) {
        int count = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
            count++;
        }
        return count;
    }
}
