package dev.peersteam.e2e;

import static org.assertj.core.api.Assertions.assertThat;

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
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 7 end to end with the real {@code claude} CLI: a builder commits in its worktree (with its Bash tool) and
 * the reviewer, who watches its commits, gets the commit with its diff in its next model request; the builder puts
 * a task up for review and QA, who watches its tasks, gets the task in its next model request.
 */
class WatchesIT {
    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path temp;

    @Test
    void theReviewerGetsTheBuildersCommitWithItsDiffAndQaGetsTheTaskInReview() throws Exception {
        Path repo = TestRepos.init(temp.resolve("repo"));
        TestRepos.git(repo, "config", "user.name", "peers test");
        TestRepos.git(repo, "config", "user.email", "test@peers.invalid");
        Files.writeString(repo.resolve("team.yaml"), """
                name: watched
                goal: "Write greeting.txt, commit it, and put it up for review as a task."
                defaults:
                  model: claude-sonnet-4-5
                  permission_mode: acceptEdits
                roles:
                  builder:
                    lead: true
                    prompt: "You build."
                    allowed_tools: ["Bash(git *)"]
                  reviewer:
                    prompt: "You review."
                    watches: {commits: [builder]}
                  qa:
                    prompt: "You test."
                    watches: {tasks: [builder]}
                """);
        Path greeting = repo.resolve("worktrees/builder/greeting.txt");

        Script builder = request -> {
            if (!request.containsText("[from human]")) {
                return ModelReply.text("ok");
            }
            long done = request.toolUses().stream()
                    .filter(u -> request.toolResults().containsKey(u.id())
                            && !request.toolResults().get(u.id()).isError())
                    .count();
            return switch ((int) done) {
                case 0 ->
                    ModelReply.toolUse(
                            "Write", Map.of("file_path", greeting.toString(), "content", "hello from builder\n"));
                case 1 ->
                    ModelReply.toolUse(
                            "Bash",
                            Map.of(
                                    "command",
                                    "git add -A && git commit -q -m \"Add the greeting\"",
                                    "description",
                                    "Commit"));
                case 2 ->
                    ModelReply.toolUse(
                            "mcp__peers__create_task",
                            Map.of("title", "Greeting", "details", "greeting.txt says hello", "assignee", "builder"));
                case 3 ->
                    ModelReply.toolUse(
                            "mcp__peers__update_task",
                            Map.of("id", "T1", "status", "review", "note", "committed on peers/builder"));
                default -> ModelReply.text("Done: greeting.txt is committed and T1 is in review.");
            };
        };
        Script reviewer = request -> ModelReply.text("Looks good.");
        Script qa = request -> ModelReply.text("Tested.");

        try (FakeAnthropicApi api =
                FakeAnthropicApi.start(Script.byRole(Map.of("builder", builder, "reviewer", reviewer, "qa", qa)))) {
            Map<String, String> env = new HashMap<>(ClaudeCliForTests.environmentFor(api, temp.resolve("home")));
            env.put("PEERS_TEAM_CLAUDE", ClaudeCliForTests.binary().toString());
            try (CoordinatorProcess up = CoordinatorProcess.start(repo, env, "up", "team.yaml")) {
                ModelRequest review = api.awaitRequest(
                        r -> r.teamRole().orElse("").equals("reviewer")
                                && r.containsText("[from watch] 1 new commit by builder"),
                        WAIT);
                assertThat(review.isMainLoop()).isTrue();
                assertThat(review.lastUserText())
                        .contains("commit ")
                        .contains(": Add the greeting")
                        .contains("diff --git a/greeting.txt b/greeting.txt")
                        .contains("+hello from builder");

                ModelRequest test = api.awaitRequest(
                        r -> r.teamRole().orElse("").equals("qa") && r.containsText("[from watch] Task T1"), WAIT);
                assertThat(test.lastUserText())
                        .contains("Task T1 \"Greeting\" of builder is review.")
                        .contains("Details: greeting.txt says hello")
                        .contains("- builder: committed on peers/builder")
                        .contains("Branch peers/builder is at")
                        .contains("greeting.txt | 1 +");
                assertThat(test.containsText("[from watch] 1 new commit"))
                        .as("QA watches tasks, not commits")
                        .isFalse();

                up.awaitLine(l -> l.contains("watch") && l.contains("-> reviewer: 1 new commit by builder"), WAIT);
                up.terminate();
                assertThat(up.waitFor(Duration.ofSeconds(30))).isEqualTo(143);
                api.assertNoFailures();
            }
        }
        assertThat(TestRepos.git(repo, "log", "-1", "--format=%s", "peers/builder"))
                .contains("Add the greeting");
    }
}
