package dev.peersteam.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import dev.peersteam.testing.TestRepos;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * A window of the very first {@code up} that the chaos plan cannot aim at from outside (it lasts the few milliseconds
 * of starting the sessions). Each launch is journaled and synced at once, and a journal with a launch is not fresh:
 * the next {@code up} does not post the goal again. So the goal must be on disk before the first launch; when it was
 * journaled after the launches (as it was until the chaos suite found it), a kill in between lost the person's first
 * message. The journal the earliest such kill leaves is made here exactly: a first {@code up} is SIGKILLed, its
 * journal is cut right after its first {@code session_launched} record (everything later had not been written when
 * that kill came), and its sessions' transcripts are removed (in that window no session had been sent anything).
 * Then {@code up --until-done} must give the lead its goal, once. (Against the old order the cut journal holds no
 * goal, and the lead never gets it: this test fails.)
 */
class GoalOfAKilledFirstUpIT {
    private static final Duration GUARD = Duration.ofSeconds(60);

    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path temp;

    @Test
    void theGoalIsGivenWhenTheFirstUpDiedBeforeItWasJournaled() throws Exception {
        Path repo = TestRepos.init(temp.resolve("repo"));
        Files.writeString(repo.resolve("sim.yaml"), """
                roles:
                  "*":
                    rules:
                      - on: message
                        do:
                          - say: "Noted."
                """);
        Files.writeString(repo.resolve("team.yaml"), """
                name: goal
                goal: "Plan the release."
                defaults: {agent: sim, sim_script: sim.yaml}
                roles:
                  lead: {lead: true}
                  w1: {}
                """);
        Path config = temp.resolve("claude-config");
        Map<String, String> env =
                Map.of("PATH", System.getenv("PATH"), "HOME", temp.toString(), "CLAUDE_CONFIG_DIR", config.toString());
        Path java = ChaosSettings.thisJava();
        Path jar = Path.of("target", "peers-team.jar").toAbsolutePath();
        ProcessSweep sweep = new ProcessSweep();
        try {
            try (UpProcess first = UpProcess.start(
                    java,
                    jar,
                    repo,
                    env,
                    Set.of("lead", "w1"),
                    temp.resolve("first.log"),
                    sweep::track,
                    "up",
                    "team.yaml")) {
                assertThat(first.awaitReady(GUARD)).isTrue();
                sweep.trackAll(first.descendants());
                first.kill();
                first.waitFor(GUARD);
            }
            ProcessSweep.killAll(sweep.alive(List.of(temp + "/")));
            Path journal = repo.resolve(".peers/journal.jsonl");
            List<String> kept = new ArrayList<>();
            for (String line : Files.readAllLines(journal)) {
                kept.add(line);
                if (line.contains("\"type\":\"session_launched\"")) {
                    break; // the first launch, synced at once: all after it was not yet written when the kill came
                }
            }
            assertThat(kept)
                    .as("the journal holds its creation and a launch")
                    .first()
                    .asString()
                    .contains("\"type\":\"journal_created\"");
            assertThat(kept).last().asString().contains("\"type\":\"session_launched\"");
            Files.write(journal, kept);
            Files.createDirectories(config);
            try (Stream<Path> files = Files.walk(config)) {
                for (Path file :
                        files.filter(f -> f.toString().endsWith(".jsonl")).toList()) {
                    Files.delete(file);
                }
            }

            try (UpProcess last = UpProcess.start(
                    java,
                    jar,
                    repo,
                    env,
                    Set.of("lead", "w1"),
                    temp.resolve("final.log"),
                    sweep::track,
                    "up",
                    "--until-done",
                    "team.yaml")) {
                assertThat(last.waitFor(GUARD)).as("up --until-done ends").hasValue(0);
            }
        } finally {
            ProcessSweep.killAll(sweep.alive(List.of(temp + "/")));
        }
        TakenLedger taken = TakenLedger.read(
                config, Map.of("lead", repo.resolve("worktrees/lead"), "w1", repo.resolve("worktrees/w1")));
        assertThat(taken.headers())
                .as(
                        "what the lead was given from the person (its transcripts %s; evidence in %s)",
                        taken.sessionFiles().get("lead"), temp)
                .filteredOn(h -> h.role().equals("lead") && h.sender().equals("human"))
                .hasSize(1);
    }
}
