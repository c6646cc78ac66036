package dev.peersteam.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.peersteam.testing.TestRepos;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A file validate accepts is a file up starts: the same checks, one after the other. */
class ValidateThenUpTest {
    @TempDir
    Path repo;

    private final Map<String, String> environment =
            Map.of("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));

    @Test
    @Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void aSimTeamThatValidatesStartsAndRunsToTheEnd() throws Exception {
        TestRepos.init(repo);
        Files.createDirectories(repo.resolve("sim"));
        Files.writeString(repo.resolve("sim/script.yaml"), """
                roles:
                  solo:
                    rules:
                      - on: start
                        do: [{say: ready}]
                """);
        Path file = Files.writeString(repo.resolve("team.yaml"), """
                base: main
                defaults: {agent: sim, sim_script: sim/script.yaml}
                roles:
                  solo:
                """);

        StringWriter validateOut = new StringWriter();
        StringWriter validateErr = new StringWriter();
        int validate = Main.run(
                new PrintWriter(validateOut, true),
                new PrintWriter(validateErr, true),
                environment,
                "validate",
                file.toString());
        assertThat(validate).as(validateErr.toString()).isZero();
        assertThat(validateOut.toString()).contains("team.yaml is valid: 1 role, lead solo.");

        StringWriter upOut = new StringWriter();
        StringWriter upErr = new StringWriter();
        int up = Main.run(
                new PrintWriter(upOut, true),
                new PrintWriter(upErr, true),
                environment,
                "up",
                "--until-done",
                file.toString());

        assertThat(up).as(upOut + "\n" + upErr).isZero();
        assertThat(upOut.toString()).contains("solo: created worktree");
        assertThat(repo.resolve("worktrees/solo")).isDirectory();
    }
}
