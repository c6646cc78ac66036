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
 * of starting the sessions): each launch is journaled and synced at once, the goal only after every launch. A kill
 * in between leaves a journal with launches and no goal, and the next {@code up} does not repeat the goal of a run
 * that is not fresh: the person's first message is lost. The journal such a kill leaves is made here exactly: a first
 * {@code up} is SIGKILLed, and its journal is cut back to the records written before the goal (as the kill would have
 * left it), and its sessions' transcripts removed (in that window no session had been sent anything). Then
 * {@code up --until-done} must give the lead its goal, once.
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
                if (!line.contains("\"type\":\"journal_created\"") && !line.contains("\"type\":\"session_launched\"")) {
                    break; // the goal's record, and all after it: not yet written when the kill came
                }
                kept.add(line);
            }
            assertThat(kept)
                    .as("the journal starts with its creation and the launches")
                    .hasSizeGreaterThan(1);
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
