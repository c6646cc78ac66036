package dev.peersteam.team;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.peersteam.agent.ClaudeCommand;
import dev.peersteam.agent.sim.SimAgentMain;
import dev.peersteam.tools.TeamToolCatalog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code agent: sim} with its behaviour script: read, checked, and launched as the simulated agent. */
class SimAgentTeamFileTest {
    @TempDir
    Path dir;

    @Test
    void aSimRoleRunsTheSimulatedAgentWithItsScript() throws Exception {
        Files.writeString(dir.resolve("sim.yaml"), "roles: {}\n");
        Path file = Files.writeString(dir.resolve("team.yaml"), """
                defaults: {agent: sim, sim_script: sim.yaml}
                roles:
                  lead: {}
                  real: {agent: claude}
                """);
        TeamSpec team = TeamFileLoader.load(file);
        RoleSpec lead = team.role("lead").orElseThrow();
        assertThat(lead.agent()).isEqualTo(AgentKind.SIM);
        assertThat(lead.simScript()).isEqualTo(dir.resolve("sim.yaml"));

        ClaudeCommand command = new ClaudeCommand(team, new TeamToolCatalog(), Map.of("PATH", "/nowhere"));
        assertThat(command.argv(lead, "sess-1", false))
                .contains(
                        SimAgentMain.class.getName(),
                        "--script",
                        dir.resolve("sim.yaml").toString(),
                        "--input-format",
                        "stream-json",
                        "--mcp-config");
        assertThat(command.executableExists(lead)).isTrue();
        assertThat(command.executableExists(team.role("real").orElseThrow()))
                .as("no claude on /nowhere")
                .isFalse();
    }

    @Test
    void aMissingScriptIsReportedWhereItIsNamed() throws Exception {
        Path file = Files.writeString(dir.resolve("team.yaml"), """
                roles:
                  lead: {agent: sim, sim_script: nope.yaml}
                """);
        TeamFileException e = catchThrowableOfType(TeamFileException.class, () -> TeamFileLoader.load(file));
        assertThat(e.problems()).singleElement().satisfies(p -> {
            assertThat(p.line() + ":" + p.column()).isEqualTo("2:34");
            assertThat(p.message()).contains("sim_script not found").contains("nope.yaml");
        });
    }
}
