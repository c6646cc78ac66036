package dev.peersteam.agent.sim;

import static org.assertj.core.api.Assertions.assertThat;

import dev.peersteam.testing.CoordinatorProcess;
import dev.peersteam.testing.TestRepos;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The example team script acted out by simulated agents under the real coordinator (the packaged jar), with no API
 * key: the manager plans, backend writes and commits in its worktree, qa checks backend's branch, and the manager
 * reports to the human. The roles start the sim through {@code command:} until {@code agent: sim} is wired.
 */
class SimTeamIT {
    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path temp;

    @Test
    void theExampleTeamDeliversWithoutAModel() throws Exception {
        Path repo = TestRepos.init(temp.resolve("repo"));
        Path jar = Path.of("target", "peers-team.jar").toAbsolutePath();
        Path script = Path.of(getClass().getResource("/sim/example.yaml").toURI());
        String java = ProcessHandle.current().info().command().orElse("java");
        Files.writeString(repo.resolve("team.yaml"), """
                name: demo
                goal: "Ship GET /items"
                defaults:
                  permission_mode: acceptEdits
                  allowed_tools: [Write, Bash]
                  command: ["%s", -cp, "%s", dev.peersteam.agent.sim.SimAgentMain, --script, "%s"]
                roles:
                  manager:
                    lead: true
                    prompt: "You coordinate."
                  backend:
                    prompt: "You build."
                  qa:
                    prompt: "You test."
                """.formatted(java, jar, script));
        Map<String, String> env = SimHost.env(temp);

        try (CoordinatorProcess up = CoordinatorProcess.start(repo, env, "up", "team.yaml")) {
            up.awaitLine(line -> line.contains("GET /items is built and tested: T2 passed"), WAIT);
            up.awaitLine(line -> line.contains("manager") && line.contains("(total $0.0400)"), WAIT);
            up.awaitLine(line -> line.contains("qa") && line.contains("turn done"), WAIT);
            assertThat(TestRepos.git(repo, "log", "--format=%s", "peers/backend"))
                    .startsWith("backend: GET /items (T1)");
            assertThat(repo.resolve("worktrees/backend/api/items.txt"))
                    .hasContent("GET /items -> [\"apple\", \"pear\"]");
            up.terminate();
            assertThat(up.waitFor(Duration.ofSeconds(30))).isEqualTo(143);
            assertThat(up.output()).noneMatch(line -> line.contains("exited with code 1"));
        }
    }
}
