package dev.peersteam.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.peersteam.testing.ClaudeCliForTests;
import dev.peersteam.testing.CoordinatorProcess;
import dev.peersteam.testing.FakeAnthropicApi;
import dev.peersteam.testing.ModelReply;
import dev.peersteam.testing.NetnsSshHost;
import dev.peersteam.testing.Script;
import dev.peersteam.testing.SimCommand;
import dev.peersteam.testing.TestRepos;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A team whose worker runs on another host (issue 16): a network namespace with its own sshd
 * ({@link NetnsSshHost}), reached by the system's ssh client, while the lead runs here. A message and a task go each
 * way between them, with sim agents, and with the real {@code claude} as the worker there. The worker's worktree
 * lives in a folder on the host that this machine cannot see ({@link NetnsSshHost#farRoot()}), filled and read back
 * by git over ssh only.
 */
class RemoteHostIT {
    private static final Duration WAIT = Duration.ofSeconds(40);

    @TempDir
    static Path shared;

    private static NetnsSshHost host;

    @TempDir
    Path temp;

    @BeforeAll
    static void startHost() throws Exception {
        host = NetnsSshHost.start(
                shared.resolve("host"),
                Map.of("CLAUDE_CONFIG_DIR", shared.resolve("far-claude").toString()));
    }

    @AfterAll
    static void stopHost() {
        if (host != null) {
            host.close();
        }
    }

    private Path repo;
    private Path farDir;

    /** The team: a local lead that hands out one task and says hello; a worker on the host. */
    private void team(int workMillis) throws Exception {
        repo = TestRepos.init(temp.resolve("repo"));
        TestRepos.git(repo, "config", "user.name", "peers test");
        TestRepos.git(repo, "config", "user.email", "test@peers.invalid");
        farDir = host.farRoot().resolve(temp.getFileName().toString());
        Path script = temp.resolve("sim.yaml");
        Files.writeString(script, """
                roles:
                  lead:
                    rules:
                      - on: start
                        do:
                          - tool: {name: create_task, input: {title: "Write hello.txt", assignee: worker}}
                          - send: {to: worker, text: "ping from the lead"}
                          - say: "Asked the worker."
                      - on: task
                        contains: "is yours: Look at hello.txt"
                        do:
                          - tool: {name: update_task, input: {id: $task, status: in_progress}}
                          - tool: {name: update_task, input: {id: $task, status: done}}
                          - say: "Lead did $task from the worker."
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
                        contains: "is yours: Write hello.txt"
                        do:
                          - tool: {name: update_task, input: {id: $task, status: in_progress}}
                          - sleep: %d
                          - write: {path: hello.txt, content: "hello from the far host\\n"}
                          - commit: "worker: hello ($task)"
                          - tool: {name: update_task, input: {id: $task, status: done}}
                          - send: {to: lead, text: "$task is done on the far host"}
                          - tool: {name: create_task, input: {title: "Look at hello.txt", assignee: lead}}
                          - say: "Finished $task."
                      - on: message
                        from: lead
                        do:
                          - send: {to: lead, text: "pong: $text"}
                          - say: "Answered the lead."
                      - on: message
                        do:
                          - say: "Worker noted: $text"
                """.formatted(workMillis));
        Files.writeString(
                repo.resolve("team.yaml"), """
                name: far
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
                """.formatted(SimCommand.yamlList(script), NetnsSshHost.ALIAS, farDir));
    }

    private Map<String, String> env() {
        return Map.of(
                "PATH",
                System.getenv("PATH"),
                "HOME",
                temp.toString(),
                "CLAUDE_CONFIG_DIR",
                temp.resolve("near-claude").toString(),
                "PEERS_TEAM_SSH",
                host.sshClient());
    }

    private CoordinatorProcess up(String... more) throws Exception {
        String[] args = new String[more.length + 3];
        args[0] = "up";
        args[1] = "--no-console";
        System.arraycopy(more, 0, args, 2, more.length);
        args[args.length - 1] = "team.yaml";
        return CoordinatorProcess.start(repo, env(), args);
    }

    private int run(String... args) throws Exception {
        return runFor(args).exitCode();
    }

    private record Ran(int exitCode, List<String> output) {}

    private Ran runFor(String... args) throws Exception {
        try (CoordinatorProcess verb = CoordinatorProcess.start(repo, env(), args)) {
            int code = verb.waitFor(WAIT);
            return new Ran(code, verb.output());
        }
    }

    @Test
    void aWorkerOnAnotherHostTakesAMessageAndATaskAndItsCommitIsMergedHere() throws Exception {
        team(200);
        try (CoordinatorProcess up = up()) {
            up.awaitLine(l -> l.contains("Lead heard: T1 is done on the far host"), WAIT);
            up.awaitLine(l -> l.contains("Lead heard: pong: ping from the lead"), WAIT);
            up.awaitLine(l -> l.contains("Lead did T2 from the worker."), WAIT);
            up.awaitLine(l -> l.contains("the board is done"), WAIT);
            Ran ps = runFor("ps");
            assertThat(ps.exitCode()).isZero();
            assertThat(ps.output()).anyMatch(l -> l.matches("worker\\s+idle.*" + NetnsSshHost.ALIAS + ".*"));
            assertThat(ps.output()).anyMatch(l -> l.matches("lead\\*\\s+idle.*local.*"));
            assertThat(run("down")).isZero();
            assertThat(up.waitFor(WAIT)).isZero();
            assertThat(up.output()).anyMatch(l -> l.contains("worker: created worktree " + NetnsSshHost.ALIAS));
        }
        assertThat(Files.exists(repo.resolve("worktrees/worker")))
                .as("no local worktree for a remote role")
                .isFalse();
        assertThat(host.readThere(farDir.resolve("worker/hello.txt"))).isEqualTo("hello from the far host\n");
        assertThat(farDir)
                .as("the worktree is on the host only: here, its folder is not even there")
                .doesNotExist();
        assertThat(TestRepos.git(repo, "log", "--format=%s", "main..peers/worker"))
                .as("the worker's commit, fetched back into peers/worker")
                .contains("worker: hello (T1)");
        assertThat(run("merge", "worker")).isZero();
        assertThat(TestRepos.git(repo, "show", "main:hello.txt")).isEqualTo("hello from the far host\n");
        assertThat(host.processesThere("SimAgentMain"))
                .as("no agent left on the host after down")
                .isEmpty();
    }

    @Test
    void validateAsksTheHostAndLooksForTheAgentProgramThere() throws Exception {
        team(0);
        Ran valid = runFor("validate", "team.yaml");
        assertThat(valid.exitCode()).as(String.join("\n", valid.output())).isZero();
        assertThat(valid.output()).anyMatch(l -> l.contains("host") && l.contains(NetnsSshHost.ALIAS));

        Files.writeString(
                repo.resolve("team.yaml"),
                Files.readString(repo.resolve("team.yaml"))
                        .replace(
                                "    host: " + NetnsSshHost.ALIAS,
                                "    host: " + NetnsSshHost.ALIAS + "\n    command: [/nowhere/agent]"));
        Ran noProgram = runFor("validate", "team.yaml");
        assertThat(noProgram.exitCode()).isEqualTo(2);
        assertThat(noProgram.output())
                .anyMatch(l -> l.contains("the agent program '/nowhere/agent' is not found on host"));

        Files.writeString(
                repo.resolve("team.yaml"),
                Files.readString(repo.resolve("team.yaml"))
                        .replace("host: " + NetnsSshHost.ALIAS, "host: " + NetnsSshHost.CLOSED_ALIAS));
        Ran noHost = runFor("validate", "team.yaml");
        assertThat(noHost.exitCode()).isEqualTo(2);
        assertThat(noHost.output())
                .anyMatch(l -> l.contains("host '" + NetnsSshHost.CLOSED_ALIAS + "' does not answer over ssh"));
        assertThat(Files.exists(repo.resolve(".peers")))
                .as("validate creates nothing")
                .isFalse();
    }

    /**
     * The real {@code claude} as the worker on the host: the scripted fake model API listens on this machine's
     * address on the link (the host's 127.0.0.1 is its own), and the role's command gives the CLI its environment
     * there with {@code env}, as only the team's own variables cross the link. The CLI's team tools, its
     * acknowledgements and its transcript all work over ssh: it writes and commits a file there, leaves another
     * uncommitted, reports to the local lead; its commit comes back here, and down saves the rest as a WIP commit.
     */
    @Test
    void theRealClaudeAsTheWorkerThereCommitsAndReportsToTheLeadHere() throws Exception {
        repo = TestRepos.init(temp.resolve("repo"));
        TestRepos.git(repo, "config", "user.name", "peers test");
        TestRepos.git(repo, "config", "user.email", "test@peers.invalid");
        farDir = host.farRoot().resolve(temp.getFileName().toString());
        Path farFile = farDir.resolve("worker/hello.txt");
        Path farDraft = farDir.resolve("worker/draft.txt");
        Path script = temp.resolve("sim.yaml");
        Files.writeString(script, """
                roles:
                  lead:
                    rules:
                      - on: start
                        do:
                          - send: {to: worker, text: "please write hello.txt and commit it"}
                          - say: "Asked the worker."
                      - on: message
                        from: worker
                        do:
                          - say: "Lead heard: $text"
                """);
        Script worker = request -> {
            if (!request.isMainLoop() || !request.containsText("please write hello.txt and commit it")) {
                return ModelReply.text("ok");
            }
            return switch (request.toolUses().size()) {
                case 0 ->
                    ModelReply.toolUse(
                            "Write", Map.of("file_path", farFile.toString(), "content", "hello from claude there\n"));
                case 1 ->
                    ModelReply.toolUse(
                            "Bash",
                            Map.of(
                                    "command",
                                    "git add hello.txt && git commit -q -m 'claude: hello'",
                                    "description",
                                    "commit"));
                case 2 ->
                    ModelReply.toolUse(
                            "Write", Map.of("file_path", farDraft.toString(), "content", "not committed yet\n"));
                case 3 ->
                    ModelReply.toolUse(
                            "mcp__peers__send_message", Map.of("to", "lead", "text", "hello.txt is committed there"));
                default -> ModelReply.text("Done.");
            };
        };
        try (FakeAnthropicApi api = FakeAnthropicApi.start(worker, NetnsSshHost.addressHere())) {
            Path farHome = Files.createDirectories(temp.resolve("far-home"));
            List<String> claudeThere = List.of(
                    "env",
                    "ANTHROPIC_BASE_URL=" + api.baseUrl(),
                    "ANTHROPIC_API_KEY=sk-fake",
                    "CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC=1",
                    "DISABLE_AUTOUPDATER=1",
                    "DISABLE_TELEMETRY=1",
                    "DISABLE_ERROR_REPORTING=1",
                    "HOME=" + farHome,
                    // where the host's sessions keep their transcripts (the sshd's SetEnv), so a resume finds them
                    "CLAUDE_CONFIG_DIR=" + shared.resolve("far-claude"),
                    ClaudeCliForTests.binary().toString());
            Files.writeString(repo.resolve("team.yaml"), """
                    name: far
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
                        command: [%s]
                        model: claude-sonnet-4-5
                        sandbox: false
                        prompt: "You write files when asked."
                    """.formatted(
                    SimCommand.yamlList(script),
                    NetnsSshHost.ALIAS,
                    farDir,
                    String.join(
                            ", ",
                            claudeThere.stream().map(arg -> "\"" + arg + "\"").toList())));
            try (CoordinatorProcess up = up()) {
                up.awaitLine(l -> l.contains("Lead heard: hello.txt is committed there"), WAIT);
                assertThat(run("down")).isZero();
                assertThat(up.waitFor(WAIT)).isZero();
            }
            api.assertNoFailures();
        }
        assertThat(host.readThere(farFile)).isEqualTo("hello from claude there\n");
        assertThat(farDir).as("the worktree is on the host only").doesNotExist();
        assertThat(TestRepos.git(repo, "log", "--format=%s", "main..peers/worker"))
                .as("the commit claude made there, and its uncommitted work saved there by down, fetched back")
                .matches("WIP\\(peers-team\\): uncommitted work of worker saved at .*\nclaude: hello\n");
        assertThat(TestRepos.git(repo, "show", "peers/worker:draft.txt")).isEqualTo("not committed yet\n");
        assertThat(host.processesThere("--session-id="))
                .as("no claude left on the host after down")
                .isEmpty();
    }

    /** Waits until nothing on the host runs an agent any more, or fails. */
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
