package dev.peersteam.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.peersteam.testing.ClaudeCliForTests;
import dev.peersteam.testing.FakeAnthropicApi;
import dev.peersteam.testing.ModelReply;
import dev.peersteam.testing.Script;
import dev.peersteam.testing.TestRepos;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code peers-team up} in a real terminal (a pseudo-terminal made by util-linux {@code script}) opens the console
 * in the same process, with permission requests waiting for the person: Ctrl-C there clears the line and no
 * session dies of it, {@code approve} lets the command run, {@code quit} closes the console while the team keeps
 * running with its plain live log, and Ctrl-C then stops the team as {@code up} always did.
 */
class UpConsoleIT {
    private static final Duration RUN = Duration.ofSeconds(90);
    private static final Path SCRIPT = Path.of("/usr/bin/script");
    private static final Pattern ANSI = Pattern.compile("\u001b\\[[0-9;?]*[A-Za-z]|\u001b[78=>]");

    @TempDir
    Path temp;

    @Test
    void upInATerminalOpensTheConsoleAndTheTeamOutlivesIt() throws Exception {
        assumeTrue(Files.isExecutable(SCRIPT), "needs util-linux script(1) to make a pseudo-terminal");
        Path repo = TestRepos.init(temp.resolve("repo"));
        Files.writeString(repo.resolve("team.yaml"), """
                name: shop
                defaults:
                  model: claude-sonnet-4-5
                roles:
                  builder:
                    lead: true
                    prompt: "You build things."
                    permission_mode: default
                    allowed_tools: [Read]
                """);
        Path made = repo.resolve("worktrees/builder/made-by-bash.txt");
        Script builder = request -> {
            if (!request.containsText("Make the file")) {
                return ModelReply.text("ok");
            }
            return request.toolUses().stream().anyMatch(use -> use.name().equals("Bash"))
                    ? ModelReply.text("The file is made.")
                    : ModelReply.toolUse("Bash", Map.of("command", "touch made-by-bash.txt", "description", "Make it"));
        };
        try (FakeAnthropicApi api = FakeAnthropicApi.start(Script.byRole(Map.of("builder", builder)));
                Pty up = Pty.start(repo, env(api), "up", "team.yaml")) {
            up.await(Pattern.compile("connected to team shop"));
            up.await(Pattern.compile("builder +is idle"));

            up.type("send builder this line is dropped\u0003");
            up.type("roles\r");
            up.await(Pattern.compile("team shop: \\$"));

            up.type("send builder Make the file, please\r");
            Matcher ask =
                    up.await(Pattern.compile("builder +ASKS to use Bash\\(touch made-by-bash.txt\\) +\\[(p\\d+)]"));
            assertThat(made).doesNotExist();
            up.type("approve " + ask.group(1) + "\r");
            up.await(Pattern.compile("builder +says: The file is made."));
            assertThat(made).as("approved in the console, run in the worktree").exists();

            up.type("quit\r");
            up.await(Pattern.compile("The console is closed; the team keeps running in this process"));
            up.type("\u0003"); // now a signal again: up stops the team
            up.await(Pattern.compile("stopping the team: the coordinator was asked to exit"));
            assertThat(up.waitFor(Duration.ofSeconds(40)))
                    .as("exit code of up after Ctrl-C")
                    .isEqualTo(130);
            assertThat(up.text()).doesNotContain("CRASHED").doesNotContain("is restarting");
            assertThat(api.requests().stream()
                            .filter(r -> r.containsText("this line is dropped"))
                            .toList())
                    .as("the line cleared by Ctrl-C was never sent")
                    .isEmpty();
            api.assertNoFailures();
        }
    }

    private Map<String, String> env(FakeAnthropicApi api) {
        Map<String, String> env = new HashMap<>(ClaudeCliForTests.environmentFor(api, temp.resolve("home")));
        env.put("PEERS_TEAM_CLAUDE", ClaudeCliForTests.binary().toString());
        env.put("TERM", "xterm-256color");
        return env;
    }

    /** The packaged jar run inside a pseudo-terminal; keys go in through script's input, the screen comes out. */
    private static final class Pty implements AutoCloseable {
        private final Process process;
        private final OutputStream keys;
        private final StringBuilder screen = new StringBuilder();
        private final ReentrantLock lock = new ReentrantLock();
        private final Condition grown = lock.newCondition();
        private final Thread reader;

        private Pty(Process process) {
            this.process = process;
            this.keys = process.getOutputStream();
            this.reader = Thread.ofVirtual().start(this::read);
        }

