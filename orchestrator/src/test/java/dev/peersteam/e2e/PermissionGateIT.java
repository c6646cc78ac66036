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
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bypasses of issue 11, end to end with the real {@code claude} 2.1.328: the fake model asks for exactly the
 * tool calls an attacker would, the headless coordinator answers the CLI's permission requests, and the test checks
 * what happened on disk and what the model was told. Each of these calls was allowed before the fix.
 */
class PermissionGateIT {
    private static final Duration RUN = Duration.ofSeconds(120);
    private static final String GOAL = "Run the checks, please.";

    @TempDir
    Path temp;

    /** A script that makes the given tool calls one after another, then says it is done. */
    private static Script calls(List<Map.Entry<String, Map<String, Object>>> calls) {
        return request -> {
            if (!request.isMainLoop() || !request.containsText(GOAL)) {
                return ModelReply.text("ok");
            }
            int made = request.toolUses().size();
            if (made < calls.size()) {
                return ModelReply.toolUse(
                        calls.get(made).getKey(), calls.get(made).getValue());
            }
            return ModelReply.text("All calls made.");
        };
    }

    private Map<String, String> env(FakeAnthropicApi api) {
        Map<String, String> env = new HashMap<>(ClaudeCliForTests.environmentFor(api, temp.resolve("home")));
        env.put("PEERS_TEAM_CLAUDE", ClaudeCliForTests.binary().toString());
        return env;
    }

    /** Runs the team headless until the model has seen the result of its last call; returns that last request. */
    private ModelRequest run(Path repo, Script script, int calls, List<String> output) throws Exception {
        try (FakeAnthropicApi api = FakeAnthropicApi.start(script);
                CoordinatorProcess up = CoordinatorProcess.start(repo, env(api), "up", "team.yaml")) {
            ModelRequest last = api.awaitRequest(
                    request -> request.isMainLoop()
                            && request.containsText(GOAL)
                            && request.toolResults().size() >= calls,
                    RUN);
            up.awaitLine(line -> line.contains("turn done") || line.contains("turn failed"), RUN);
            up.terminate();
            up.waitFor(Duration.ofSeconds(40));
            output.addAll(up.output());
            api.assertNoFailures();
            return last;
        }
    }

    private static ModelRequest.ToolResult resultOf(ModelRequest request, String tool, String field, String value) {
        Map<String, ModelRequest.ToolResult> results = request.toolResults();
        return request.toolUses().stream()
                .filter(use -> use.name().equals(tool)
                        && use.input().path(field).asText().equals(value))
                .map(use -> results.get(use.id()))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no result for " + tool + " " + value + " in " + request));
    }

    @Test
    void compoundCommandsUnderAPrefixRuleAreDeniedAndNeverRun() throws Exception {
        Path repo = TestRepos.init(temp.resolve("repo"));
        Files.writeString(repo.resolve("team.yaml"), """
                name: gate
                goal: "%s"
                defaults:
                  model: claude-sonnet-4-5
                roles:
                  builder:
                    prompt: "You run checks."
                    permission_mode: default
                    sandbox: false
                    allowed_tools: ["Bash(git status:*)"]
                """.formatted(GOAL));
        Path worktree = repo.resolve("worktrees/builder");
        String semicolon = "git status; touch pwned-semicolon.txt";
        String newline = "git status\ntouch pwned-newline.txt";
        String substitution = "git status $(touch pwned-substitution.txt)";
        String allowed = "git status --short";
        List<String> log = new java.util.ArrayList<>();
        ModelRequest last = run(
                repo,
                calls(List.of(
                        Map.entry("Bash", Map.of("command", semicolon, "description", "status")),
                        Map.entry("Bash", Map.of("command", newline, "description", "status")),
                        Map.entry("Bash", Map.of("command", substitution, "description", "status")),
                        Map.entry("Bash", Map.of("command", allowed, "description", "status")))),
                4,
                log);

        for (String file : List.of("pwned-semicolon.txt", "pwned-newline.txt", "pwned-substitution.txt")) {
            assertThat(worktree.resolve(file)).as(file).doesNotExist();
        }
        ModelRequest.ToolResult first = resultOf(last, "Bash", "command", semicolon);
        assertThat(first.isError()).isTrue();
        assertThat(first.text())
                .contains("not allowed for role builder")
                .contains("'touch pwned-semicolon.txt' is not allowed");
        ModelRequest.ToolResult second = resultOf(last, "Bash", "command", newline);
        assertThat(second.isError()).isTrue();
        assertThat(second.text()).contains("'touch pwned-newline.txt' is not allowed");
        ModelRequest.ToolResult third = resultOf(last, "Bash", "command", substitution);
        assertThat(third.isError()).isTrue();
        assertThat(third.text()).contains("$ expansion");
        assertThat(resultOf(last, "Bash", "command", allowed).isError())
                .as("the simple command the rule means still runs")
                .isFalse();
        assertThat(log)
                .anySatisfy(line -> assertThat(line).contains("builder").contains("was denied Bash(git status; touch"))
                .anySatisfy(line -> assertThat(line).contains("was denied Bash(git status touch pwned-newline.txt)"));
    }

