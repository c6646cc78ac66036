package dev.peersteam.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.peersteam.testing.CoordinatorProcess;
import dev.peersteam.testing.TestRepos;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Scenarios that once hung or killed the coordinator, end to end with simulated agents: a journaled task for a role
 * that was removed from the team file, a role that answers each reminder with a note, and a merge that git refuses.
 * Each ran forever (or died at every up) before; each must now end on its own.
 */
class FaultScenariosIT {
    private static final Duration RUN = Duration.ofSeconds(90);

    @TempDir
    Path temp;

    private Path repo;
    private Map<String, String> env;

    @BeforeEach
    void repository() throws Exception {
        repo = TestRepos.init(temp.resolve("repo"));
        try (InputStream script =
                FaultScenariosIT.class.getResourceAsStream("/dev/peersteam/e2e/sim-fault-scenarios.yaml")) {
            Files.write(repo.resolve("sim.yaml"), script.readAllBytes());
        }
        env = Map.of("PATH", "/usr/bin:/bin", "HOME", temp.toString());
    }

    private void teamFile(String goal, String... roles) throws Exception {
        StringBuilder text = new StringBuilder(
                "name: scenario\ngoal: \"" + goal + "\"\n" + "defaults: {agent: sim, sim_script: sim.yaml}\nroles:\n");
        for (int i = 0; i < roles.length; i++) {
            text.append("  ").append(roles[i]).append(i == 0 ? ": {lead: true}\n" : ": {}\n");
        }
        Files.writeString(repo.resolve("team.yaml"), text.toString());
    }

    private CoordinatorProcess upUntilDone() throws Exception {
        return CoordinatorProcess.start(repo, env, "up", "--until-done", "team.yaml");
    }

    @Test
    void aTaskOfARoleRemovedFromTheTeamFileGoesBackToTheLeadAndTheNextUpFinishes() throws Exception {
        teamFile("give old a task", "lead", "api", "old");
        try (CoordinatorProcess up = upUntilDone()) {
            assertThat(up.waitFor(RUN))
                    .as("old never does T1: the first run is stuck")
                    .isEqualTo(1);
            assertThat(up.output()).anySatisfy(l -> assertThat(l).contains("STUCK"));
        }
        teamFile("give old a task", "lead", "api"); // old is removed
        try (CoordinatorProcess up = upUntilDone()) {
            assertThat(up.waitFor(RUN)).as("exit code of the second up").isZero();
            assertThat(up.output())
                    .anySatisfy(l -> assertThat(l).contains("old is not in the team file any more"))
                    .anySatisfy(l -> assertThat(l).contains("T1 is api's now"))
                    .anySatisfy(l -> assertThat(l).contains("done: every task is done"))
                    .noneSatisfy(l -> assertThat(l).contains("internal error"));
        }
    }

    @Test
    void aRoleThatAnswersEveryReminderWithANoteIsNotRemindedInALoop() throws Exception {
        teamFile("keep api busy", "lead", "api");
        try (CoordinatorProcess up = upUntilDone()) {
            assertThat(up.waitFor(RUN)).as("ends as STUCK").isEqualTo(1);
            assertThat(up.output())
                    .filteredOn(l -> l.contains("board      -> api: Reminder"))
                    .as("reminded once; its own notes are no news")
                    .hasSize(1);
            assertThat(up.output()).anySatisfy(l -> assertThat(l).contains("STUCK"));
        }
    }

    @Test
    void aMergeThatGitRefusesStillAnswersTheLeadsToolCall() throws Exception {
        teamFile("merge api", "lead", "api");
        try (CoordinatorProcess up = upUntilDone()) {
            assertThat(up.waitFor(RUN)).as("exit code of up --until-done").isZero();
            assertThat(up.output())
                    .anySatisfy(l -> assertThat(l).contains("lead").contains("says: The merge tool answered."))
                    .anySatisfy(l -> assertThat(l).contains("done: everyone is idle"));
        }
    }
}
