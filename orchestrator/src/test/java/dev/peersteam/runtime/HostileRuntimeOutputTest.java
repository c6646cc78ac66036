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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@code up} prints before the team runs (worktrees, setup steps) is printed as text: here the repository lies
 * in folders named with every hostile string, as a clone may be, and every line about it shows them as escapes.
 */
class HostileRuntimeOutputTest {
    @TempDir
    Path tmp;

    @Test
    void theFoldersOfTheRepositoryArePrintedAsEscapes() throws Exception {
        List<Hostile> hostile = HostileStrings.all().stream()
                // no folder name holds NUL; one with a line break is refused by the team file's checks
                .filter(h -> h.text().indexOf('\0') < 0
                        && h.text().indexOf('\n') < 0
                        && h.text().indexOf('\r') < 0)
                .map(h -> new Hostile(
                        h.name(), h.text().replace('/', '_'), h.shows().replace('/', '_')))
                .toList();
        Path folder = tmp;
        for (int i = 0; i < hostile.size(); i++) {
            folder = folder.resolve(i + "-" + hostile.get(i).afterUtf8().replace('/', '_'));
        }
        Path repo = TestRepos.init(folder.resolve("repo"));
        Files.writeString(repo.resolve("team.yaml"), """
                setup: ["exit 3"]
                roles:
                  lead: {prompt: "You lead."}
                """);
        TeamSpec team = TeamFileLoader.load(repo.resolve("team.yaml"));
        StringWriter printed = new StringWriter();
        TeamRuntime runtime = new TeamRuntime(
                Map.of("PEERS_TEAM_CLAUDE", "/bin/true", "PATH", System.getenv("PATH")),
                new PrintWriter(printed),
                Clock.systemUTC());

        assertThatThrownBy(() -> runtime.up(team, Coordinator.Settings.headless(), event -> {}))
                .isInstanceOf(WorktreeSetupException.class);

        String out = printed.toString();
        assertThat(out).contains("peers-team: lead: created worktree").contains("run exit 3 ... FAILED");
        for (Hostile h : hostile) {
            HostileStrings.assertShownAfterUtf8(out, h, false);
        }
    }
}
