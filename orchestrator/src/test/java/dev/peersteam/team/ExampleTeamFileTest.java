package dev.peersteam.team;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The example and the role prompts shipped at the project root are what users start from: they must work. */
class ExampleTeamFileTest {
    private static final Path EXAMPLE = Path.of("../team.yaml.example");

    @Test
    void theExampleValidatesWithAManagerLeadAndFourWorkers() throws Exception {
        TeamSpec team = TeamFileLoader.load(EXAMPLE);

        assertThat(team.roleNames()).containsExactly("manager", "backend", "frontend", "reviewer", "qa");
        assertThat(team.lead().name()).isEqualTo("manager");
        assertThat(team.goal()).isNotBlank();
        assertThat(team.repo()).isEqualTo(EXAMPLE.toAbsolutePath().normalize().getParent());
        for (RoleSpec role : team.roles()) {
            assertThat(role.promptFile())
                    .as(role.name())
                    .isEqualTo(team.repo().resolve("roles/" + role.name() + ".md"));
            assertThat(role.prompt())
                    .as(role.name())
                    .startsWith("# Role: ")
                    .contains(
                            "mcp__peers__send_message",
                            "mcp__peers__update_task",
                            "never use the built-in" + " SendMessage tool",
                            "[from ROLE · ID]",
                            "worktree");
            assertThat(role.prompt().lines().count()).as(role.name()).isBetween(20L, 45L);
        }
    }
}
