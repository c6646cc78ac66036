package dev.peersteam.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The fake Anthropic API driven by the real claude CLI (spawned directly, stream-json on stdin/stdout). */
@Timeout(60)
class FakeApiSmokeIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    Path temp;

    private FakeAnthropicApi api;

    @AfterEach
    void stopApi() {
        if (api != null) {
            api.close();
        }
    }

    @Test
    void writeToolRoundTrip() throws Exception {
        Path cwd = gitRepo("repo");
        Path file = cwd.resolve("hello.txt");
        api = FakeAnthropicApi.start(req -> req.isToolResultTurn()
                ? ModelReply.text("done")
                : ModelReply.toolUse(
                        "Write", Map.of("file_path", file.toString(), "content", "hello from the fake\n")));

        try (Cli cli = Cli.start(
                ClaudeCliForTests.forApi(api, temp)
                        .processBuilder(
                                cwd,
                                "--output-format",
                                "stream-json",
                                "--verbose",
                                "--input-format",
                                "stream-json",
                                "--permission-mode",
                                "acceptEdits",
                                "--model",
                                "claude-sonnet-4-5",
                                "--setting-sources="),
                request -> null)) {
            cli.send("{\"type\":\"user\",\"message\":{\"role\":\"user\",\"content\":\"please write the file\"},"
                    + "\"parent_tool_use_id\":null,\"session_id\":\"\"}");

            JsonNode result = cli.awaitResult(WAIT);
            assertThat(result.path("subtype").asText()).as(result.toString()).isEqualTo("success");
            assertThat(result.path("is_error").asBoolean())
                    .as(result.toString())
                    .isFalse();
            assertThat(result.path("result").asText()).isEqualTo("done");
            assertThat(file).hasContent("hello from the fake\n");

            String toolUseId =
                    api.exchanges().get(0).response().at("/content/0/id").asText();
            assertThat(toolUseId).isEqualTo("toolu_fake_001_0");
            ModelRequest second = api.awaitRequest(r -> r.toolResults().containsKey(toolUseId), WAIT);
            assertThat(second.toolResults().get(toolUseId).isError()).isFalse();
            assertThat(second.toolResults().get(toolUseId).content()).contains("File created successfully");
            assertThat(second.toolUses())
                    .singleElement()
                    .satisfies(u -> assertThat(u.name()).isEqualTo("Write"));

            ModelRequest first = api.requests().get(0);
            assertThat(first.lastUserPrompt()).isEqualTo("please write the file");
            assertThat(first.toolNames()).contains("Write", "Bash", "Read", "Edit");
            assertThat(first.sessionId()).contains(result.path("session_id").asText());
            assertThat(first.header("x-api-key")).contains("sk-fake");
            assertThat(first.path()).isEqualTo("/v1/messages?beta=true");
            // 2.1.328 with this environment sends nothing but the two main-loop requests.
            assertThat(api.requests()).hasSize(2).allMatch(ModelRequest::isMainLoop);
            assertThat(api.unhandled()).isEmpty();
            api.assertNoFailures();

            cli.closeStdin();
            assertThat(cli.awaitExit(Duration.ofSeconds(10))).as(cli.stderr()).isZero();
        }
    }

    @Test
    void sdkMcpToolRoundTrip() throws Exception {
        Path cwd = gitRepo("repo");
        api = FakeAnthropicApi.start(req -> req.isToolResultTurn()
                ? ModelReply.text("got " + req.lastUserPrompt())
                : ModelReply.text("pinging").thenToolUse("mcp__peers__ping", Map.of()));
        List<String> mcpMethods = new CopyOnWriteArrayList<>();

        try (Cli cli = Cli.start(
                ClaudeCliForTests.forApi(api, temp)
                        .processBuilder(
                                cwd,
                                "--output-format",
                                "stream-json",
                                "--verbose",
                                "--input-format",
                                "stream-json",
                                "--permission-mode",
                                "acceptEdits",
                                "--model",
                                "claude-sonnet-4-5",
                                "--setting-sources=",
                                "--mcp-config",
                                "{\"mcpServers\":{\"peers\":{\"type\":\"sdk\",\"name\":\"peers\"}}}",
                                "--allowedTools",
                                "mcp__peers__ping"),
                request -> {
                    if (!request.path("subtype").asText().equals("mcp_message")) {
                        throw new IllegalArgumentException("unexpected control request " + request);
                    }
                    mcpMethods.add(request.at("/message/method").asText());
                    ObjectNode answer = JSON.createObjectNode();
                    answer.set("mcp_response", peersServer(request.path("message")));
                    return answer;
                })) {
            JsonNode init = cli.request("{\"subtype\":\"initialize\",\"hooks\":null}", WAIT);
            assertThat(init.at("/response/claude_code_version").asText())
                    .satisfies(ClaudeCliForTests::isExpectedVersion);
            cli.send("{\"type\":\"user\",\"message\":{\"role\":\"user\",\"content\":\"ping the host\"},"
                    + "\"parent_tool_use_id\":null,\"session_id\":\"\"}");

            JsonNode result = cli.awaitResult(WAIT);
            assertThat(result.path("subtype").asText()).as(result.toString()).isEqualTo("success");
            assertThat(result.path("result").asText()).isEqualTo("got pong");
            assertThat(mcpMethods)
                    .containsSubsequence("initialize", "notifications/initialized", "tools/list", "tools/call");

            ModelRequest first = api.requests().get(0);
            assertThat(first.toolNames()).contains("mcp__peers__ping");
            String toolUseId =
                    api.exchanges().get(0).response().at("/content/1/id").asText();
            ModelRequest second = api.awaitRequest(r -> r.toolResults().containsKey(toolUseId), WAIT);
            ModelRequest.ToolResult pong = second.lastToolResults().get(toolUseId);
            assertThat(pong.text()).isEqualTo("pong");
            assertThat(pong.isError()).isFalse();
            assertThat(api.requests()).hasSize(2);
            api.assertNoFailures();

            cli.closeStdin();
            assertThat(cli.awaitExit(Duration.ofSeconds(10))).as(cli.stderr()).isZero();
        }
    }

    @Test
    void twoSessionsRoutedByTheRoleInTheirAppendedSystemPrompt() throws Exception {
        api = FakeAnthropicApi.start(Script.byRole(Map.of(
                "alice",
                req -> ModelReply.text("alice heard: " + req.lastUserPrompt()),
                "bob",
                Script.sequence(ModelReply.text("bob here")))));
        List<Cli> clis = new ArrayList<>();
        try {
            for (String role : List.of("alice", "bob")) {
                clis.add(Cli.start(
                        ClaudeCliForTests.forApi(api, temp)
                                .processBuilder(
                                        gitRepo(role),
                                        "--output-format",
                                        "stream-json",
                                        "--verbose",
                                        "--input-format",
                                        "stream-json",
                                        "--permission-mode",
                                        "acceptEdits",
                                        "--model",
                                        "claude-sonnet-4-5",
                                        "--setting-sources=",
                                        "--append-system-prompt",
                                        "You are the role \"" + role + "\" in team \"demo\"."),
                        request -> null));
            }
            for (Cli cli : clis) {
                cli.send("{\"type\":\"user\",\"message\":{\"role\":\"user\",\"content\":\"hi\"}}");
            }
            assertThat(clis.get(0).awaitResult(WAIT).path("result").asText()).isEqualTo("alice heard: hi");
            assertThat(clis.get(1).awaitResult(WAIT).path("result").asText()).isEqualTo("bob here");
            assertThat(api.requests()).hasSize(2);
            assertThat(api.requests())
                    .extracting(r -> r.teamRole().orElseThrow())
                    .containsExactlyInAnyOrder("alice", "bob");
            assertThat(api.requests()).allSatisfy(r -> assertThat(r.teamName()).contains("demo"));
            assertThat(api.requests().stream()
                            .map(r -> r.sessionId().orElseThrow())
                            .distinct())
                    .hasSize(2);
            api.assertNoFailures();
        } finally {
            clis.forEach(Cli::close);
        }
    }

    @Test
    void aFailingScriptEndsTheTurnWithAnErrorResultAndIsRecorded() throws Exception {
        api = FakeAnthropicApi.start(req -> {
            throw new IllegalStateException("nothing scripted for " + req.lastUserPrompt());
        });
        try (Cli cli = Cli.start(
                ClaudeCliForTests.forApi(api, temp)
                        .processBuilder(
                                gitRepo("repo"),
                                "--output-format",
                                "stream-json",
                                "--verbose",
                                "--input-format",
                                "stream-json",
                                "--model",
                                "claude-sonnet-4-5",
                                "--setting-sources="),
                request -> null)) {
            cli.send("{\"type\":\"user\",\"message\":{\"role\":\"user\",\"content\":\"surprise\"}}");

            JsonNode result = cli.awaitResult(WAIT);
            assertThat(result.path("is_error").asBoolean())
                    .as(result.toString())
                    .isTrue();
            assertThat(result.path("result").asText())
                    .contains("API Error: 500")
                    .contains("nothing scripted for surprise");
            assertThat(api.requests())
                    .as("x-should-retry: false stops the CLI's retries")
                    .hasSize(1);
            assertThat(api.failures()).singleElement().asString().contains("nothing scripted for surprise");
            cli.closeStdin();
            assertThat(cli.awaitExit(Duration.ofSeconds(10)))
                    .as("exit code after an error result")
                    .isEqualTo(1);
        }
    }

    /** A one-tool MCP server ({@code ping} → "pong"), answering one JSON-RPC message. */
    private static JsonNode peersServer(JsonNode message) {
        ObjectNode response = JSON.createObjectNode().put("jsonrpc", "2.0");
        if (!message.has("id")) {
            return response.set("result", JSON.createObjectNode()); // notification ack
        }
        response.set("id", message.get("id"));
        ObjectNode result = response.putObject("result");
        switch (message.path("method").asText()) {
            case "initialize" -> {
                result.put(
                        "protocolVersion", message.at("/params/protocolVersion").asText("2025-11-25"));
                result.putObject("capabilities").putObject("tools");
                result.putObject("serverInfo").put("name", "peers").put("version", "1.0.0");
            }
            case "tools/list" -> {
                ObjectNode tool = result.putArray("tools").addObject();
                tool.put("name", "ping").put("description", "Ping the host");
                tool.putObject("inputSchema").put("type", "object").putObject("properties");
                tool.putObject("_meta").put("anthropic/alwaysLoad", true);
            }
            case "tools/call" -> {
                result.putArray("content").addObject().put("type", "text").put("text", "pong");
                result.put("isError", false);
            }
            default -> {
                response.remove("result");
                response.putObject("error").put("code", -32601).put("message", "no method " + message.path("method"));
            }
        }
        return response;
    }

    private Path gitRepo(String name) throws Exception {
        Path dir = Files.createDirectories(temp.resolve(name));
        Process git = new ProcessBuilder("git", "init", "-q")
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .start();
        String out = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(git.waitFor()).as("git init: " + out).isZero();
        return dir.toRealPath();
    }

    /**
     * A minimal stream-json host for the smoke test: reads stdout frames on a thread, answers the CLI's control
     * requests with {@code handler} (request → response payload; a throw answers an error), drains stderr.
     */
    private static final class Cli implements AutoCloseable {
        private final Process process;
        private final OutputStream stdin;
        private final Function<JsonNode, JsonNode> handler;
        private final List<JsonNode> frames = new CopyOnWriteArrayList<>();
        private final CompletableFuture<JsonNode> result = new CompletableFuture<>();
        private final Map<String, CompletableFuture<JsonNode>> pending = new java.util.concurrent.ConcurrentHashMap<>();
        private final List<String> stderrLines = Collections.synchronizedList(new ArrayList<>());
        private int nextRequest = 1;

        private Cli(Process process, Function<JsonNode, JsonNode> handler) {
            this.process = process;
            this.stdin = process.getOutputStream();
            this.handler = handler;
            Thread.ofVirtual().name("cli-stdout").start(() -> readStdout(process.getInputStream()));
            Thread.ofVirtual().name("cli-stderr").start(() -> readLines(process.getErrorStream(), stderrLines::add));
        }

        static Cli start(ProcessBuilder pb, Function<JsonNode, JsonNode> handler) throws IOException {
            return new Cli(pb.start(), handler);
        }

        synchronized void send(String jsonLine) throws IOException {
            stdin.write((JSON.readTree(jsonLine).toString() + "\n").getBytes(StandardCharsets.UTF_8));
            stdin.flush();
        }

        /** Sends a host control request and waits for its success response payload. */
        JsonNode request(String requestJson, Duration timeout) throws Exception {
            String id;
            synchronized (this) {
                id = "req_" + nextRequest++ + "_test";
            }
            CompletableFuture<JsonNode> answer = new CompletableFuture<>();
            pending.put(id, answer);
            send("{\"type\":\"control_request\",\"request_id\":\"" + id + "\",\"request\":" + requestJson + "}");
            JsonNode response = get(answer, timeout, "control response to " + requestJson);
            assertThat(response.path("subtype").asText())
                    .as(response.toString())
                    .isEqualTo("success");
            return response;
        }

        JsonNode awaitResult(Duration timeout) throws Exception {
            return get(result, timeout, "a result frame");
        }

        void closeStdin() throws IOException {
            stdin.close();
        }

        int awaitExit(Duration timeout) throws InterruptedException {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError("the CLI did not exit within " + timeout + "\n" + stderr());
            }
            return process.exitValue();
        }

        String stderr() {
            return "CLI stderr:\n" + String.join("\n", stderrLines);
        }

        private JsonNode get(CompletableFuture<JsonNode> future, Duration timeout, String what) throws Exception {
            try {
                return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                StringBuilder sb = new StringBuilder("no " + what + " within " + timeout + "; stdout frames:");
                frames.forEach(f -> sb.append("\n  ").append(abbreviate(f.toString())));
                throw new AssertionError(sb.append('\n').append(stderr()).toString());
            }
        }

        private void readStdout(InputStream in) {
            readLines(in, line -> {
                if (!line.startsWith("{")) {
                    return;
                }
                try {
                    JsonNode frame = JSON.readTree(line);
                    frames.add(frame);
                    switch (frame.path("type").asText()) {
                        case "result" -> result.complete(frame);
                        case "control_request" -> Thread.ofVirtual().start(() -> answer(frame));
                        case "control_response" -> {
                            CompletableFuture<JsonNode> f = pending.remove(
                                    frame.at("/response/request_id").asText());
                            if (f != null) {
                                f.complete(frame.get("response"));
                            }
                        }
                        default -> {}
                    }
                } catch (IOException e) {
                    result.completeExceptionally(new AssertionError("bad stdout line: " + line, e));
                }
            });
            result.completeExceptionally(new AssertionError("the CLI closed stdout without a result; " + stderr()));
        }

        private void answer(JsonNode frame) {
            ObjectNode response = JSON.createObjectNode();
            response.put("request_id", frame.path("request_id").asText());
            try {
                JsonNode payload = handler.apply(frame.path("request"));
                response.put("subtype", "success");
                response.set("response", payload == null ? JSON.createObjectNode() : payload);
            } catch (RuntimeException e) {
                response.put("subtype", "error").put("error", e.getMessage());
            }
            ObjectNode out = JSON.createObjectNode().put("type", "control_response");
            out.set("response", response);
            try {
                send(out.toString());
            } catch (IOException e) {
                stderrLines.add("[test host] cannot answer control request: " + e);
            }
        }

        private static void readLines(InputStream in, java.util.function.Consumer<String> sink) {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                    sink.accept(line.strip());
                }
            } catch (IOException ignored) {
                // the process ended
            }
        }

        private static String abbreviate(String s) {
            return s.length() > 300 ? s.substring(0, 297) + "..." : s;
        }

        /** Closes stdin, then destroys the CLI (and anything it started) unless it exits within 2 s. */
        @Override
        public void close() {
            try {
                stdin.close();
            } catch (IOException ignored) {
                // already closed
            }
            try {
                if (!process.waitFor(2, TimeUnit.SECONDS)) {
                    process.descendants().forEach(ProcessHandle::destroyForcibly);
                    process.destroy();
                    if (!process.waitFor(3, TimeUnit.SECONDS)) {
                        process.destroyForcibly().waitFor(3, TimeUnit.SECONDS);
                    }
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }
}
