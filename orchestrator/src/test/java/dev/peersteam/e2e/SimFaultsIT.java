package dev.peersteam.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.peersteam.testing.CoordinatorProcess;
import dev.peersteam.testing.TestRepos;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The coordinator against simulated agents that misbehave: one crashes mid-run (and is resumed), one writes garbage
 * lines, one is slow, one writes a line of megabytes. The team still finishes its board.
 */
class SimFaultsIT {
    @TempDir
    Path temp;

    @Test
    void aTeamOfFaultyAgentsStillFinishesItsBoard() throws Exception {
        Path repo = TestRepos.init(temp.resolve("repo"));
        try (InputStream script = SimFaultsIT.class.getResourceAsStream("/dev/peersteam/e2e/sim-faults.yaml")) {
            Files.write(repo.resolve("sim.yaml"), script.readAllBytes());
        }
        Files.writeString(repo.resolve("team.yaml"), """
                name: faulty
                goal: "Build a page that lists the items, served by a small API, and check it."
                defaults:
                  agent: sim
                  sim_script: sim.yaml
                  allowed_tools: ["Bash(git *)"]
                roles:
                  manager: {lead: true}
                  backend: {}
                  frontend: {}
                  qa: {}
                """);
        TestRepos.git(repo, "config", "user.name", "sim");
        TestRepos.git(repo, "config", "user.email", "sim@peers.invalid");
        Map<String, String> env = Map.of("PATH", "/usr/bin:/bin", "HOME", temp.toString());
        try (CoordinatorProcess up = CoordinatorProcess.start(repo, env, "up", "--until-done", "team.yaml")) {
            assertThat(up.waitFor(Duration.ofSeconds(90)))
                    .as("exit code of up --until-done")
                    .isZero();
            assertThat(up.output())
                    .anySatisfy(l -> assertThat(l).contains("manager").contains("is restarting (exit code 137"))
                    .anySatisfy(l -> assertThat(l).contains("-> you: The item page is built and checked"))
                    .anySatisfy(l -> assertThat(l).contains("backend").contains("skipped a malformed line"))
                    .anySatisfy(l -> assertThat(l).contains("== peers-team: done: every task is done"));
        }
        assertThat(TestRepos.git(repo, "show", "peers/frontend:web/index.html")).contains("plum");
    }
}
