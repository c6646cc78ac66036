package dev.peersteam.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.peersteam.coordinator.Coordinator;
import dev.peersteam.git.WorktreeSetupException;
import dev.peersteam.team.TeamFileLoader;
import dev.peersteam.team.TeamSpec;
import dev.peersteam.testing.TestRepos;
import dev.peersteam.text.HostileStrings;
import dev.peersteam.text.HostileStrings.Hostile;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What {@code up} prints before the team runs (worktrees, setup steps from the team file) is printed as text. */
class HostileRuntimeOutputTest {
    @TempDir
    Path tmp;

    @Test
    void setupStepsFromTheTeamFileArePrintedAsEscapes() throws Exception {
        Path repo = TestRepos.init(tmp.resolve("repo"));
        List<Hostile> hostile = HostileStrings.all();
        // every step succeeds but the last: a command with NUL cannot even start
        String steps = hostile.stream()
                .sorted((a, b) ->
                        Boolean.compare(a.text().indexOf('\0') >= 0, b.text().indexOf('\0') >= 0))
                .map(h -> HostileStrings.yamlQuoted("true '" + h.text().replace("'", "'\\''") + "'"))
                .collect(Collectors.joining(", "));
        Files.writeString(repo.resolve("team.yaml"), """
                setup: [%s]
                roles:
                  lead: {prompt: "You lead."}
                """.formatted(steps));
        TeamSpec team = TeamFileLoader.load(repo.resolve("team.yaml"));
        StringWriter printed = new StringWriter();
        TeamRuntime runtime = new TeamRuntime(
                Map.of("PEERS_TEAM_CLAUDE", "/bin/true", "PATH", System.getenv("PATH")),
                new PrintWriter(printed),
                Clock.systemUTC());

        assertThatThrownBy(() -> runtime.up(team, Coordinator.Settings.headless(), event -> {}))
                .isInstanceOf(WorktreeSetupException.class);

        String out = printed.toString();
        assertThat(out).contains("peers-team: lead: created worktree").contains("... FAILED");
        for (Hostile h : hostile) {
            if (h.survivesUtf8()) {
                HostileStrings.assertShown(out, h, false);
            } else {
                HostileStrings.assertInert(out, "\n");
            }
        }
    }
}
