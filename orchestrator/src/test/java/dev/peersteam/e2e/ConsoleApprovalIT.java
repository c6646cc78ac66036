package dev.peersteam.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.peersteam.testing.ClaudeCliForTests;
import dev.peersteam.testing.CoordinatorProcess;
import dev.peersteam.testing.FakeAnthropicApi;
import dev.peersteam.testing.GrowingText;
import dev.peersteam.testing.ModelReply;
import dev.peersteam.testing.ModelRequest;
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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Permission requests answered by a person, end to end: {@code up --ask} runs a real {@code claude} whose rules
 * allow only Read; its model calls Bash twice. {@code peers-team console}, attached from another process through
 * pipes (so on a dumb terminal), shows each request live; {@code approve} lets the first command run and its file
 * appears in the worktree; {@code deny} with a reason refuses the second, and the model's next request carries
 * that reason in the tool result.
 */
class ConsoleApprovalIT {
    private static final Duration RUN = Duration.ofSeconds(90);
    private static final Pattern ASK = Pattern.compile("builder +ASKS to use (\\S+\\([^)]*\\)) +\\[(p\\d+)]");

    @TempDir
    Path temp;

    @Test
    void aPersonApprovesOneBashCallAndDeniesAnotherFromTheConsole() throws Exception {
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
        Path first = repo.resolve("worktrees/builder/made-by-bash.txt");
        Path second = repo.resolve("worktrees/builder/second.txt");
        Script builder = request -> {
            if (!request.containsText("Make the two files")) {
                return ModelReply.text("ok");
            }
            long bashCalls = request.toolUses().stream()
                    .filter(use -> use.name().equals("Bash"))
                    .count();
            return switch ((int) bashCalls) {
                case 0 ->
                    ModelReply.toolUse(
                            "Bash", Map.of("command", "touch made-by-bash.txt", "description", "Make the first file"));
                case 1 ->
                    ModelReply.toolUse(
                            "Bash", Map.of("command", "touch second.txt", "description", "Make the second file"));
                default -> ModelReply.text("Both asked for.");
            };
        };
        try (FakeAnthropicApi api = FakeAnthropicApi.start(Script.byRole(Map.of("builder", builder)));
                CoordinatorProcess up = CoordinatorProcess.start(repo, env(api), "up", "--ask", "team.yaml")) {
            up.awaitLine(line -> line.contains("builder") && line.contains("is idle"), RUN);
            try (ConsoleProcess console = ConsoleProcess.start(repo, env(api))) {
                console.awaitText("connected to team shop");
                console.awaitText("shop> ");

                console.type("send builder Make the two files, please");
                console.awaitText("sent to builder");

                Matcher ask = console.awaitMatch(ASK, 0);
                assertThat(ask.group(1)).isEqualTo("Bash(touch made-by-bash.txt)");
                String firstId = ask.group(2);
                assertThat(console.text())
                        .contains("approve " + firstId + " | always " + firstId + " | deny " + firstId + " [reason]");
                assertThat(first).as("nothing runs before the person says so").doesNotExist();
                console.type("approve " + firstId);
                console.awaitText("approved " + firstId + " for builder");
                ModelRequest afterFirst =
                        api.awaitRequest(request -> resultOf(request, "touch made-by-bash.txt") != null, RUN);
                assertThat(resultOf(afterFirst, "touch made-by-bash.txt").isError())
                        .isFalse();
                assertThat(first)
                        .as("the approved command ran in the role's worktree")
                        .exists();

                Matcher secondAsk = console.awaitMatch(ASK, ask.end());
                assertThat(secondAsk.group(1)).isEqualTo("Bash(touch second.txt)");
                String secondId = secondAsk.group(2);
                assertThat(secondId).isNotEqualTo(firstId);
                console.type("deny " + secondId + " not in this sprint, it's too early");
                console.awaitText("denied " + secondId + " for builder");
                ModelRequest afterSecond =
                        api.awaitRequest(request -> resultOf(request, "touch second.txt") != null, RUN);
                ModelRequest.ToolResult denied = resultOf(afterSecond, "touch second.txt");
                assertThat(denied.isError()).isTrue();
                assertThat(denied.text())
                        .contains("denied by the person running the team: not in this sprint," + " it's too early");
                assertThat(second).as("the denied command never ran").doesNotExist();

                console.type("roles");
                console.awaitText("team shop: $");
                console.type("quit");
                assertThat(console.waitFor(Duration.ofSeconds(20))).isZero();
                assertThat(console.text()).contains("detached; the team keeps running");
            }
            api.assertNoFailures();
            try (CoordinatorProcess down = CoordinatorProcess.start(repo, env(api), "down")) {
                assertThat(down.waitFor(Duration.ofSeconds(40))).isZero();
            }
            assertThat(up.waitFor(Duration.ofSeconds(20))).isZero();
            assertThat(up.output()).anySatisfy(line -> assertThat(line).contains("ASKS to use Bash(touch second.txt)"));
        }
    }

