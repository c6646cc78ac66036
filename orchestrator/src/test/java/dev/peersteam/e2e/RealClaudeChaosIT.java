package dev.peersteam.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.peersteam.chaos.ChaosReport;
import dev.peersteam.chaos.ChaosRun;
import dev.peersteam.chaos.ChaosSettings;
import dev.peersteam.chaos.ChaosTeam;
import dev.peersteam.chaos.ScriptedTeamWork;
import dev.peersteam.chaos.ScriptedTeamWork.PlannedTask;
import dev.peersteam.testing.ClaudeCliForTests;
import dev.peersteam.testing.FakeAnthropicApi;
import dev.peersteam.testing.TestRepos;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * Exactly once under faults with the real {@code claude} CLI (2.1.328) against the fake Messages API (issue 10,
 * item 9): a lead that plans four tasks and sends numbered notes, two workers that do the tasks, tell each other and
 * answer the notes; the coordinator is SIGKILLed at random instants (each kill followed by {@code up}), one agent is
 * SIGKILLed mid-turn and one SIGSTOPped for longer than a turn; then {@code up --until-done} must finish. Checked as
 * in {@link ChaosIT}, at the agents: every message the journal says was posted to a role is in that role's
 * transcripts exactly once. The fake model decides each reply from the whole conversation, so a session resumed
 * after any kill goes on where its transcript says it was ({@link ScriptedTeamWork}).
 */
class RealClaudeChaosIT {
    private static final List<PlannedTask> PLAN = List.of(
            new PlannedTask("Part 1", "w1", List.of()),
            new PlannedTask("Part 2", "w2", List.of()),
            new PlannedTask("Part 3", "w1", List.of("T1", "T2")),
            new PlannedTask("Part 4", "w2", List.of("T2", "T3")));

    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path temp;

    @Test
    void sixCoordinatorKillsAnAgentKillAndAStopLoseNothingAndRepeatNothing() throws Exception {
        Path repo = TestRepos.init(temp.resolve("repo"));
        Files.writeString(repo.resolve("team.yaml"), """
                name: chaos
                goal: "Build the four parts."
                defaults:
                  model: claude-sonnet-4-5
                  permission_mode: acceptEdits
                  sandbox: false
                roles:
                  lead: {lead: true, prompt: "You plan."}
                  w1: {prompt: "You build."}
                  w2: {prompt: "You build."}
                """);
        Map<String, Path> worktrees = Map.of(
                "w1", repo.resolve("worktrees/w1"),
                "w2", repo.resolve("worktrees/w2"));
        try (FakeAnthropicApi api = FakeAnthropicApi.start(ScriptedTeamWork.team(PLAN, 4, worktrees))) {
            Path home = temp.resolve("home");
            Map<String, String> env = new HashMap<>(ClaudeCliForTests.environmentFor(api, home));
            env.put("PEERS_TEAM_CLAUDE", ClaudeCliForTests.binary().toString());
            ChaosTeam team =
                    new ChaosTeam(repo, "team.yaml", List.of("lead", "w1", "w2"), env, home.resolve(".claude"));
            ChaosSettings settings = new ChaosSettings(
                    ChaosSettings.seedFromProperty(),
                    ChaosSettings.intProperty("kills", 6),
                    ChaosSettings.intProperty("agentKills", 1),
                    ChaosSettings.intProperty("stops", 1),
                    Duration.ofSeconds(4),
                    Duration.ofSeconds(90),
                    Duration.ofSeconds(2),
                    Duration.ofSeconds(180),
                    null,
                    ChaosSettings.thisJava(),
                    Path.of("target", "peers-team.jar").toAbsolutePath());
            ChaosReport report = ChaosRun.run(team, settings, temp, System.out);

            assertThat(report.problems()).as(report.summary()).isEmpty();
            assertThat(report.coordinatorKills()).as(report.summary()).isEqualTo(settings.kills());
            assertThat(report.agentKills()).as(report.summary()).isEqualTo(settings.agentKills());
            assertThat(report.stops()).as(report.summary()).isEqualTo(settings.stops());
            assertThat(report.tasks()).as(report.summary()).isGreaterThanOrEqualTo(PLAN.size());
            assertThat(api.failures()).as("the fake model's script failed").isEmpty();
        }
    }
}
