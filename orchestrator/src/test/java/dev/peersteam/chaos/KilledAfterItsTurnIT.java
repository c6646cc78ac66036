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
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * The narrowest window the chaos run found (issue 10): an agent SIGKILLed right after a turn ended, before its CLI
 * wrote that turn to the transcript (the sim writes 100 ms behind its frames, the real CLI 50–900 ms). The message
 * was delivered ({@code started}) and its turn ended cleanly, so it is neither in the mailbox nor cut work; the
 * resumed session's transcript does not have it, so its conversation lacks it: lost, unless the coordinator sends
 * it again. Three times: a person sends w1 a message, the test SIGKILLs w1's agent as soon as the live log says w1's
 * turn is done, and the coordinator restarts it; then {@code up --until-done} ends the quiet team.
 *
 * <p>The design (docs/messaging.md, "Crashes"): at least once with a warning beats a silent loss in this one window.
 * So each message must be in w1's transcripts exactly once (not lost, and not taken again where the transcript kept
 * it); and a message written to w1's stdin again must have been preceded, in what w1 was given and in what it took,
 * by the notice from {@code peers-team} that names it ("lost its record of its last turn … check first"). A kill that
 * comes too late to beat the transcript leaves nothing to send again; the test says how many kills won the race and
 * never fails for that reason.
 */
class KilledAfterItsTurnIT {
    private static final Duration GUARD = Duration.ofSeconds(60);

    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path temp;

    @Test
    void aMessageWhoseTurnEndedJustBeforeItsAgentWasKilledIsStillTakenOnce() throws Exception {
        Path repo = TestRepos.init(temp.resolve("repo"));
        Files.writeString(repo.resolve("sim.yaml"), """
                roles:
                  "*":
                    rules:
                      - on: message
                        from: peers-team
                        do:
                          - say: "Checked."
                      - on: message
                        do:
                          - say: "Noted: $text"
                """);
        Files.writeString(repo.resolve("team.yaml"), """
                name: lag
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
        List<String> sent = new ArrayList<>();
        try (UpProcess up = UpProcess.start(
                java, jar, repo, env, Set.of("lead", "w1"), temp.resolve("up.log"), sweep::track, "up", "team.yaml")) {
            assertThat(up.awaitReady(GUARD)).as("every role ready").isTrue();
            for (int i = 1; i <= 3; i++) {
                String text = "message " + i + " for w1";
                int mark = up.lineCount();
                assertThat(run(java, jar, repo, env, "send", "w1", text)).isZero();
                sent.add(text);
                // the turn that handled this message, not one still running on the last restart's notice and re-send
                int noted =
                        up.awaitLine(mark, l -> l.matches("^\\S+ w1\\s+says: Noted: .*") && l.contains(text), GUARD);
                assertThat(noted).as("w1 handles " + text).isNotNegative();
                int done = up.awaitLine(noted, l -> l.matches("^\\S+ w1\\s+turn done.*"), GUARD);
                assertThat(done).as("w1's turn on " + text).isNotNegative();
                ProcessHandle agent = up.agent("w1").orElseThrow();
                agent.destroyForcibly(); // before the transcript has the turn, most of the time
                agent.onExit().get(15, TimeUnit.SECONDS);
                int restarted = up.awaitLine(
                        done, l -> l.matches("^\\S+ w1\\s+is starting \\(pid (?!" + agent.pid() + "\\b).*"), GUARD);
                assertThat(restarted).as("w1 restarted").isNotNegative();
                assertThat(up.awaitLine(restarted, l -> l.matches("^\\S+ w1\\s+is idle.*"), GUARD))
                        .as("w1 ready again")
                        .isNotNegative();
            }
            sweep.trackAll(up.descendants());
            up.kill();
            up.waitFor(GUARD);
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
        } finally {
            ProcessSweep.killAll(sweep.alive(List.of(temp + "/")));
        }
        JournalFacts journal = JournalFacts.read(repo.resolve(".peers/journal.jsonl"));
        TakenLedger taken = TakenLedger.read(
                config, Map.of("lead", repo.resolve("worktrees/lead"), "w1", repo.resolve("worktrees/w1")));
        StdinWrites stdin = StdinWrites.read(repo.resolve(".peers/logs"));
        List<String> wrong = new ArrayList<>();
        int resent = 0;
        for (String text : sent) {
            JournalFacts.Posted message = journal.posted().values().stream()
                    .filter(m -> m.to().equals("w1") && m.text().equals(text))
                    .findFirst()
                    .orElseThrow();
            String what = "\"" + text + "\" (" + message.id() + ", journal line " + message.line() + ")";
            List<TakenLedger.Proof> proofs = taken.proofs("w1", message.id());
            if (proofs.size() != 1) {
                wrong.add(what + " is in w1's transcripts " + proofs.size() + " times " + proofs);
                continue;
            }
            List<Integer> writes = stdin.positions("w1", message.id());
            if (writes.size() < 2) {
                continue; // the transcript kept the turn: nothing to send again
            }
            resent++;
            String header = "[from human · " + message.id() + "]";
            List<JournalFacts.Posted> notices = journal.posted().values().stream()
                    .filter(m -> m.from().equals("peers-team") && m.to().equals("w1"))
                    .filter(m ->
                            m.text().contains("lost its record") && m.text().contains(header))
                    .toList();
            if (notices.size() != 1) {
                wrong.add(what + " was written to w1 " + writes.size() + " times, with " + notices.size()
                        + " notices that name it (want 1)");
                continue;
            }
            JournalFacts.Posted notice = notices.getFirst();
            List<Integer> noticeWrites = stdin.positions("w1", notice.id());
            int again = writes.getLast();
            if (noticeWrites.isEmpty() || noticeWrites.getFirst() > again) {
                wrong.add(what + " was written to w1 again (write " + again + ") before the notice " + notice.id()
                        + " that warns of it (writes " + noticeWrites + ")");
            }
            List<TakenLedger.Proof> noticeTaken = taken.proofs("w1", notice.id());
            TakenLedger.Proof taking = proofs.getFirst();
            if (noticeTaken.size() != 1
                    || !noticeTaken.getFirst().file().equals(taking.file())
                    || noticeTaken.getFirst().order() > taking.order()) {
                wrong.add(what + " was taken (" + taking + ") but not after one take of its notice " + notice.id()
                        + " in the same session " + noticeTaken);
            }
        }
        System.out.println("KilledAfterItsTurnIT: " + resent + " of " + sent.size()
                + " kills beat w1's transcript (those messages were sent again)");
        assertThat(wrong)
                .as("w1's transcripts %s; evidence in %s", taken.sessionFiles().get("w1"), temp)
                .isEmpty();
    }

    private static int run(Path java, Path jar, Path repo, Map<String, String> env, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(java.toString(), "-jar", jar.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder =
                new ProcessBuilder(command).directory(repo.toFile()).redirectErrorStream(true);
        builder.environment().clear();
        builder.environment().putAll(env);
        Process process = builder.start();
        process.getInputStream().transferTo(System.out);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return process.exitValue();
    }
}