    private Map<String, String> env(FakeAnthropicApi api) {
        Map<String, String> env = new HashMap<>(ClaudeCliForTests.environmentFor(api, temp.resolve("home")));
        env.put("PEERS_TEAM_CLAUDE", ClaudeCliForTests.binary().toString());
        return env;
    }

    /** The tool result of the Bash call whose command is {@code command}, or null when there is none yet. */
    private static ModelRequest.ToolResult resultOf(ModelRequest request, String command) {
        Map<String, ModelRequest.ToolResult> results = request.toolResults();
        return request.toolUses().stream()
                .filter(use -> use.name().equals("Bash")
                        && use.input().path("command").asText().equals(command))
                .map(use -> results.get(use.id()))
                .filter(result -> result != null)
                .findFirst()
                .orElse(null);
    }

    /**
     * {@code peers-team console} as a child process with its input and output on pipes, as a script or another
     * program would drive it: the console runs on a dumb terminal then.
     */
    private static final class ConsoleProcess implements AutoCloseable {
        private final Process process;
        private final OutputStream keys;
        private final GrowingText screen = new GrowingText("the console", RUN);
        private final Thread reader;

        private ConsoleProcess(Process process) {
            this.process = process;
            this.keys = process.getOutputStream();
            this.reader = Thread.ofVirtual().start(this::read);
        }

        static ConsoleProcess start(Path cwd, Map<String, String> env) throws IOException {
            Path jar = Path.of("target", "peers-team.jar").toAbsolutePath();
            String java = ProcessHandle.current().info().command().orElse("java");
            List<String> command = new ArrayList<>(List.of(java, "-jar", jar.toString(), "console"));
            ProcessBuilder builder =
                    new ProcessBuilder(command).directory(cwd.toFile()).redirectErrorStream(true);
            builder.environment().clear();
            builder.environment().putAll(env);
            return new ConsoleProcess(builder.start());
        }

        private void read() {
            try (Reader in = new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8)) {
                char[] buffer = new char[4096];
                int n;
                while ((n = in.read(buffer)) > 0) {
                    String chunk = new String(buffer, 0, n);
                    System.out.print(chunk.replace("\r", "").replaceAll("(?m)^", "[console] "));
                    screen.append(chunk);
                }
            } catch (IOException e) {
                // the console is gone
            } finally {
                screen.end(); // waiters see the end
            }
        }

        void type(String line) throws IOException {
            keys.write((line + "\n").getBytes(StandardCharsets.UTF_8));
            keys.flush();
        }

        String text() {
            return screen.text();
        }

        void awaitText(String needle) throws InterruptedException {
            screen.awaitFrom(0, needle);
        }

        /** The first match of {@code pattern} at or after {@code from} in what the console printed. */
        Matcher awaitMatch(Pattern pattern, int from) throws InterruptedException {
            return screen.awaitMatch(pattern, from);
        }

        int waitFor(Duration timeout) throws InterruptedException {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError("the console did not exit within " + timeout + "; it printed:\n" + text());
            }
            reader.join(Duration.ofSeconds(5));
            return process.exitValue();
        }

        @Override
        public void close() {
            process.destroyForcibly();
        }
    }
}
