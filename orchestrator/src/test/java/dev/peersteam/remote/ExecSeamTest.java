package dev.peersteam.remote;

import static org.assertj.core.api.Assertions.assertThat;

import dev.peersteam.coordinator.SessionHistory;
import dev.peersteam.session.LaunchSpec;
import dev.peersteam.testing.TestRepos;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The remote seam with a fake container client: {@link ExecShell} whose client is {@code env}, so "the far side" is a
 * {@code sh -c} on this machine reached only through the client's stdin and stdout, as {@code docker exec -i} or
 * {@code kubectl exec -i} would reach one in a container. The same launcher, transcript reader and git sync that run
 * over ssh run through it unchanged.
 */
class ExecSeamTest {
    @TempDir
    Path temp;

    private final Map<String, String> client = Map.of("PATH", System.getenv("PATH"));

    private static ExecShell fakeContainer() {
        return new ExecShell(List.of("env"), "fake-box", 125);
    }

    private LaunchSpec spec(List<String> command, Map<String, String> environment) throws Exception {
        Path dir = Files.createDirectories(temp.resolve("far"));
        return new LaunchSpec("w1", command, dir, environment, temp.resolve("logs/w1.stderr.log"));
    }

    @Test
    void linesGoBothWaysThroughTheClientAndTheAgentsExitCodeComesBack() throws Exception {
        RemoteLauncher launcher = new RemoteLauncher(fakeContainer(), client);
        Files.createDirectories(temp.resolve("logs"));
        Process process = launcher.start(
                spec(List.of("sh", "-c", "pwd; while read -r line; do echo \"got $line\"; done; exit 7"), Map.of()));
        try (OutputStream in = process.getOutputStream();
                BufferedReader out =
                        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            assertThat(out.readLine())
                    .as("it runs in its worktree there")
                    .isEqualTo(temp.resolve("far").toString());
            in.write("{\"type\":\"user\",\"n\":1}\n".getBytes(StandardCharsets.UTF_8));
            in.flush();
            assertThat(out.readLine()).isEqualTo("got {\"type\":\"user\",\"n\":1}");
            in.write("second 'quoted' $line\n".getBytes(StandardCharsets.UTF_8));
            in.close(); // the end of input reaches the agent as the end of its stdin
            assertThat(out.readLine()).isEqualTo("got second 'quoted' $line");
            assertThat(out.readLine()).isNull();
        }
        assertThat(process.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isEqualTo(7);
        assertThat(launcher.where()).isEqualTo("fake-box");
    }

    @Test
    void onlyTheTeamsOwnVariablesCrossToTheFarSide() throws Exception {
        Files.createDirectories(temp.resolve("logs"));
        Process process = new RemoteLauncher(fakeContainer(), client)
                .start(spec(
                        List.of("sh", "-c", "echo \"${PEERS_TEAM_ROLE:-none}/${SECRET:-none}\""),
                        Map.of("PEERS_TEAM_ROLE", "w1", "SECRET", "from the coordinator's environment")));
        process.getOutputStream().close();
        String said = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(said).isEqualTo("w1/none\n");
    }

    @Test
    void anAgentThatIgnoresTheEndOfItsStreamIsEndedOnTheFarSide() throws Exception {
        Files.createDirectories(temp.resolve("logs"));
        String session = UUID.randomUUID().toString();
        // ignores its stdin, and SIGHUP: only the wrapper's SIGTERM to its session ends it
        Process process = new RemoteLauncher(fakeContainer(), client)
                .start(spec(
                        List.of("sh", "-c", "trap '' HUP; sleep 60", "agent", "--session-id=" + session), Map.of()));
        assertThat(awaitProcesses(session, true, Duration.ofSeconds(5)))
                .as("the agent runs")
                .isNotEmpty();
        Instant closed = Instant.now();
        process.getOutputStream().close(); // the channel's input ends (a closed or dead link looks the same there)
        assertThat(awaitProcesses(session, false, Duration.ofSeconds(15)))
                .as("no agent left after its stream closed")
                .isEmpty();
        assertThat(Duration.between(closed, Instant.now()))
                .as("ended after the grace, not at once")
                .isGreaterThanOrEqualTo(Duration.ofSeconds(RemoteScripts.STOP_GRACE_SECONDS - 1));
        assertThat(process.waitFor(10, TimeUnit.SECONDS))
                .as("and the client ends with it")
                .isTrue();
    }

    @Test
    void theTranscriptIsReadOnTheFarSideAfterItsLeftoversAreEnded() throws Exception {
        String session = UUID.randomUUID().toString();
        Path config = temp.resolve("far-claude");
        Path project = Files.createDirectories(config.resolve("projects/-far-w1"));
        Files.writeString(
                project.resolve(session + ".jsonl"),
                "{\"type\":\"user\",\"uuid\":\"m-1\"}\n{\"type\":\"user\",\"uuid\":\"m-2\",\"mergedSendUuids\":[\"m-0\"]}\n{\"torn");
        Map<String, String> far = Map.of("PATH", System.getenv("PATH"), "CLAUDE_CONFIG_DIR", config.toString());
        Process leftover = new ProcessBuilder("sh", "-c", "sleep 60", "agent", "--resume=" + session).start();
        try {
            SessionHistory.Found found =
                    new RemoteTranscripts(fakeContainer(), far).lookUp("w1", session, temp.resolve("far/w1"));

            assertThat(found).isEqualTo(new SessionHistory.Found.Present(java.util.Set.of("m-0", "m-1", "m-2")));
            assertThat(leftover.waitFor(5, TimeUnit.SECONDS))
                    .as("the old process of the session was ended before its transcript was read")
                    .isTrue();
        } finally {
            leftover.destroyForcibly();
        }
        assertThat(new RemoteTranscripts(fakeContainer(), far)
                        .lookUp("w1", UUID.randomUUID().toString(), temp))
                .isInstanceOf(SessionHistory.Found.Absent.class);
        ExecShell unreachable = new ExecShell(List.of("sh", "-c", "exit 125"), "gone-box", 125);
        assertThat(new RemoteTranscripts(unreachable, far).lookUp("w1", session, temp))
                .as("a far side that cannot be reached: trust the journal, and try again at the next launch")
                .isInstanceOf(SessionHistory.Found.Unknown.class);
    }

    @Test
    void theWorktreeIsPushedThereAndItsCommitsAndUncommittedWorkComeBackByGit() throws Exception {
        Path repo = TestRepos.init(temp.resolve("repo"));
        TestRepos.git(repo, "config", "user.name", "peers test");
        TestRepos.git(repo, "config", "user.email", "test@peers.invalid");
        TestRepos.git(repo, "branch", "peers/w1");
        Files.writeString(repo.resolve(".env"), "TOKEN=local\n");
        Path far = temp.resolve("far/w1");
        RemoteWorktree worktree = new RemoteWorktree(fakeContainer(), "w1", far, repo.toRealPath(), client);
        StringBuilder steps = new StringBuilder();

        RemoteWorktree.Prepared prepared = worktree.prepare(
                List.of(".env", "missing.txt"),
                List.of("echo set up > setup.log"),
                (step, done, ok) -> steps.append(step).append(done ? (ok ? " ok\n" : " FAILED\n") : "\n"));

        assertThat(prepared).isEqualTo(RemoteWorktree.Prepared.CREATED);
        assertThat(TestRepos.git(far, "rev-parse", "--abbrev-ref", "HEAD")).isEqualTo("peers/w1\n");
        assertThat(Files.readString(far.resolve(".env"))).isEqualTo("TOKEN=local\n");
        assertThat(Files.readString(far.resolve("setup.log"))).isEqualTo("set up\n");
        assertThat(TestRepos.git(far, "config", "--local", "user.email"))
                .as("the role commits there as it would here, whatever the far side's global config says")
                .isEqualTo("test@peers.invalid\n");
        assertThat(steps.toString()).contains("copying .env ok", "running echo set up > setup.log ok");
        assertThat(TestRepos.git(far, "status", "--porcelain", "--ignored", ".env"))
                .as("the copied file is excluded there, so no WIP commit takes it")
                .startsWith("!!");

        Files.writeString(far.resolve("work.txt"), "done there\n");
        TestRepos.git(far, "add", "work.txt");
        TestRepos.git(far, "commit", "-q", "-m", "work on the far side");
        worktree.fetchBack();
        assertThat(TestRepos.git(repo, "log", "--format=%s", "main..peers/w1")).isEqualTo("work on the far side\n");

        Files.writeString(far.resolve("draft.txt"), "not committed\n");
        assertThat(worktree.saveWip(Clock.systemUTC())).isPresent();
        assertThat(TestRepos.git(repo, "log", "-1", "--format=%B", "peers/w1"))
                .startsWith("WIP(peers-team): uncommitted work of w1")
                .contains("Peers-Team-Wip: true");
        assertThat(TestRepos.git(repo, "show", "peers/w1:draft.txt")).isEqualTo("not committed\n");
        assertThat(worktree.saveWip(Clock.systemUTC()))
                .as("nothing left to save")
                .isEmpty();

        assertThat(worktree.prepare(List.of(), List.of("false"), (step, done, ok) -> {}))
                .as("a second up reuses the worktree there and runs no setup")
                .isEqualTo(RemoteWorktree.Prepared.REUSED);
    }

    /** The processes whose command line names the session: waits until there are some ({@code present}) or none. */
    private static List<ProcessHandle> awaitProcesses(String session, boolean present, Duration timeout)
            throws InterruptedException {
        Instant until = Instant.now().plus(timeout);
        while (true) {
            List<ProcessHandle> found = ProcessHandle.allProcesses()
                    .filter(p -> p.info().commandLine().orElse("").contains("sleep 60 agent --session-id=" + session))
                    .toList();
            if (found.isEmpty() != present || Instant.now().isAfter(until)) {
                return found;
            }
            Thread.sleep(100);
        }
    }
}
