package dev.peersteam.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.peersteam.journal.JournalEntry;
import dev.peersteam.journal.JournalRecord;
import dev.peersteam.journal.JournalReplay;
import dev.peersteam.testing.ClaudeCliForTests;
import dev.peersteam.testing.CoordinatorProcess;
import dev.peersteam.testing.FakeAnthropicApi;
import dev.peersteam.testing.ModelReply;
import dev.peersteam.testing.ModelRequest;
import dev.peersteam.testing.Script;
import dev.peersteam.testing.TestRepos;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The core promise, end to end with the real {@code claude} CLI: two roles in their own worktrees talk through the
 * team tools, one does work in its worktree, and the answer reaches the other's next model request.
 */
class TeamMessagingIT {
    private static final Duration TURN = Duration.ofSeconds(90);

    @TempDir
    Path temp;

    @Test
    void aMessageRoundTripBetweenTwoRealSessions() throws Exception {
        Path repo = TestRepos.init(temp.resolve("repo"));
        Path bobFile = repo.resolve("worktrees/bob/hello.txt");
        Files.writeString(repo.resolve("team.yaml"), """
                name: demo
                goal: "Get bob to write hello.txt and report back."
                defaults:
                  model: claude-sonnet-4-5
                  permission_mode: acceptEdits
                roles:
                  alice:
                    lead: true
                    prompt: "You coordinate."
                  bob:
                    prompt: "You write files when asked."
                """);

        Script alice = request -> {
            if (request.containsText("[from bob] done: hello.txt is written")) {
                return ModelReply.text("Thanks, bob.");
            }
            if (request.isToolResultTurn()) {
                return ModelReply.text("Asked bob; waiting for his answer.");
            }
            return ModelReply.toolUse(
                    "mcp__peers__send_message",
                    Map.of("to", "bob", "text", "Please write hello.txt in your worktree."));
        };
        Script bob = request -> {
            if (!request.isToolResultTurn()) {
                return ModelReply.toolUse(
                        "Write", Map.of("file_path", bobFile.toString(), "content", "hello from bob\n"));
            }
            if (lastToolWas(request, "Write")) {
                return ModelReply.toolUse(
                        "mcp__peers__send_message", Map.of("to", "alice", "text", "done: hello.txt is written"));
            }
            return ModelReply.text("Reported to alice.");
        };

        try (FakeAnthropicApi api = FakeAnthropicApi.start(Script.byRole(Map.of("alice", alice, "bob", bob)))) {
            Map<String, String> env = new HashMap<>(ClaudeCliForTests.environmentFor(api, temp.resolve("home")));
            env.put("PEERS_TEAM_CLAUDE", ClaudeCliForTests.binary().toString());

            try (CoordinatorProcess up = CoordinatorProcess.start(repo, env, "up", "team.yaml")) {
                ModelRequest reply = api.awaitRequest(
                        r -> r.teamRole().orElse("").equals("alice")
                                && r.containsText("[from bob] done: hello.txt is written"),
                        TURN);
                assertThat(reply.isMainLoop()).isTrue();
                assertThat(bobFile).hasContent("hello from bob");
                assertThat(repo.resolve("worktrees/alice/hello.txt")).doesNotExist();

                List<ProcessHandle> sessions = up.descendants();
                assertThat(sessions).as("two claude processes").hasSizeGreaterThanOrEqualTo(2);
                up.awaitLine(line -> line.contains("alice") && line.contains("says: Thanks, bob."), TURN);

                up.terminate();
                assertThat(up.waitFor(Duration.ofSeconds(30)))
                        .as("128 + SIGTERM")
                        .isEqualTo(143);
                assertThat(up.output()).anySatisfy(line -> assertThat(line).contains("stopping the team"));
                // A dead process stays visible until it is reaped; the sandbox's socat bridges are reaped by init,
                // which in some containers takes a moment: give it that moment before calling anything alive.
                for (ProcessHandle session : sessions) {
                    try {
                        session.onExit().get(5, java.util.concurrent.TimeUnit.SECONDS);
                    } catch (java.util.concurrent.TimeoutException stillRunning) {
                        // reported just below
                    }
                }
                assertThat(sessions).as("no session outlives the coordinator").noneMatch(ProcessHandle::isAlive);
                api.assertNoFailures();
            }
        }

        List<JournalRecord> journal = JournalReplay.entries(repo.resolve(".peers/journal.jsonl")).stream()
                .map(JournalEntry::record)
                .toList();
        JournalRecord.MessagePosted ask = posted(journal, "alice", "bob");
        JournalRecord.MessagePosted answer = posted(journal, "bob", "alice");
        assertThat(journal)
                .contains(
                        new JournalRecord.MessageDelivered(ask.id(), "bob"),
                        new JournalRecord.MessageDelivered(answer.id(), "alice"));
        assertThat(journal.indexOf(ask))
                .isLessThan(journal.indexOf(new JournalRecord.MessageDelivered(ask.id(), "bob")));
        assertThat(journal)
                .filteredOn(r -> r instanceof JournalRecord.SessionLaunched)
                .as("one session per role, each journaled with its id before it was used")
                .hasSize(2);
        assertThat(repo.resolve(".peers/logs/bob.jsonl"))
                .content()
                .contains("\"dir\":\"<\"")
                .contains("hello.txt");
        assertThat(TestRepos.git(repo, "log", "-1", "--format=%B", "peers/bob"))
                .as("bob's file was saved on stop")
                .contains("WIP(peers-team)")
                .contains("Peers-Team-Wip: true");
        assertThat(TestRepos.git(repo, "show", "peers/bob:hello.txt")).isEqualTo("hello from bob\n");
        assertThat(TestRepos.git(repo.resolve("worktrees/bob"), "status", "--porcelain"))
                .isBlank();
        assertThat(TestRepos.git(repo, "status", "--porcelain"))
                .as("worktrees and .peers are git-excluded")
                .doesNotContain("worktrees")
                .doesNotContain(".peers");
    }

    private static boolean lastToolWas(ModelRequest request, String tool) {
        List<ModelRequest.ToolUse> uses = request.toolUses();
        return !uses.isEmpty() && uses.getLast().name().equals(tool);
    }

    private static JournalRecord.MessagePosted posted(List<JournalRecord> journal, String from, String to) {
        return journal.stream()
                .filter(r ->
                        r instanceof JournalRecord.MessagePosted m && m.from().equals(from) && m.to().equals(to))
                .map(r -> (JournalRecord.MessagePosted) r)
                .findFirst()
                .orElseThrow(() -> new AssertionError("no message " + from + " -> " + to + " in " + journal));
    }
}
