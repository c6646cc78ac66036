package dev.peersteam.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.peersteam.testing.ClaudeCliForTests;
import dev.peersteam.testing.CoordinatorProcess;
import dev.peersteam.testing.FakeAnthropicApi;
import dev.peersteam.testing.ModelReply;
import dev.peersteam.testing.ModelRequest;
import dev.peersteam.testing.Script;
import dev.peersteam.testing.TestRepos;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Claude Code's Bash sandbox, end to end with the real {@code claude} 2.1.328 and bubblewrap: two roles whose rules
 * allow every Bash command run the same two commands, written so that no text check can see what they aim at. The
 * role with {@code sandbox: false} reaches the control socket and writes outside its worktree (what any same-user
 * agent can do without the sandbox); the sandboxed role can do neither.
 */
class SandboxIT {
    private static final Duration RUN = Duration.ofSeconds(120);
    private static final String GOAL = "Probe the machine, please.";

    /** Connects to the control socket, its path built at run time so that no rule sees the name. */
    private static final String CONNECT = "python3 -c \"import socket,os; s=socket.socket(socket.AF_UNIX);"
            + " s.connect(os.path.join('..','..','.pe'+'ers','con'+'trol.so'+'ck')); print('CONNECTED')\"";

    @TempDir
    Path temp;

    private static boolean onPath(String program) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, program))) {
                return true;
            }
        }
        return false;
    }

    @Test
    void aSandboxedRolesBashReachesNeitherTheSocketNorFilesOutsideItsWorktree() throws Exception {
        boolean available = onPath("bwrap") && onPath("socat");
        // Skipped only on a developer machine without the packages; CI installs them (.ci/run) and must run this.
        assumeTrue(
                available || System.getenv("CI") != null,
                "bubblewrap and socat are not installed (apt-get install bubblewrap socat)");
        assertThat(available).as("bwrap and socat on PATH").isTrue();
        assumeTrue(onPath("python3"), "python3 is needed to open the socket");

        Path repo = TestRepos.init(temp.resolve("repo"));
        Files.writeString(repo.resolve("team.yaml"), """
                name: boxes
                goal: "%s"
                defaults:
                  model: claude-sonnet-4-5
                  permission_mode: default
                  allowed_tools: [Bash]
                roles:
                  boxed:
                    lead: true
                    prompt: "You probe."
                    sandbox: true
                  open:
                    prompt: "You probe."
                    sandbox: false
                """.formatted(GOAL));
        Map<String, Script> scripts = Map.of("boxed", probe(repo, "boxed"), "open", probe(repo, "open"));
        try (FakeAnthropicApi api = FakeAnthropicApi.start(Script.byRole(scripts));
                CoordinatorProcess up = CoordinatorProcess.start(repo, env(api), "up", "team.yaml")) {
            up.awaitLine(line -> line.contains("open") && line.contains("is idle"), RUN);
            try (CoordinatorProcess send = CoordinatorProcess.start(repo, env(api), "send", "open", GOAL)) {
                assertThat(send.waitFor(Duration.ofSeconds(30))).isZero();
            }
            ModelRequest boxed = api.awaitRequest(r -> done(r, "boxed"), RUN);
            ModelRequest open = api.awaitRequest(r -> done(r, "open"), RUN);

            assertThat(result(open, CONNECT))
                    .as("without the sandbox an agent of the same user reaches the control socket")
                    .contains("CONNECTED");
            assertThat(repo.resolve("escaped-open.txt"))
                    .as("and writes outside its worktree")
                    .exists();

            assertThat(result(boxed, CONNECT)).doesNotContain("CONNECTED").contains("Operation not permitted");
            assertThat(repo.resolve("escaped-boxed.txt")).doesNotExist();
            assertThat(result(boxed, touchOutside("boxed"))).contains("Read-only file system");
            assertThat(result(boxed, "touch inside-boxed.txt && echo WROTE"))
                    .as("the sandboxed role still works in its worktree")
                    .contains("WROTE");
            assertThat(repo.resolve("worktrees/boxed/inside-boxed.txt")).exists();
            assertThat(result(boxed, "cat ../../.p?ers/journal.jsonl; echo EXIT=$?"))
                    .as("the journal is not there to read (sandbox denyRead), or the coordinator denied the call")
                    .doesNotContain("\"seq\"");
            up.terminate();
            up.waitFor(Duration.ofSeconds(40));
            api.assertNoFailures();
        }
    }

    private static String touchOutside(String role) {
        return "touch ../../escaped-" + role + ".txt";
    }

    /** The role's calls: connect, write outside, write inside, read the journal; then done. */
    private static Script probe(Path repo, String role) {
        List<String> commands = List.of(
                CONNECT,
                touchOutside(role),
                "touch inside-" + role + ".txt && echo WROTE",
                "cat ../../.p?ers/journal.jsonl; echo EXIT=$?");
        return request -> {
            if (!request.isMainLoop() || !request.containsText(GOAL)) {
                return ModelReply.text("ok");
            }
            int made = request.toolUses().size();
            return made < commands.size()
                    ? ModelReply.toolUse("Bash", Map.of("command", commands.get(made), "description", "probe"))
                    : ModelReply.text("Probed.");
        };
    }

    private static boolean done(ModelRequest request, String role) {
        return request.teamRole().orElse("").equals(role)
                && request.isMainLoop()
                && request.toolResults().size() >= 4;
    }

    private static String result(ModelRequest request, String command) {
        Map<String, ModelRequest.ToolResult> results = request.toolResults();
        return request.toolUses().stream()
                .filter(use -> use.input().path("command").asText().equals(command))
                .map(use -> results.get(use.id()))
                .filter(r -> r != null)
                .map(ModelRequest.ToolResult::text)
                .findFirst()
                .orElseThrow(() -> new AssertionError("no result for " + command));
    }

    private Map<String, String> env(FakeAnthropicApi api) {
        Map<String, String> env = new HashMap<>(ClaudeCliForTests.environmentFor(api, temp.resolve("home")));
        env.put("PEERS_TEAM_CLAUDE", ClaudeCliForTests.binary().toString());
        return env;
    }
}