        static Pty start(Path cwd, Map<String, String> env, String... args) throws IOException {
            String java = ProcessHandle.current().info().command().orElse("java");
            String jar = Path.of("target", "peers-team.jar").toAbsolutePath().toString();
            // env --default-signal=INT: a test runner started in the background (nohup, a CI agent) passes SIGINT on
            // as ignored, and a JVM cannot take an ignored signal back; a person's terminal does not do that.
            String command = "stty cols 140 rows 40; exec env --default-signal=INT " + quote(java) + " -jar "
                    + quote(jar) + " "
                    + String.join(" ", List.of(args).stream().map(Pty::quote).toList());
            // -e: script exits with the command's code; -q: no banners; -f: flush as it comes
            ProcessBuilder builder = new ProcessBuilder(SCRIPT.toString(), "-qefc", command, "/dev/null")
                    .directory(cwd.toFile())
                    .redirectErrorStream(true);
            builder.environment().clear();
            builder.environment().putAll(env);
            return new Pty(builder.start());
        }

        private static String quote(String word) {
            return "'" + word.replace("'", "'\\''") + "'";
        }

        private void read() {
            try (Reader in = new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8)) {
                char[] buffer = new char[4096];
                int n;
                while ((n = in.read(buffer)) > 0) {
                    String chunk = new String(buffer, 0, n);
                    System.out.print(
                            ANSI.matcher(chunk).replaceAll("").replace("\r", "").replaceAll("(?m)^", "[pty] "));
                    lock.lock();
                    try {
                        screen.append(chunk);
                        grown.signalAll();
                    } finally {
                        lock.unlock();
                    }
                }
            } catch (IOException e) {
                // gone
            } finally {
                lock.lock();
                try {
                    grown.signalAll();
                } finally {
                    lock.unlock();
                }
            }
        }

        void type(String keys) throws IOException {
            this.keys.write(keys.getBytes(StandardCharsets.UTF_8));
            this.keys.flush();
        }

        /** What the terminal showed so far, without escape sequences. */
        String text() {
            lock.lock();
            try {
                return ANSI.matcher(screen).replaceAll("");
            } finally {
                lock.unlock();
            }
        }

        Matcher await(Pattern pattern) throws InterruptedException {
            long deadline = System.nanoTime() + RUN.toNanos();
            lock.lock();
            try {
                while (true) {
                    Matcher matcher = pattern.matcher(ANSI.matcher(screen).replaceAll(""));
                    if (matcher.find()) {
                        return matcher;
                    }
                    long left = deadline - System.nanoTime();
                    if (left <= 0 || !reader.isAlive()) {
                        throw new AssertionError("the terminal did not show " + pattern + " within " + RUN
                                + "; it showed:\n" + ANSI.matcher(screen).replaceAll("") + "\n" + diagnosis());
                    }
                    grown.awaitNanos(left);
                }
            } finally {
                lock.unlock();
            }
        }

        /** What up was doing (its threads, its terminal's settings), for a failure that is hard to see again. */
        private String diagnosis() {
            StringBuilder out = new StringBuilder();
            for (ProcessHandle up : process.descendants()
                    .filter(p -> p.info().commandLine().orElse("").contains("peers-team.jar"))
                    .toList()) {
                Path jcmd = Path.of(ProcessHandle.current().info().command().orElse("java"))
                        .resolveSibling("jcmd");
                try {
                    Process dump = new ProcessBuilder(jcmd.toString(), String.valueOf(up.pid()), "Thread.print")
                            .redirectErrorStream(true)
                            .start();
                    out.append("threads of up (pid ")
                            .append(up.pid())
                            .append("):\n")
                            .append(new String(dump.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
                    String tty = Files.readSymbolicLink(Path.of("/proc/" + up.pid() + "/fd/0"))
                            .toString();
                    Process stty = new ProcessBuilder("sh", "-c", "stty -a < " + tty)
                            .redirectErrorStream(true)
                            .start();
                    out.append("stty of ")
                            .append(tty)
                            .append(": ")
                            .append(new String(stty.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
                    out.append("signal masks: ")
                            .append(Files.readAllLines(Path.of("/proc/" + up.pid() + "/status")).stream()
                                    .filter(l -> l.startsWith("Sig"))
                                    .toList());
                } catch (IOException e) {
                    out.append("(no diagnosis: ").append(e).append(")");
                }
            }
            return out.toString();
        }

        int waitFor(Duration timeout) throws InterruptedException {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError("up did not exit within " + timeout + "; the terminal showed:\n" + text());
            }
            reader.join(Duration.ofSeconds(5));
            return process.exitValue();
        }

        @Override
        public void close() {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
    }
}
