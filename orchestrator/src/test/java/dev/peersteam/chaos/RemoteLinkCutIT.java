package dev.peersteam.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import dev.peersteam.testing.CoordinatorProcess;
import dev.peersteam.testing.NetnsSshHost;
import dev.peersteam.testing.SimCommand;
import dev.peersteam.testing.TestRepos;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The link to a worker's host cut in the middle of its turn (issue 16): {@code ip link set ... down} on the veth of a
 * {@link NetnsSshHost}. Restored after the coordinator has noticed and failed to reconnect, the worker's session is
 * resumed on the host and the board finishes, every message taken exactly once by the sessions that got it (read
 * from their transcripts, the lead's here and the worker's on the host). Kept down, the worker ends CRASHED after its
 * restarts, and the lead is told that its task went back to the board. Either way no agent process is left on the
 * host.
 */
class RemoteLinkCutIT {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final Pattern STARTING =
            Pattern.compile("worker\\s+is starting \\(pid \\d+, session ([0-9a-f-]+)\\)");

    @TempDir
    static Path shared;

    private static NetnsSshHost host;
    private static Path farConfig;

    @TempDir
    Path temp;

    private Path repo;

    @BeforeAll
    static void startHost() throws Exception {
        farConfig = shared.resolve("far-claude");
        host = NetnsSshHost.start(shared.resolve("host"), Map.of("CLAUDE_CONFIG_DIR", farConfig.toString()));
    }

    @AfterAll
    static void stopHost() {
        if (host != null) {
            host.close();
        }
    }

    /** A lead here that gives the worker one task; the worker there spends {@code workMillis} on it. */
    private void team(int workMillis) throws Exception {
        repo = TestRepos.init(temp.resolve("repo"));
        TestRepos.git(repo, "config", "user.name", "peers test");
        TestRepos.git(repo, "config", "user.email", "test@peers.invalid");
        Path script = temp.resolve("sim.yaml");
        Files.writeString(script, """
                roles:
                  lead:
                    rules:
                      - on: start
                        do:
                          - tool: {name: create_task, input: {title: "Write hello.txt", assignee: worker}}
                          - say: "Asked the worker."
                      - on: message
                        from: worker
                        do:
                          - say: "Lead heard: $text"
                      - on: message
                        do:
                          - say: "Lead noted: $text"
                  worker:
                    rules:
                      - on: task
                        do:
                          - tool: {name: update_task, input: {id: $task, status: in_progress}}
                          - sleep: %d
                          - write: {path: hello.txt, content: "hello from the far host\\n"}
                          - commit: "worker: hello"
                          - tool: {name: update_task, input: {id: $task, status: done}}
                          - send: {to: lead, text: "$task is done on the far host"}
                          - say: "Finished $task."
                      - on: message
                        do:
                          - say: "Worker noted: $text"
                """.formatted(workMillis));
        Files.writeString(
                repo.resolve("team.yaml"), """
                name: cut
                goal: "Start."
                defaults:
                  command: [%s]
                  permission_mode: acceptEdits
                  allowed_tools: ["Bash(git *)"]
                roles:
                  lead: {lead: true}
                  worker:
                    host: %s
                    remote_dir: %s
                """.formatted(SimCommand.yamlList(script), NetnsSshHost.ALIAS, farDir()));
    }

    /** The test's remote_dir, in the host's own file system. */
    private Path farDir() {
        return host.farRoot().resolve(temp.getFileName().toString());
    }

    private Map<String, String> env() {
        return Map.of(
                "PATH", System.getenv("PATH"),
                "HOME", temp.toString(),
                "CLAUDE_CONFIG_DIR", temp.resolve("near-claude").toString(),
                "PEERS_TEAM_SSH", host.sshClient());
    }

    private int run(String... args) throws Exception {
        try (CoordinatorProcess verb = CoordinatorProcess.start(repo, env(), args)) {
            return verb.waitFor(WAIT);
        }
    }

