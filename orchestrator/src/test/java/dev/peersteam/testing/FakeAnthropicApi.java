package dev.peersteam.testing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;
import java.util.zip.GZIPInputStream;

/**
 * A scripted fake of the Anthropic Messages API for end-to-end tests with the real {@code claude} CLI, served on
 * {@code 127.0.0.1} at an ephemeral port. Point the CLI at it with {@link ClaudeCliForTests}.
 *
 * <ul>
 *   <li>{@code POST /v1/messages} (with or without {@code ?beta=true}): asks the {@link Script} for a
 *       {@link ModelReply}; answers an SSE stream when the body says {@code "stream":true} ({@code message_start},
 *       {@code ping}, per block {@code content_block_start} / deltas ({@code text_delta}, or {@code input_json_delta}
 *       split into a few {@code partial_json} chunks) / {@code content_block_stop}, {@code message_delta} with the
 *       stop reason and usage, {@code message_stop}), else the message as plain JSON.</li>
 *   <li>{@code POST /v1/messages/count_tokens}: {@code {"input_tokens": body length / 4}}.</li>
 *   <li>{@code HEAD|GET /api/hello}: 200 (the CLI's preconnect probe, sent only without
 *       {@code CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC}).</li>
 *   <li>Anything else: 404 with a JSON error, logged and listed in {@link #unhandled()}.</li>
 * </ul>
 *
 * Every messages/count_tokens request is recorded before the script runs ({@link #requests()},
 * {@link #awaitRequest}). When the script throws (or returns null) the fake answers HTTP 500 with the message and
 * the header {@code x-should-retry: false} (so the CLI ends the turn with an error result at once instead of retrying
 * with backoff), and records the failure ({@link #failures()},
 * {@link #assertNoFailures()}). Ids are unique per fake: {@code msg_fake_001}, … and {@code toolu_fake_001_0}
 * (message number, block index). Usage is small and fixed (10 input tokens) so that costs and context size stay
 * tiny. Each request is logged to stderr as one line; set env {@code PEERS_TEAM_FAKE_API_DUMP=<dir>} to also write
 * every request (headers and body) to {@code <dir>/req_NNN.json}.
 *
 * <pre>{@code
 * try (FakeAnthropicApi api = FakeAnthropicApi.start(req -> req.isToolResultTurn()
 *         ? ModelReply.text("done")
 *         : ModelReply.toolUse("Write", Map.of("file_path", file.toString(), "content", "hi\n")))) {
 *     ProcessBuilder pb = ClaudeCliForTests.forApi(api, tempDir).processBuilder(cwd, "--model", "claude-sonnet-4-5");
 *     ...
 *     ModelRequest second = api.awaitRequest(ModelRequest::isToolResultTurn, Duration.ofSeconds(20));
 *     api.assertNoFailures();
 * }
 * }</pre>
 */
public final class FakeAnthropicApi implements AutoCloseable {
    /** Input tokens reported in every usage block. */
    public static final int INPUT_TOKENS = 10;

    /** A recorded request and what the fake answered (status and JSON: the message, or the error body). */
    public record Exchange(ModelRequest request, int status, JsonNode response) {}

    private final HttpServer server;
    private final ExecutorService executor;
    private final Path dumpDir;
    private volatile Script script;

    private final AtomicInteger requestCounter = new AtomicInteger();
    private final AtomicInteger messageCounter = new AtomicInteger();

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition arrived = lock.newCondition();
    private final List<ModelRequest> requests = new ArrayList<>();
    private final List<Exchange> exchanges = new ArrayList<>();
    private final List<String> failures = new ArrayList<>();
    private final List<String> unhandled = new ArrayList<>();