    @Test
    void aGrepWhosePathClimbsOutOfItsRuleReadsNothingOutside() throws Exception {
        Path repo = TestRepos.init(temp.resolve("repo"));
        Path worktree = repo.resolve("worktrees/builder");
        Files.writeString(repo.resolve("SECRET.txt"), "the-secret-is-42\n");
        Files.writeString(repo.resolve("worktrees-secret.txt"), "the-secret-is-42\n");
        // Grep is not among 2.1.328's default tools; --tools brings it back
        Files.writeString(repo.resolve("team.yaml"), """
                name: gate
                goal: "%s"
                defaults:
                  model: claude-sonnet-4-5
                roles:
                  builder:
                    prompt: "You search."
                    permission_mode: default
                    sandbox: false
                    command: ["%s", "--tools", "Bash,Read,Grep,Glob,Edit,Write"]
                    allowed_tools: ["Grep(%s/src/*)"]
                """.formatted(GOAL, ClaudeCliForTests.binary(), worktree));
        String twoUp = worktree + "/src/../../";
        String threeUp = worktree + "/src/../../../";
        List<String> log = new java.util.ArrayList<>();
        ModelRequest last = run(
                repo,
                calls(List.of(
                        Map.entry("Grep", Map.of("pattern", "the-secret", "path", twoUp, "output_mode", "content")),
                        Map.entry("Grep", Map.of("pattern", "the-secret", "path", threeUp, "output_mode", "content")))),
                2,
                log);

        ModelRequest.ToolResult worktrees = resultOf(last, "Grep", "path", twoUp);
        assertThat(worktrees.isError()).isTrue();
        assertThat(worktrees.text()).doesNotContain("the-secret-is-42").contains("not allowed for role builder");
        ModelRequest.ToolResult root = resultOf(last, "Grep", "path", threeUp);
        assertThat(root.isError()).isTrue();
        assertThat(root.text()).doesNotContain("the-secret-is-42").contains("would read the coordinator's files");
        assertThat(last.json().toString()).doesNotContain("the-secret-is-42");
    }

    @Test
    void aRoleCannotReachTheCoordinatorsFilesWhateverItsRulesAllow() throws Exception {
        Path repo = TestRepos.init(temp.resolve("repo"));
        Files.writeString(repo.resolve("team.yaml"), """
                name: gate
                goal: "%s"
                defaults:
                  model: claude-sonnet-4-5
                roles:
                  builder:
                    prompt: "You look around."
                    permission_mode: acceptEdits
                    sandbox: false
                    allowed_tools: [Read, Edit, Write, "Bash(cat:*)", "Bash(ls:*)", "Bash(socat:*)"]
                """.formatted(GOAL));
        Path peers = repo.resolve(".peers");
        String read = peers.resolve("journal.jsonl").toString();
        String write = peers.resolve("journal.jsonl").toString();
        String cat = "cat ../../.peers/journal.jsonl";
        String socat = "echo '{\"type\":\"down\"}' | socat - UNIX-CONNECT:../../.peers/control.sock";
        String glob = "ls -a ../../.pe*";
        List<String> log = new java.util.ArrayList<>();
        ModelRequest last = run(
                repo,
                calls(List.of(
                        Map.entry("Read", Map.of("file_path", read)),
                        Map.entry("Write", Map.of("file_path", write, "content", "{}\n")),
                        Map.entry("Bash", Map.of("command", cat, "description", "look")),
                        Map.entry("Bash", Map.of("command", socat, "description", "look")),
                        Map.entry("Bash", Map.of("command", glob, "description", "look")))),
                5,
                log);

        assertThat(resultOf(last, "Read", "file_path", read).isError()).isTrue();
        assertThat(resultOf(last, "Write", "file_path", write).isError()).isTrue();
        assertThat(resultOf(last, "Bash", "command", cat).isError()).isTrue();
        assertThat(resultOf(last, "Bash", "command", socat).isError()).isTrue();
        ModelRequest.ToolResult listed = resultOf(last, "Bash", "command", glob);
        assertThat(listed.isError()).isTrue();
        assertThat(listed.text())
                .as("the CLI's own deny rules do not see the glob: the coordinator denies it")
                .contains("coordinator's files");
        assertThat(last.json().toString())
                .as("no line of the journal reached the model")
                .doesNotContain("session_started")
                .doesNotContain("\\\"seq\\\":");
        assertThat(Files.readString(peers.resolve("journal.jsonl")))
                .as("the journal was not overwritten")
                .isNotEqualTo("{}\n");
        assertThat(log)
                .as("the team was not stopped through the socket: it stopped when the test said so")
                .anySatisfy(line -> assertThat(line).contains("stopping the team"))
                .anySatisfy(line -> assertThat(line).contains("was denied Bash(ls -a ../../.pe*)"));
    }
}
