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
 * Issue 6 end to end with the real {@code claude} CLI: two roles edit the same file in their own worktrees (neither
 * commits), and after the turn that made the edits overlap, each one's next model request tells it about the other,
 * with the other side's change.
 */
class OverlapIT {
    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path temp;

    @Test
    void twoRolesEditingTheSameFileAreEachToldAboutTheOtherWithinOneTurn() throws Exception {
        Path repo = TestRepos.init(temp.resolve("repo"));
        Files.writeString(repo.resolve("team.yaml"), """
                name: overlap
                goal: "Write your notes to notes.txt, and get bob to add his."
                defaults:
                  model: claude-sonnet-4-5
                  permission_mode: acceptEdits
                roles:
                  alice: {lead: true, prompt: "You take notes."}
                  bob: {prompt: "You take notes too."}
                """);
        Path aliceNotes = repo.resolve("worktrees/alice/notes.txt");
        Path bobNotes = repo.resolve("worktrees/bob/notes.txt");

        Script alice = request -> {
            if (!request.containsText("[from human]") || request.containsText("[from overlap]")) {
                return ModelReply.text("ok");
            }
            return switch (request.toolUses().size()) {
                case 0 ->
                    ModelReply.toolUse(
                            "Write", Map.of("file_path", aliceNotes.toString(), "content", "alice: ship on Friday\n"));
                case 1 ->
                    ModelReply.toolUse(
                            "mcp__peers__send_message",
                            Map.of("to", "bob", "text", "Please write your notes to notes.txt."));
                default -> ModelReply.text("Asked bob.");
            };
        };
        Script bob = request -> {
            if (!request.containsText("[from alice] Please write your notes")
                    || request.containsText("[from overlap]")) {
                return ModelReply.text("ok");
            }
            return request.toolUses().isEmpty()
                    ? ModelReply.toolUse(
                            "Write", Map.of("file_path", bobNotes.toString(), "content", "bob: ship on Monday\n"))
                    : ModelReply.text("Wrote my notes.");
        };

        try (FakeAnthropicApi api = FakeAnthropicApi.start(Script.byRole(Map.of("alice", alice, "bob", bob)))) {
            Map<String, String> env = new HashMap<>(ClaudeCliForTests.environmentFor(api, temp.resolve("home")));
            env.put("PEERS_TEAM_CLAUDE", ClaudeCliForTests.binary().toString());
            try (CoordinatorProcess up = CoordinatorProcess.start(repo, env, "up", "team.yaml")) {
                ModelRequest toAlice = api.awaitRequest(
                        r -> r.teamRole().orElse("").equals("alice") && r.containsText("[from overlap]"), WAIT);
                assertThat(toAlice.lastUserText())
                        .contains("[from overlap] bob has also changed notes.txt")
                        .contains("+bob: ship on Monday");
                ModelRequest toBob = api.awaitRequest(
                        r -> r.teamRole().orElse("").equals("bob") && r.containsText("[from overlap]"), WAIT);
                assertThat(toBob.lastUserText())
                        .contains("[from overlap] alice has also changed notes.txt")
                        .contains("+alice: ship on Friday");
                up.awaitLine(l -> l.matches(".*overlap: (bob and alice|alice and bob) both changed notes.txt.*"), WAIT);

                // Each side was told once: a turn about the news changes nothing new.
                up.awaitLine(l -> l.contains("alice") && l.contains("says: ok"), WAIT);
                up.awaitLine(l -> l.contains("bob") && l.contains("says: ok"), WAIT);
                up.terminate();
                assertThat(up.waitFor(Duration.ofSeconds(30))).isEqualTo(143);
                assertThat(up.output())
                        .filteredOn(l -> l.contains("overlap") && l.contains("-> alice"))
                        .hasSize(1);
                assertThat(up.output())
                        .filteredOn(l -> l.contains("overlap") && l.contains("-> bob"))
                        .hasSize(1);
                api.assertNoFailures();
            }
        }
    }
}