    @Test
    void aLinkCutMidTurnAndRestoredResumesTheSessionOnTheHostAndLosesNothing() throws Exception {
        team(3000);
        try (CoordinatorProcess up = CoordinatorProcess.start(repo, env(), "up", "--no-console", "team.yaml")) {
            up.awaitLine(l -> l.contains("board: T1 in_progress"), WAIT);
            host.cut();
            try {
                up.awaitLine(l -> l.matches(".*worker\\s+CRASHED with code 255.*"), WAIT);
                // a restart while the host is unreachable fails as well, and counts as a crash
                up.awaitLine(l -> l.contains("restart 2 of 5"), WAIT);
            } finally {
                host.restore();
            }
            up.awaitLine(l -> l.contains("Lead heard: T1 is done on the far host"), WAIT);
            up.awaitLine(l -> l.contains("the board is done"), WAIT);
            assertThat(run("down")).isZero();
            assertThat(up.waitFor(WAIT)).isZero();

            List<String> sessions = new ArrayList<>();
            for (String line : up.output()) {
                Matcher starting = STARTING.matcher(line);
                if (starting.find()) {
                    sessions.add(starting.group(1));
                }
            }
            assertThat(sessions)
                    .as("the worker was started again after the cut")
                    .hasSizeGreaterThan(1);
            assertThat(sessions).as("and resumed its session on the host").containsOnly(sessions.getFirst());
            assertThat(up.output())
                    .filteredOn(l -> l.contains("Lead heard: T1 is done on the far host"))
                    .as("the lead heard of the task once")
                    .hasSize(1);
        }
        assertEveryMessageTakenOnce();
        assertThat(TestRepos.git(repo, "log", "--format=%s", "main..peers/worker"))
                .as("the worker's commit, once, fetched back after the cut")
                .isEqualTo("worker: hello\n");
        awaitNoAgentThere(Duration.ofSeconds(5));
    }

    @Test
    void aLinkKeptDownEndsTheWorkerAsCrashedAndTellsTheLead() throws Exception {
        team(30_000);
        try (CoordinatorProcess up = CoordinatorProcess.start(repo, env(), "up", "--no-console", "team.yaml")) {
            up.awaitLine(l -> l.contains("board: T1 in_progress"), WAIT);
            host.cut();
            try {
                up.awaitLine(l -> l.matches(".*worker\\s+is crashed.*"), WAIT);
                up.awaitLine(l -> l.contains("Lead noted:") && l.contains("T1"), WAIT);
                // the host's sshd gives up on the dead link, and the agent's wrapper ends it
                awaitNoAgentThere(Duration.ofSeconds(15));
            } finally {
                host.restore();
            }
            assertThat(run("down")).isZero();
            assertThat(up.waitFor(WAIT)).isZero();
        }
        awaitNoAgentThere(Duration.ofSeconds(5));
    }

    /** Each message the journal posted to a role is in that role's transcripts exactly once. */
    private void assertEveryMessageTakenOnce() throws Exception {
        JournalFacts journal = JournalFacts.read(repo.resolve(".peers/journal.jsonl"));
        TakenLedger near =
                TakenLedger.read(temp.resolve("near-claude"), Map.of("lead", repo.resolve("worktrees/lead")));
        TakenLedger far = TakenLedger.read(farConfig, Map.of("worker", farDir().resolve("worker")));
        List<String> wrong = new ArrayList<>();
        for (JournalFacts.Posted message : journal.posted().values()) {
            TakenLedger ledger = message.to().equals("worker") ? far : near;
            List<TakenLedger.Proof> proofs = ledger.proofs(message.to(), message.id());
            if (proofs.size() != 1) {
                wrong.add(message.to() + " took \"" + message.text() + "\" (" + message.id() + ") " + proofs.size()
                        + " times " + proofs);
            }
        }
        assertThat(journal.posted()).as("messages in the journal").isNotEmpty();
        assertThat(wrong).as("messages not taken exactly once").isEmpty();
    }

    private static void awaitNoAgentThere(Duration timeout) throws InterruptedException {
        Instant until = Instant.now().plus(timeout);
        List<ProcessHandle> left = host.processesThere("SimAgentMain");
        while (!left.isEmpty() && Instant.now().isBefore(until)) {
            Thread.sleep(200);
            left = host.processesThere("SimAgentMain");
        }
        assertThat(left).as("agent processes left on the host").isEmpty();
    }
}
