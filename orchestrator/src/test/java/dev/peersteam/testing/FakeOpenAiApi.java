package dev.peersteam.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A scripted fake of the OpenAI Responses API ({@code POST /v1/responses}, streamed as server-sent events the way the
 * real API streams) on 127.0.0.1, for the real {@code codex} CLI: no key, no network. Codex is pointed at it by a
 * custom model provider in {@code $CODEX_HOME/config.toml} ({@link #writeCodexHome}). Each request is recorded and
 * answered by the script with a message or one function call.
 */
public final class FakeOpenAiApi implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper();

    /** What the fake answers one request with. */
    public sealed interface Reply {
        record Text(String text) implements Reply {}

        /** A call of a top-level function ({@code exec_command}, or a dynamic tool such as the team tools). */
        /** {@code namespace}: null for a top-level tool, else the namespace it was offered in. */
        record Call(String namespace, String name, Map<String, ?> arguments) implements Reply {}

        static Reply text(String text) {
            return new Text(text);
        }

        static Reply call(String name, Map<String, ?> arguments) {
            return new Call(null, name, arguments);
        }

        /** A team tool, as codex offers it to a peers-team role: in the {@code peers} namespace. */
        static Reply team(String name, Map<String, ?> arguments) {
            return new Call("peers", name, arguments);
        }

        /**
         * A reply that never comes: the stream opens and stays silent (a comment now and then) until codex hangs up
         * or a minute passes, so a turn can be interrupted mid-request.
         */
        record Hang() implements Reply {}

        /** An HTTP error the real API gives for a request it refuses (400, {@code invalid_request_error}). */
        record Refuse(String message) implements Reply {}

        /** Codex's shell tool. */
        static Reply shell(String command) {
            return new Call(null, "exec_command", Map.of("cmd", command));
        }
    }

    /** One recorded request: its JSON body and which session it came from. */
    public record Request(int seq, JsonNode body, String sessionHeader) {
        /** Every text of the input (messages and tool outputs), joined. */
        public String allText() {
            StringBuilder out = new StringBuilder();
            for (JsonNode item : body.path("input")) {
                collect(item, out);
            }
            return out.toString();
        }

        private static void collect(JsonNode node, StringBuilder out) {
            if (node.isTextual()) {
                out.append(node.asText()).append('\n');
            } else {
                node.forEach(child -> collect(child, out));
            }
        }

        /** The text of the newest user message of the input ("" when there is none). */
        public String lastUserText() {
            String last = "";
            for (JsonNode item : body.path("input")) {
                if (item.path("type").asText().equals("message")
                        && item.path("role").asText().equals("user")) {
                    StringBuilder out = new StringBuilder();
                    collect(item.path("content"), out);
                    last = out.toString();
                }
            }
            return last;
        }

        public boolean contains(String text) {
            return allText().contains(text);
        }

        /**
         * The function calls already made in this conversation, in order: their names, a namespaced one as
         * {@code namespace.name}.
         */
        public List<String> calls() {
            List<String> names = new ArrayList<>();
            for (JsonNode item : body.path("input")) {
                if (item.path("type").asText().equals("function_call")) {
                    String ns = item.path("namespace").asText("");
                    names.add((ns.isEmpty() ? "" : ns + ".") + item.path("name").asText());
                }
            }
            return names;
        }

        /** The output of the last function call, or "" when the last input item is not one. */
        public String lastOutput() {
            JsonNode input = body.path("input");
            if (input.isEmpty()) {
                return "";
            }
            JsonNode last = input.get(input.size() - 1);
            if (!last.path("type").asText().equals("function_call_output")) {
                return "";
            }
            StringBuilder out = new StringBuilder();
            collect(last.path("output"), out);
            return out.toString();
        }

        /** The names of the tools offered, a namespace's as {@code namespace.name}. */
        public List<String> toolNames() {
            List<String> names = new ArrayList<>();
            body.path("tools").forEach(tool -> {
                names.add(tool.path("name").asText());
                tool.path("tools")
                        .forEach(inner -> names.add(tool.path("name").asText() + "."
                                + inner.path("name").asText()));
            });
            return names;
        }
    }

    private final HttpServer server;
    private final ExecutorService executor;
    private volatile Function<Request, Reply> script;
    private final AtomicInteger seq = new AtomicInteger();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition arrived = lock.newCondition();
    private final List<Request> requests = new ArrayList<>();
    private final List<String> failures = new ArrayList<>();

    private FakeOpenAiApi(Function<Request, Reply> script) throws IOException {
        this.script = Objects.requireNonNull(script);
        server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 50);
        executor = Executors.newThreadPerTaskExecutor(
                Thread.ofVirtual().name("fake-openai-", 0).factory());
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    public static FakeOpenAiApi start(Function<Request, Reply> script) {
        try {
            return new FakeOpenAiApi(script);
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the fake OpenAI API: " + e, e);
        }
    }

    public void setScript(Function<Request, Reply> script) {
        this.script = Objects.requireNonNull(script);
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    /**
     * A {@code CODEX_HOME} whose config points codex at this fake: a custom provider speaking the Responses API, a
     * model slug codex does not know (so it offers plain function tools), no analytics, no key.
     */
    public Path writeCodexHome(Path home) throws IOException {
        Files.createDirectories(home);
        Files.writeString(home.resolve("config.toml"), """
                model = "gpt-fake"
                model_provider = "peersfake"
                [analytics]
                enabled = false
                [model_providers.peersfake]
                name = "fake"
                base_url = "%s"
                wire_api = "responses"
                request_max_retries = 0
                stream_max_retries = 0
                """.formatted(baseUrl()));
        return home;
    }

    public List<Request> requests() {
        lock.lock();
        try {
            return List.copyOf(requests);
        } finally {
            lock.unlock();
        }
    }

    public Request awaitRequest(Predicate<Request> predicate, Duration timeout) {
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
                    StringBuilder sb = new StringBuilder("no matching request to the fake OpenAI API within ")
                            .append(timeout)
                            .append("; received ")
                            .append(requests.size());
                    for (Request r : requests) {
                        String text = r.allText();
                        sb.append("\n  #")
                                .append(r.seq())
                                .append(" calls=")
                                .append(r.calls())
                                .append(" tail=")
                                .append(text.substring(Math.max(0, text.length() - 300))
                                        .replace('\n', ' '));
                    }
                    failures.forEach(f -> sb.append("\n  failure: ").append(f));
                    throw new AssertionError(sb.toString());
                }
                arrived.awaitNanos(left);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        } finally {
            lock.unlock();
        }
    }

    public void assertNoFailures() {
        lock.lock();
        try {
            if (!failures.isEmpty()) {
                throw new AssertionError("the fake OpenAI API saw failures: " + failures);
            }
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

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            byte[] body = ex.getRequestBody().readAllBytes();
            if (!ex.getRequestMethod().equals("POST")
                    || !ex.getRequestURI().getPath().equals("/v1/responses")) {
                fail("unexpected " + ex.getRequestMethod() + " " + ex.getRequestURI());
                ex.sendResponseHeaders(404, -1);
                return;
            }
            JsonNode json;
            try {
                json = JSON.readTree(body);
            } catch (IOException e) {
                fail("body is not JSON");
                ex.sendResponseHeaders(400, -1);
                return;
            }
            Request request = new Request(
                    seq.incrementAndGet(), json, ex.getRequestHeaders().getFirst("session-id"));
            Reply reply;
            try {
                reply = script.apply(request);
            } catch (RuntimeException | AssertionError e) {
                fail("script failed on #" + request.seq() + ": " + e);
                reply = Reply.text("script failure");
            }
            lock.lock();
            try {
                requests.add(request);
                arrived.signalAll();
            } finally {
                lock.unlock();
            }
            if (reply instanceof Reply.Refuse(String message)) {
                ObjectNode error = JSON.createObjectNode();
                error.putObject("error")
                        .put("message", message)
                        .put("type", "invalid_request_error")
                        .put("code", "invalid_request");
                byte[] bytes = JSON.writeValueAsBytes(error);
                ex.getResponseHeaders().set("content-type", "application/json");
                ex.sendResponseHeaders(400, bytes.length);
                ex.getResponseBody().write(bytes);
                return;
            }
            ex.getResponseHeaders().set("content-type", "text/event-stream");
            ex.sendResponseHeaders(200, 0);
            try (OutputStream out = ex.getResponseBody()) {
                stream(out, request, reply);
            } catch (IOException hungUp) {
                // codex closed the stream (an interrupt): nothing more to say
            }
        }
    }

    private void stream(OutputStream out, Request request, Reply reply) throws IOException {
        String responseId = "resp_" + request.seq();
        ObjectNode response = JSON.createObjectNode().put("id", responseId).put("object", "response");
        event(out, "response.created", JSON.createObjectNode().set("response", response.deepCopy()));
        ObjectNode item;
        switch (reply) {
            case Reply.Refuse refuse -> throw new IllegalStateException("answered before the stream");
            case Reply.Hang hang -> {
                hang(out);
                return;
            }
            case Reply.Text(String text) -> {
                String itemId = "msg_" + request.seq();
                item = JSON.createObjectNode()
                        .put("type", "message")
                        .put("id", itemId)
                        .put("role", "assistant")
                        .put("status", "completed");
                item.putArray("content")
                        .addObject()
                        .put("type", "output_text")
                        .put("text", text)
                        .putArray("annotations");
                ObjectNode added = item.deepCopy();
                added.putArray("content");
                event(
                        out,
                        "response.output_item.added",
                        JSON.createObjectNode().put("output_index", 0).set("item", added));
                event(
                        out,
                        "response.output_text.delta",
                        JSON.createObjectNode()
                                .put("item_id", itemId)
                                .put("output_index", 0)
                                .put("content_index", 0)
                                .put("delta", text));
            }
            case Reply.Call(String namespace, String name, Map<String, ?> arguments) -> {
                item = JSON.createObjectNode()
                        .put("type", "function_call")
                        .put("id", "fc_" + request.seq())
                        .put("call_id", "call_" + request.seq())
                        .put("name", name);
                if (namespace != null) {
                    item.put("namespace", namespace);
                }
                item.put("arguments", JSON.writeValueAsString(arguments)).put("status", "completed");
                event(
                        out,
                        "response.output_item.added",
                        JSON.createObjectNode().put("output_index", 0).set("item", item));
            }
        }
        event(
                out,
                "response.output_item.done",
                JSON.createObjectNode().put("output_index", 0).set("item", item));
        response.put("status", "completed");
        response.putArray("output").add(item);
        response.putObject("usage")
                .put("input_tokens", 100)
                .put("output_tokens", 20)
                .put("total_tokens", 120)
                .set("input_tokens_details", JSON.createObjectNode().put("cached_tokens", 0));
        ((ObjectNode) response.get("usage"))
                .set("output_tokens_details", JSON.createObjectNode().put("reasoning_tokens", 0));
        event(out, "response.completed", JSON.createObjectNode().set("response", response));
    }

    private static void hang(OutputStream out) throws IOException {
        long end = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        while (System.nanoTime() < end) {
            out.write(": still thinking\n\n".getBytes(StandardCharsets.UTF_8));
            out.flush();
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static void event(OutputStream out, String type, ObjectNode data) throws IOException {
        data.put("type", type);
        out.write(("event: " + type + "\ndata: " + JSON.writeValueAsString(data) + "\n\n")
                .getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private void fail(String what) {
        lock.lock();
        try {
            failures.add(what);
        } finally {
            lock.unlock();
        }
    }
}
