package dev.peersteam.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.peersteam.chaos.ChaosReport;
import dev.peersteam.chaos.ChaosRun;
import dev.peersteam.chaos.ChaosSettings;
import dev.peersteam.chaos.ChaosTeam;
import dev.peersteam.chaos.SimChaosTeam;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * Exactly once under faults, with simulated agents (issue 10, item 9): a lead and two workers pass tasks and
 * messages while the coordinator is SIGKILLed 50 times at random instants (each kill followed by {@code up}), ten
 * agents are SIGKILLed mid-turn and one is SIGSTOPped for longer than a turn; then {@code up --until-done} must
 * finish. Every message the journal says was posted to a role must be in that role's transcripts exactly once, the
 * board must be done, nothing may hang, and no process may be left. See {@link dev.peersteam.chaos} for what
 * "exactly once" means when a kill cuts a turn.
 *
 * <p>The plan comes from a seed, printed first; {@code -Dchaos.seed=N} runs a plan again ({@code -Dchaos.kills=N}
 * changes its length). A failing run keeps its folder (journal, transcripts, every up's output, the report) and
 * prints where it is.
 */
class ChaosIT {
    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path temp;

    @Test
    void fiftyCoordinatorKillsTenAgentKillsAndAStopLoseNothingAndRepeatNothing() throws Exception {
        ChaosTeam team = SimChaosTeam.create(temp);
        ChaosSettings settings = new ChaosSettings(
                ChaosSettings.seedFromProperty(),
                ChaosSettings.intProperty("kills", 50),
                ChaosSettings.intProperty("agentKills", 10),
                ChaosSettings.intProperty("stops", 1),
                Duration.ofSeconds(6),
                Duration.ofSeconds(60),
                Duration.ofSeconds(2),
                Duration.ofSeconds(180),
                SimChaosTeam.PLAN_DONE,
                ChaosSettings.thisJava(),
                Path.of("target", "peers-team.jar").toAbsolutePath());
        ChaosReport report = ChaosRun.run(team, settings, temp, System.out);

        assertThat(report.problems()).as(report.summary()).isEmpty();
        assertThat(report.coordinatorKills()).as(report.summary()).isEqualTo(settings.kills());
        assertThat(report.agentKills()).as(report.summary()).isEqualTo(settings.agentKills());
        assertThat(report.stops()).as(report.summary()).isEqualTo(settings.stops());
        assertThat(report.messages()).as(report.summary()).isPositive();
    }
}
