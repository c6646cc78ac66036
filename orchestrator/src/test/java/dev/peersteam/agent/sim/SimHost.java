package dev.peersteam.agent.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.peersteam.json.Json;
import dev.peersteam.protocol.CliMessage;
import dev.peersteam.protocol.HostMessage;
import dev.peersteam.protocol.HostRequest;
import dev.peersteam.protocol.ProtocolException;
import dev.peersteam.protocol.StreamJsonCodec;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.Pipe;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * A tiny host for tests: runs {@link SimAgent#run} in-process on real OS pipes and speaks to it with the project's
 * host-side codec, so every line the agent writes is decoded the way the coordinator decodes the real CLI's.
 * Waits are blocking reads with a generous timeout that only guards against a hung test.
 */
final class SimHost implements AutoCloseable {
    static final List<String> STREAM_JSON =
            List.of("--output-format", "stream-json", "--verbose", "--input-format", "stream-json");
    private static final long TIMEOUT_SECONDS = 10;
    private static final long CLOSE_WAIT_SECONDS = 5;
    private static final Line END = new Line("", null, null, null);

    /** One stdout line: its text, its JSON (null if it is not JSON), its decoding (null if it does not decode). */
    record Line(String raw, JsonNode json, CliMessage message, String decodeError) {
        String type() {
            return json == null ? "" : json.path("type").asText();
        }

        String kind() {
            return json == null ? "<not json>" : kindOf(json);
        }

        String requestId() {
            return json.path("request_id").asText(null);
        }
    }

    /** type, then subtype for system frames, or the request subtype (and MCP method) for control requests. */
    static String kindOf(JsonNode json) {
        String type = json.path("type").asText();
        return switch (type) {
            case "system" -> "system/" + json.path("subtype").asText();
            case "control_request" -> {
                JsonNode request = json.path("request");
                String subtype = request.path("subtype").asText();
                yield "control_request/" + subtype
                        + (subtype.equals("mcp_message")
                                ? " " + request.path("message").path("method").asText()
                                : "");
            }
            default -> type;
        };
    }

    private final StreamJsonCodec codec = new StreamJsonCodec();
    private final OutputStream stdin;
    private final BlockingQueue<Line> stdout = new LinkedBlockingQueue<>();
    private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();
    private final CompletableFuture<Integer> exit = new CompletableFuture<>();
    private final AtomicInteger requests = new AtomicInteger();
    private boolean ended;

    private SimHost(Path cwd, Map<String, String> env, List<String> args) throws IOException {
        Pipe in = Pipe.open();
        Pipe out = Pipe.open();
        stdin = Channels.newOutputStream(in.sink());
        InputStream agentIn = Channels.newInputStream(in.source());
        OutputStream agentOut = Channels.newOutputStream(out.sink());
        PrintStream err = new PrintStream(stderr, true, StandardCharsets.UTF_8);
        Thread.ofVirtual().name("test-agent").start(() -> {
            try {
                exit.complete(SimAgent.run(agentIn, agentOut, err, env, cwd, args));
            } catch (Throwable t) {
                exit.completeExceptionally(t);
            } finally {
                close(agentOut); // the host sees the agent's stdout end, as with a process that exited
            }
        });
        InputStream hostIn = Channels.newInputStream(out.source());
        Thread.ofVirtual().name("test-host-reader").start(() -> readLoop(hostIn));
    }

    /** Starts an agent with the stream-json flags, then {@code args}. */
    static SimHost start(Path cwd, Map<String, String> env, String... args) throws IOException {
        List<String> all = new ArrayList<>(STREAM_JSON);
        all.addAll(List.of(args));
        return startExactly(cwd, env, all);
    }

    static SimHost startExactly(Path cwd, Map<String, String> env, List<String> args) throws IOException {
        return new SimHost(cwd, env, args);
    }

    /** A test environment: the real PATH, a private config dir and home, a git identity. */
    static Map<String, String> env(Path dir, String... keyValues) {
        Map<String, String> env = new HashMap<>();
        env.put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        env.put("HOME", dir.resolve("home").toString());
        env.put("CLAUDE_CONFIG_DIR", dir.resolve("config").toString());
        env.put("GIT_AUTHOR_NAME", "Sim");
        env.put("GIT_AUTHOR_EMAIL", "sim@example.com");
        env.put("GIT_COMMITTER_NAME", "Sim");
        env.put("GIT_COMMITTER_EMAIL", "sim@example.com");
        env.put("GIT_CONFIG_NOSYSTEM", "1");
        for (int i = 0; i + 1 < keyValues.length; i += 2) {
            env.put(keyValues[i], keyValues[i + 1]);
        }
        return env;
    }

    // ---- host -> agent ----

    void send(HostMessage message) {
        sendRaw(codec.encode(message));
    }

    void send(JsonNode line) {
        sendRaw(line.toString());
    }

    void sendRaw(String line) {
        try {
            stdin.write((line + "\n").getBytes(StandardCharsets.UTF_8));
            stdin.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void user(String text) {
        send(new HostMessage.UserMessage(null, text));
    }

    void user(String text, String uuid) {
        send(new HostMessage.UserMessage(uuid, text));
    }

    /** Sends a host control request; returns its id. */
    String request(HostRequest request) {
        String id = "req_" + requests.incrementAndGet() + "_test";
        send(new HostMessage.ControlRequest(id, request));
        return id;
    }

    String request(ObjectNode body) {
        String id = "req_" + requests.incrementAndGet() + "_test";
        ObjectNode line = Json.object().put("type", "control_request").put("request_id", id);
        line.set("request", body);
        send(line);
        return id;
    }

    void answer(Line request, JsonNode response) {
        ObjectNode line = Json.object().put("type", "control_response");
        ObjectNode body = line.putObject("response").put("subtype", "success").put("request_id", request.requestId());
        body.set("response", response);
        send(line);
    }

    void answerError(Line request, String error) {
        send(new HostMessage.ControlError(request.requestId(), error));
    }

    /** Answers an {@code mcp_message} request as the coordinator's MCP server would: tools are given by name. */
    void answerMcp(Line request, String... tools) {
        JsonNode message = request.json().path("request").path("message");
        ObjectNode reply = Json.object().put("jsonrpc", "2.0");
        if (message.has("id")) {
            reply.set("id", message.get("id"));
        }
        ObjectNode result = reply.putObject("result");
        switch (message.path("method").asText()) {
            case "initialize" -> {
                result.put("protocolVersion", "2025-11-25");
                result.putObject("capabilities").putObject("tools");
                result.putObject("serverInfo").put("name", "peers").put("version", "1.0.0");
            }
            case "tools/list" -> {
                var list = result.putArray("tools");
                for (String tool : tools) {
                    list.addObject()
                            .put("name", tool)
                            .put("description", tool)
                            .putObject("inputSchema")
                            .put("type", "object");
                }
            }
            default -> {} // notifications: an empty result
        }
        answer(request, Json.object().set("mcp_response", reply));
    }

    /** Answers a {@code tools/call} with one text block. */
    void answerToolCall(Line request, String text, boolean isError) {
        JsonNode message = request.json().path("request").path("message");
        ObjectNode reply = Json.object().put("jsonrpc", "2.0");
        reply.set("id", message.get("id"));
        ObjectNode result = reply.putObject("result");
        result.putArray("content").addObject().put("type", "text").put("text", text);
        result.put("isError", isError);
        answer(request, Json.object().set("mcp_response", reply));
    }

    /** {@code initialize} plus the whole MCP handshake, answered; returns the lines the agent wrote meanwhile. */
    List<Line> initializeWithMcp(String... tools) {
        request(new HostRequest.Initialize());
        List<Line> seen = new ArrayList<>();
        Line mcpInit = expect("control_request/mcp_message initialize");
        seen.add(mcpInit);
        answerMcp(mcpInit, tools);
        seen.add(expect("control_response"));
        Line notified = expect("control_request/mcp_message notifications/initialized");
        seen.add(notified);
        answerMcp(notified, tools);
        Line list = expect("control_request/mcp_message tools/list");
        seen.add(list);
        answerMcp(list, tools);
        return seen;
    }

    void closeStdin() {
        close(stdin);
    }

    // ---- agent -> host ----

    /** The next line the agent writes; fails the test after a timeout or at the end of output. */
    Line next() {
        Line line = poll();
        if (line == END) {
            ended = true;
            fail("the agent's output ended; stderr: " + stderr());
        }
        return line;
    }

    /** The next line, which must be of {@code kind} (see {@link Line#kind}). */
    Line expect(String kind) {
        Line line = next();
        assertThat(line.kind()).as("next line: " + line.raw()).isEqualTo(kind);
        return line;
    }

    /** Lines up to and including the first that matches. */
    List<Line> until(Predicate<Line> stop) {
        List<Line> lines = new ArrayList<>();
        while (true) {
            Line line = next();
            lines.add(line);
            if (stop.test(line)) {
                return lines;
            }
        }
    }

    List<Line> untilKind(String kind) {
        return until(line -> line.kind().equals(kind));
    }

    /** Lines up to and including the next {@code result}. */
    List<Line> turn() {
        return untilKind("result");
    }

    /** Every line until the agent's output ends. */
    List<Line> rest() {
        List<Line> lines = new ArrayList<>();
        while (!ended) {
            Line line = poll();
            if (line == END) {
                ended = true;
            } else {
                lines.add(line);
            }
        }
        return lines;
    }

    int exitCode() {
        try {
            return exit.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("the agent did not exit; stderr: " + stderr(), e);
        }
    }

    String stderr() {
        return stderr.toString(StandardCharsets.UTF_8);
    }

    /** Closes stdin and gives the agent a moment to finish, so that it is not writing while the test cleans up. */
    @Override
    public void close() {
        closeStdin();
        try {
            exit.get(CLOSE_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (Exception e) {
            // a test that left a turn waiting: nothing more to do about it
        }
    }

    private Line poll() {
        try {
            Line line = stdout.poll(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            if (line == null) {
                fail("no line from the agent within " + TIMEOUT_SECONDS + " s; stderr: " + stderr());
            }
            return line;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private void readLoop(InputStream in) {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String raw;
            while ((raw = reader.readLine()) != null) {
                stdout.add(decode(raw));
            }
        } catch (IOException e) {
            // the agent's stdout closed
        }
        stdout.add(END);
    }

    private Line decode(String raw) {
        JsonNode json = null;
        try {
            json = Json.MAPPER.readTree(raw);
        } catch (IOException e) {
            // not JSON: kept as raw text
        }
        try {
            return new Line(raw, json, codec.decode(raw).orElse(null), null);
        } catch (ProtocolException e) {
            return new Line(raw, null, null, e.getMessage());
        }
    }

    private static void close(java.io.Closeable closeable) {
        try {
            closeable.close();
        } catch (IOException e) {
            // already closed
        }
    }
}
