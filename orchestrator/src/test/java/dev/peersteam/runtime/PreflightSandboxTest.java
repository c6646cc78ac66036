package dev.peersteam.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.peersteam.team.RoleSpec;
import dev.peersteam.team.TeamSpec;
import dev.peersteam.testing.TestTeams;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** validate knows what up knows: a role that asks for the sandbox where it cannot run is a problem of the file. */
class PreflightSandboxTest {
    @TempDir
    Path dir;

    private TeamSpec teamWith(Boolean sandbox) {
        TeamSpec plain = TestTeams.team(dir, null, "qa");
        RoleSpec qa = plain.roles().getFirst();
        RoleSpec asked = new RoleSpec(
                qa.name(),
                qa.lead(),
                qa.prompt(),
                qa.promptFile(),
                qa.agent(),
                qa.model(),
                qa.permissionMode(),
                qa.allowedTools(),
                qa.command(),
                qa.budgetUsd(),
                qa.description(),
                qa.agentFile(),
                qa.watches(),
                qa.simScript(),
                sandbox);
        return new TeamSpec(
                plain.file(),
                plain.name(),
                plain.repo(),
                plain.base(),
                plain.worktrees(),
                plain.goal(),
                plain.budgetUsd(),
                plain.setup(),
                plain.copy(),
                List.of(asked),
                plain.shared());
    }

    @Test
    void sandboxTrueWithoutBwrapAndSocatIsAFindingWithTheFix() throws Exception {
        Path empty = Files.createDirectory(dir.resolve("bin"));
        Preflight preflight = new Preflight(Map.of("PATH", empty.toString()));
        TeamSpec team = teamWith(true);

        assertThat(preflight.sandbox(team, team.roles().getFirst())).hasValueSatisfying(finding -> {
            assertThat(finding.message()).contains("bwrap and socat");
            assertThat(finding.fix())
                    .contains("apt-get install bubblewrap socat")
                    .contains("sandbox: false");
        });
    }

    @Test
    void theDefaultOrAnExplicitNoNeedsNothing() throws Exception {
        Path empty = Files.createDirectory(dir.resolve("bin"));
        Preflight preflight = new Preflight(Map.of("PATH", empty.toString()));
        for (Boolean sandbox : new Boolean[] {null, false}) {
            TeamSpec team = teamWith(sandbox);
            assertThat(preflight.sandbox(team, team.roles().getFirst()))
                    .as("sandbox: " + sandbox)
                    .isEmpty();
        }
    }

    @Test
    void withBothProgramsOnPathItRuns() throws Exception {
        Path bin = Files.createDirectory(dir.resolve("bin"));
        for (String program : List.of("bwrap", "socat")) {
            Path file = Files.writeString(bin.resolve(program), "#!/bin/sh\n");
            file.toFile().setExecutable(true);
        }
        TeamSpec team = teamWith(true);
        assertThat(new Preflight(Map.of("PATH", bin.toString()))
                        .sandbox(team, team.roles().getFirst()))
                .isEmpty();
    }
}