    private FakeAnthropicApi(Script script) throws IOException {
        this.script = Objects.requireNonNull(script, "script");
        String dump = System.getenv("PEERS_TEAM_FAKE_API_DUMP");
        this.dumpDir = dump == null || dump.isBlank() ? null : Path.of(dump);
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 50);
        this.executor = Executors.newThreadPerTaskExecutor(
                Thread.ofVirtual().name("fake-api-", 0).factory());
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    /** Starts a fake on 127.0.0.1 at an ephemeral port. */
    public static FakeAnthropicApi start(Script script) {
        try {
            return new FakeAnthropicApi(script);
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the fake Anthropic API: " + e, e);
        }
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** {@code http://127.0.0.1:PORT}, the value for {@code ANTHROPIC_BASE_URL}. */
    public URI baseUrl() {
        return URI.create("http://127.0.0.1:" + port());
    }

    /** Replaces the script for the requests that arrive from now on. */
    public void setScript(Script script) {
        this.script = Objects.requireNonNull(script, "script");
    }

    /** All recorded messages and count_tokens requests, in arrival order. */
    public List<ModelRequest> requests() {
        lock.lock();
        try {
            return List.copyOf(requests);
        } finally {
            lock.unlock();
        }
    }

    /** The recorded requests of the agents' main loops ({@link ModelRequest#isMainLoop()}). */
    public List<ModelRequest> mainLoopRequests() {
        return requests().stream().filter(ModelRequest::isMainLoop).toList();
    }

    /** Recorded requests with the answers the fake sent (only those already answered). */
    public List<Exchange> exchanges() {
        lock.lock();
        try {
            return List.copyOf(exchanges);
        } finally {
            lock.unlock();
        }
    }

    /** Descriptions of script failures and malformed requests. */
    public List<String> failures() {
        lock.lock();
        try {
            return List.copyOf(failures);
        } finally {
            lock.unlock();
        }
    }

    /** Requests to paths the fake does not implement, as {@code METHOD path}. */
    public List<String> unhandled() {
        lock.lock();
        try {
            return List.copyOf(unhandled);
        } finally {
            lock.unlock();
        }
    }

    /** Throws an {@link AssertionError} listing the failures, if any. */
    public void assertNoFailures() {
        List<String> f = failures();
        if (!f.isEmpty()) {
            throw new AssertionError(
                    "the fake Anthropic API recorded " + f.size() + " failure(s):\n  " + String.join("\n  ", f));
        }
    }

    /**
     * The first recorded request (already received or arriving within {@code timeout}) that matches
     * {@code predicate}. Waits on a condition signalled by each new request. Throws an {@link AssertionError}
     * describing what was received when none matches in time.
     */
    public ModelRequest awaitRequest(Predicate<ModelRequest> predicate, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        lock.lock();
        try {
            int scanned = 0;
            while (true) {
                for (; scanned < requests.size(); scanned++) {
                    if (predicate.test(requests.get(scanned))) {
                        return requests.get(scanned);
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    StringBuilder sb = new StringBuilder("no matching request to the fake Anthropic API within ")
                            .append(timeout)
                            .append("; received ")
                            .append(requests.size())
                            .append(':');
                    requests.forEach(r -> sb.append("\n  ").append(r.summary()));
                    failures.forEach(f -> sb.append("\n  failure: ").append(f));
                    throw new AssertionError(sb.toString());
                }
                arrived.awaitNanos(left);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for a request", e);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
        try {
            executor.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // ---------------------------------------------------------------------------------------------------------------

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String method = ex.getRequestMethod();
            String rawPath = ex.getRequestURI().getRawPath();
            String query = ex.getRequestURI().getRawQuery();
            String path = rawPath + (query == null ? "" : "?" + query);
            byte[] body = readBody(ex);
            if (method.equals("POST")
                    && (rawPath.equals("/v1/messages") || rawPath.equals("/v1/messages/count_tokens"))) {
                JsonNode json;
                try {
                    json = ModelRequest.JSON.readTree(body);
                } catch (JsonProcessingException e) {
                    json = null;
                }
                ModelRequest request = record(method, path, ex, json);
                dump(request);
                if (json == null || !json.isObject()) {
                    fail(request.seq() + " " + path + ": body is not a JSON object: "
                            + new String(body, 0, Math.min(body.length, 200), StandardCharsets.UTF_8));
                    respond(ex, request, 400, error("invalid_request_error", "body is not a JSON object"));
                } else if (request.isCountTokens()) {
                    ObjectNode count =
                            ModelRequest.JSON.createObjectNode().put("input_tokens", Math.max(1, body.length / 4));
                    log(request.summary() + " -> " + count);
                    respond(ex, request, 200, count);
                } else {
                    answerMessages(ex, request);
                }
            } else if (rawPath.equals("/api/hello") && (method.equals("HEAD") || method.equals("GET"))) {
                ex.sendResponseHeaders(200, -1);
            } else {
                String what = method + " " + path;
                lock.lock();
                try {
                    unhandled.add(what);
                } finally {
                    lock.unlock();
                }
                log("unhandled request " + what + " -> 404");
                byte[] bytes = error("not_found_error", "the fake Anthropic API does not implement " + what)
                        .toString()
                        .getBytes(StandardCharsets.UTF_8);
                ex.getResponseHeaders().set("content-type", "application/json");
                ex.sendResponseHeaders(404, bytes.length);
                ex.getResponseBody().write(bytes);
            }
        } catch (IOException | RuntimeException e) {
            log("error while answering " + ex.getRequestMethod() + " " + ex.getRequestURI() + ": " + e);
        }
    }

    private void answerMessages(HttpExchange ex, ModelRequest request) throws IOException {
        ModelReply reply;
        try {
            reply = script.reply(request);
            if (reply == null) {
                throw new IllegalStateException("the script returned null");
            }
        } catch (Exception | AssertionError e) {
            String message = "script failed for request " + request.summary() + ": " + e;
            fail(message);
            ex.getResponseHeaders().set("x-should-retry", "false");
            respond(ex, request, 500, error("api_error", "fake Anthropic API: " + message));
            return;
        }
        if (reply.error() != null) {
            ModelReply.ApiError err = reply.error();
            log(request.summary() + " -> HTTP " + err.status() + " " + err.type());
            if (!err.retryable()) {
                ex.getResponseHeaders().set("x-should-retry", "false");
            }
            reply.headers().forEach(ex.getResponseHeaders()::set);
            respond(ex, request, err.status(), error(err.type(), err.message()));
            return;
        }
        reply.headers().forEach(ex.getResponseHeaders()::set);
        ObjectNode message = message(request, reply);
        log(request.summary() + " -> " + message.get("id").asText() + " " + reply);
        if (request.stream()) {
            stream(ex, request, reply, message);
        } else {
            respond(ex, request, 200, message);
        }
    }

    private ObjectNode message(ModelRequest request, ModelReply reply) {
        int n = messageCounter.incrementAndGet();
        ObjectNode message = ModelRequest.JSON.createObjectNode();
        message.put("id", String.format("msg_fake_%03d", n));
        message.put("type", "message");
        message.put("role", "assistant");
        message.put("model", request.model().isEmpty() ? "claude-fake" : request.model());
        ArrayNode content = message.putArray("content");
        int index = 0;
        int outputTokens = 1;
        for (ModelReply.Block block : reply.blocks()) {
            ObjectNode b = content.addObject();
            switch (block) {
                case ModelReply.Text t -> {
                    b.put("type", "text").put("text", t.text());
                    outputTokens += t.text().length() / 4 + 1;
                }
                case ModelReply.ToolUse u -> {
                    b.put("type", "tool_use")
                            .put("id", String.format("toolu_fake_%03d_%d", n, index))
                            .put("name", u.name())
                            .set("input", u.input().deepCopy());
                    outputTokens += u.input().toString().length() / 4 + 1;
                }
            }
            index++;
        }
        message.put("stop_reason", reply.stopReason());
        message.putNull("stop_sequence");
        ObjectNode usage = message.putObject("usage");
        usage.put("input_tokens", INPUT_TOKENS);
        usage.put("cache_creation_input_tokens", 0);
        usage.put("cache_read_input_tokens", 0);
        usage.put("output_tokens", outputTokens);
        return message;
    }

    private void stream(HttpExchange ex, ModelRequest request, ModelReply reply, ObjectNode message)
            throws IOException {
        ex.getResponseHeaders().set("content-type", "text/event-stream; charset=utf-8");
        ex.getResponseHeaders().set("cache-control", "no-cache");
        ex.getResponseHeaders().set("request-id", "req_fake_" + request.seq());
        ex.sendResponseHeaders(200, 0);
        recordExchange(request, 200, message);
        OutputStream out = ex.getResponseBody();
        try {
            ObjectNode start = message.deepCopy();
            start.putArray("content");
            start.putNull("stop_reason");
            ((ObjectNode) start.get("usage")).put("output_tokens", 1);
            event(out, "message_start", obj("message_start").set("message", start), Duration.ZERO);
            Duration delay = reply.eventDelay();
            event(out, "ping", obj("ping"), delay);
            int index = 0;
            for (JsonNode block : message.get("content")) {
                ObjectNode startBlock = block.deepCopy();
                List<ObjectNode> deltas = new ArrayList<>();
                if (block.get("type").asText().equals("text")) {
                    startBlock.put("text", "");
                    for (String part : split(block.get("text").asText(), 2)) {
                        deltas.add(obj("text_delta").put("text", part));
                    }
                } else {
                    startBlock.putObject("input");
                    for (String part : split(block.get("input").toString(), 3)) {
                        deltas.add(obj("input_json_delta").put("partial_json", part));
                    }
                }
                event(
                        out,
                        "content_block_start",
                        obj("content_block_start").put("index", index).set("content_block", startBlock),
                        delay);
                for (ObjectNode d : deltas) {
                    event(
                            out,
                            "content_block_delta",
                            obj("content_block_delta").put("index", index).set("delta", d),
                            delay);
                }
                event(out, "content_block_stop", obj("content_block_stop").put("index", index), delay);
                index++;
            }
            ObjectNode messageDelta = obj("message_delta");
            messageDelta
                    .putObject("delta")
                    .put("stop_reason", message.get("stop_reason").asText())
                    .putNull("stop_sequence");
            messageDelta
                    .putObject("usage")
                    .put(
                            "output_tokens",
                            message.get("usage").get("output_tokens").asInt());
            event(out, "message_delta", messageDelta, delay);
            event(out, "message_stop", obj("message_stop"), delay);
        } catch (IOException e) {
            log(request.summary() + ": the client closed the stream early (" + e.getMessage() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void event(OutputStream out, String type, ObjectNode data, Duration delayBefore)
            throws IOException, InterruptedException {
        if (!delayBefore.isZero()) {
            Thread.sleep(delayBefore);
        }
        out.write(("event: " + type + "\ndata: " + data + "\n\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /** Splits {@code s} into up to {@code parts} non-empty pieces on code point boundaries. */
    static List<String> split(String s, int parts) {
        List<String> out = new ArrayList<>();
        int cps = s.codePointCount(0, s.length());
        if (cps == 0) {
            out.add(s);
            return out;
        }
        int n = Math.min(parts, cps);
        int from = 0;
        for (int i = 1; i <= n; i++) {
            int to = i == n ? s.length() : s.offsetByCodePoints(0, cps * i / n);
            out.add(s.substring(from, to));
            from = to;
        }
        return out;
    }

    private static ObjectNode obj(String type) {
        return ModelRequest.JSON.createObjectNode().put("type", type);
    }

    private static ObjectNode error(String type, String message) {
        ObjectNode e = obj("error");
        e.putObject("error").put("type", type).put("message", message);
        return e;
    }

    private void respond(HttpExchange ex, ModelRequest request, int status, JsonNode json) throws IOException {
        recordExchange(request, status, json);
        byte[] bytes = json.toString().getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("content-type", "application/json");
        ex.getResponseHeaders().set("request-id", "req_fake_" + request.seq());
        ex.sendResponseHeaders(status, bytes.length);
        ex.getResponseBody().write(bytes);
    }

    private ModelRequest record(String method, String path, HttpExchange ex, JsonNode json) {
        lock.lock();
        try {
            ModelRequest request =
                    new ModelRequest(requestCounter.incrementAndGet(), method, path, ex.getRequestHeaders(), json);
            requests.add(request);
            arrived.signalAll();
            return request;
        } finally {
            lock.unlock();
        }
    }

    private void recordExchange(ModelRequest request, int status, JsonNode response) {
        lock.lock();
        try {
            exchanges.add(new Exchange(request, status, response));
        } finally {
            lock.unlock();
        }
    }

    private void fail(String message) {
        log("FAILURE: " + message);
        lock.lock();
        try {
            failures.add(message);
            arrived.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void dump(ModelRequest request) {
        if (dumpDir == null) {
            return;
        }
        try {
            Files.createDirectories(dumpDir);
            ObjectNode d = ModelRequest.JSON.createObjectNode();
            d.put("seq", request.seq())
                    .put("port", port())
                    .put("method", request.method())
                    .put("path", request.path());
            ObjectNode h = d.putObject("headers");
            for (String name : List.of(
                    "user-agent",
                    "anthropic-beta",
                    "anthropic-version",
                    "x-app",
                    "x-claude-code-session-id",
                    "content-type",
                    "content-encoding")) {
                request.header(name).ifPresent(v -> h.put(name, v));
            }
            d.set("body", request.json());
            Files.writeString(
                    dumpDir.resolve(String.format("req_%d_%03d.json", port(), request.seq())),
                    ModelRequest.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(d));
        } catch (IOException e) {
            log("cannot dump request " + request.seq() + ": " + e);
        }
    }

    private static byte[] readBody(HttpExchange ex) throws IOException {
        byte[] raw;
        try (InputStream in = ex.getRequestBody()) {
            raw = in.readAllBytes();
        }
        String encoding = ex.getRequestHeaders().getFirst("content-encoding");
        if (encoding != null && encoding.equalsIgnoreCase("gzip")) {
            try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(raw))) {
                return in.readAllBytes();
            }
        }
        return raw;
    }

    private void log(String line) {
        System.err.println("[fake-api :" + port() + "] " + line);
    }
}
