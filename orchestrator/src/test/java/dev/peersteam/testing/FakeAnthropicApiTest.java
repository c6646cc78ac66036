package dev.peersteam.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class FakeAnthropicApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    private FakeAnthropicApi api;

    @AfterEach
    void stop() {
        if (api != null) {
            api.close();
        }
    }

    /** A body shaped like the CLI's, with a trailing role:"system" message as the newer models get. */
    private static String body(boolean stream, String marker, String userText) {
        ObjectNode b = JSON.createObjectNode();
        b.put("model", "claude-sonnet-4-5").put("max_tokens", 32000).put("stream", stream);
        ArrayNode system = b.putArray("system");
        system.addObject().put("type", "text").put("text", "x-anthropic-billing-header: cc_version=2.1.328");
        system.addObject().put("type", "text").put("text", "You are a Claude agent.\n\n" + marker);
        ArrayNode messages = b.putArray("messages");
        ArrayNode first = messages.addObject().put("role", "user").putArray("content");
        first.addObject()
                .put("type", "text")
                .put("text", "<system-reminder>\nToday's date is 2026-11-26.\n</system-reminder>");
        first.addObject().put("type", "text").put("text", userText);
        messages.addObject()
                .put("role", "system")
                .putArray("content")
                .addObject()
                .put("type", "text")
                .put("text", "# Environment\n - Primary working directory: /tmp/x");
        b.putArray("tools")
                .addObject()
                .put("name", "Write")
                .putObject("input_schema")
                .put("type", "object");
        b.putObject("metadata")
                .put(
                        "user_id",
                        "{\"device_id\":\"abc\",\"account_uuid\":\"\",\"session_id\":\"11111111-2222-3333-4444-555555555555\"}");
        return b.toString();
    }

    private HttpResponse<String> post(String path, String body) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create(api.baseUrl() + path))
                        .header("content-type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private record Sse(String event, JsonNode data) {}

    private static List<Sse> parseSse(String text) throws IOException {
        List<Sse> events = new ArrayList<>();
        BufferedReader reader = new BufferedReader(new StringReader(text));
        String event = null;
        StringBuilder data = new StringBuilder();
        for (String line = reader.readLine(); line != null; line = reader.readLine()) {
            if (line.isEmpty()) {
                if (event != null) {
                    events.add(new Sse(event, JSON.readTree(data.toString())));
                }
                event = null;
                data.setLength(0);
            } else if (line.startsWith("event: ")) {
                event = line.substring(7);
            } else if (line.startsWith("data: ")) {
                data.append(line.substring(6));
            } else {
                throw new AssertionError("unexpected SSE line: " + line);
            }
        }
        assertThat(event).as("stream ends with a blank line").isNull();
        return events;
    }

    /** Rebuilds the content blocks from the events, the way the SDK's stream accumulator does. */
    private static List<JsonNode> blocks(List<Sse> events) throws IOException {
        Map<Integer, ObjectNode> blocks = new LinkedHashMap<>();
        Map<Integer, StringBuilder> partial = new LinkedHashMap<>();
        for (Sse e : events) {
            JsonNode d = e.data();
            assertThat(d.get("type").asText()).isEqualTo(e.event());
            switch (e.event()) {
                case "content_block_start" ->
                    blocks.put(d.get("index").asInt(), d.get("content_block").deepCopy());
                case "content_block_delta" -> {
                    ObjectNode block = blocks.get(d.get("index").asInt());
                    JsonNode delta = d.get("delta");
                    if (delta.get("type").asText().equals("text_delta")) {
                        block.put(
                                "text",
                                block.get("text").asText() + delta.get("text").asText());
                    } else {
                        assertThat(delta.get("type").asText()).isEqualTo("input_json_delta");
                        partial.computeIfAbsent(d.get("index").asInt(), i -> new StringBuilder())
                                .append(delta.get("partial_json").asText());
                    }
                }
                case "content_block_stop" -> {
                    StringBuilder json = partial.get(d.get("index").asInt());
                    if (json != null) {
                        blocks.get(d.get("index").asInt()).set("input", JSON.readTree(json.toString()));
                    }
                }
                default -> {}
            }
        }
        return new ArrayList<>(blocks.values());
    }

    @Test
    void streamsTextAndToolUseAsSseThatParsesBackIntoTheBlocks() throws Exception {
        api = FakeAnthropicApi.start(req -> ModelReply.text("Writing the file now.")
                .thenToolUse("Write", Map.of("file_path", "/tmp/x/a.txt", "content", "héllo ✓\n"))
                .thenToolUse("Read", Map.of("file_path", "/tmp/x/b.txt")));

        HttpResponse<String> response = post("/v1/messages?beta=true", body(true, "m", "hi"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type"))
                .hasValueSatisfying(v -> assertThat(v).startsWith("text/event-stream"));
        List<Sse> events = parseSse(response.body());
        assertThat(events.get(0).event()).isEqualTo("message_start");
        JsonNode start = events.get(0).data().get("message");
        assertThat(start.get("id").asText()).isEqualTo("msg_fake_001");
        assertThat(start.get("model").asText()).isEqualTo("claude-sonnet-4-5");
        assertThat(start.get("content")).isEmpty();
        assertThat(events.get(events.size() - 2).event()).isEqualTo("message_delta");
        assertThat(events.get(events.size() - 2).data().at("/delta/stop_reason").asText())
                .isEqualTo("tool_use");
        assertThat(events.get(events.size() - 2)
                        .data()
                        .at("/usage/output_tokens")
                        .asInt())
                .isPositive();
        assertThat(events.get(events.size() - 1).event()).isEqualTo("message_stop");
        assertThat(events.stream()
                        .filter(e -> e.event().equals("content_block_delta")
                                && e.data().at("/delta/type").asText().equals("input_json_delta"))
                        .count())
                .as("tool input arrives in several chunks")
                .isGreaterThan(2);
        assertThat(events.stream()
                        .filter(e -> e.event().equals("content_block_start"))
                        .map(e -> e.data().at("/content_block/input"))
                        .filter(JsonNode::isObject)
                        .toList())
                .allSatisfy(input -> assertThat(input).isEmpty());

        List<JsonNode> blocks = blocks(events);
        assertThat(blocks).hasSize(3);
        assertThat(blocks.get(0).get("text").asText()).isEqualTo("Writing the file now.");
        assertThat(blocks.get(1).get("type").asText()).isEqualTo("tool_use");
        assertThat(blocks.get(1).get("id").asText()).isEqualTo("toolu_fake_001_1");
        assertThat(blocks.get(1).get("name").asText()).isEqualTo("Write");
        assertThat(blocks.get(1).get("input"))
                .isEqualTo(JSON.readTree("{\"file_path\":\"/tmp/x/a.txt\",\"content\":\"héllo ✓\\n\"}"));
        assertThat(blocks.get(2).get("id").asText()).isEqualTo("toolu_fake_001_2");
        assertThat(blocks.get(2).at("/input/file_path").asText()).isEqualTo("/tmp/x/b.txt");
        api.assertNoFailures();
    }

    @Test
    void answersPlainJsonWhenNotStreamingAndNumbersMessages() throws Exception {
        api = FakeAnthropicApi.start(req -> ModelReply.text("plain"));

        JsonNode first =
                JSON.readTree(post("/v1/messages", body(false, "m", "one")).body());
        JsonNode second = JSON.readTree(
                post("/v1/messages?beta=true", body(false, "m", "two")).body());

        assertThat(first.get("id").asText()).isEqualTo("msg_fake_001");
        assertThat(second.get("id").asText()).isEqualTo("msg_fake_002");
        assertThat(first.get("type").asText()).isEqualTo("message");
        assertThat(first.get("stop_reason").asText()).isEqualTo("end_turn");
        assertThat(first.at("/content/0/text").asText()).isEqualTo("plain");
        assertThat(first.at("/usage/input_tokens").asInt()).isEqualTo(FakeAnthropicApi.INPUT_TOKENS);
        assertThat(api.exchanges())
                .extracting(FakeAnthropicApi.Exchange::status)
                .containsExactly(200, 200);
    }

    @Test
    void countsTokensAnd404sAnythingElse() throws Exception {
        api = FakeAnthropicApi.start(req -> ModelReply.text("x"));

        HttpResponse<String> count = post("/v1/messages/count_tokens?beta=true", body(false, "m", "count me"));
        HttpResponse<String> other = post("/v1/complete", "{}");

        assertThat(count.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(count.body()).get("input_tokens").asInt()).isPositive();
        assertThat(api.requests()).singleElement().satisfies(r -> {
            assertThat(r.isCountTokens()).isTrue();
            assertThat(r.isMainLoop()).isFalse();
        });
        assertThat(other.statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(other.body()).at("/error/type").asText()).isEqualTo("not_found_error");
        assertThat(api.unhandled()).containsExactly("POST /v1/complete");
        assertThat(api.failures()).isEmpty();
    }

    @Test
    void recordsRequestsWithUsefulViews() throws Exception {
        api = FakeAnthropicApi.start(req -> ModelReply.text("ok"));

        post("/v1/messages?beta=true", body(true, "You are the role \"alice\" in team \"demo\"", "hello alice"));

        ModelRequest r = api.requests().get(0);
        assertThat(r.seq()).isEqualTo(1);
        assertThat(r.path()).isEqualTo("/v1/messages?beta=true");
        assertThat(r.isMainLoop()).isTrue();
        assertThat(r.systemText()).contains("You are a Claude agent.").contains("x-anthropic-billing-header");
        assertThat(r.teamRole()).contains("alice");
        assertThat(r.teamName()).contains("demo");
        assertThat(r.messages()).hasSize(2);
        assertThat(r.conversation()).hasSize(1);
        assertThat(r.lastUserText()).contains("Today's date").endsWith("hello alice");
        assertThat(r.lastUserPrompt()).isEqualTo("hello alice");
        assertThat(r.toolNames()).containsExactly("Write");
        assertThat(r.containsText("Primary working directory")).isTrue();
        assertThat(r.containsText("nowhere")).isFalse();
        assertThat(r.sessionId()).contains("11111111-2222-3333-4444-555555555555");
        assertThat(r.header("Content-Type")).contains("application/json");
        assertThat(r.isToolResultTurn()).isFalse();
    }

    @Test
    void viewsToolResultsOfAToolRoundTrip() {
        ModelRequest r = ModelRequest.of("""
                {"model":"m","stream":true,"max_tokens":100,"tools":[{"name":"Write"}],
                 "messages":[
                  {"role":"user","content":"please write"},
                  {"role":"assistant","content":[{"type":"text","text":"ok"},
                     {"type":"tool_use","id":"toolu_1","name":"Write","input":{"file_path":"/a","content":"needle \\"q\\""}}]},
                  {"role":"user","content":[
                     {"type":"tool_result","tool_use_id":"toolu_1","content":"File created\\n\\n<system-reminder>\\nx\\n</system-reminder>"},
                     {"type":"tool_result","tool_use_id":"toolu_2","is_error":true,
                      "content":[{"type":"text","text":"boom\\n"},{"type":"text","text":"<system-reminder>y</system-reminder>"}]},
                     {"type":"text","text":"<system-reminder>\\nz\\n</system-reminder>"}]},
                  {"role":"system","content":"env"}]}
                """);

        assertThat(r.toolResults()).containsOnlyKeys("toolu_1", "toolu_2");
        assertThat(r.toolResults().get("toolu_1").text()).isEqualTo("File created");
        assertThat(r.toolResults().get("toolu_1").content()).startsWith("File created\n\n<system-reminder>");
        assertThat(r.toolResults().get("toolu_1").isError()).isFalse();
        assertThat(r.toolResults().get("toolu_2"))
                .isEqualTo(
                        new ModelRequest.ToolResult("toolu_2", "boom\n\n<system-reminder>y</system-reminder>", true));
        assertThat(r.toolResults().get("toolu_2").text()).isEqualTo("boom");
        assertThat(r.lastToolResults()).containsOnlyKeys("toolu_1", "toolu_2");
        assertThat(r.isToolResultTurn()).isTrue();
        assertThat(r.lastUserText())
                .startsWith("File created\n")
                .contains("boom\n")
                .endsWith("z\n</system-reminder>");
        assertThat(r.lastUserPrompt()).isEqualTo("File created\nboom");
        assertThat(r.toolUses()).singleElement().satisfies(u -> {
            assertThat(u.id()).isEqualTo("toolu_1");
            assertThat(u.input().get("file_path").asText()).isEqualTo("/a");
        });
        assertThat(r.containsText("needle \"q\"")).isTrue();
        assertThat(r.containsText("please write")).isTrue();
        assertThat(r.sessionId()).isEmpty();
    }

    @Test
    void awaitRequestWaitsForAMatchingRequestAndFailsClearlyOnTimeout() throws Exception {
        api = FakeAnthropicApi.start(req -> ModelReply.text("ok"));
        post("/v1/messages", body(false, "m", "early"));

        assertThat(api.awaitRequest(r -> r.lastUserPrompt().equals("early"), Duration.ZERO)
                        .seq())
                .isEqualTo(1);

        CompletableFuture<ModelRequest> waiting = CompletableFuture.supplyAsync(
                () -> api.awaitRequest(r -> r.lastUserPrompt().equals("late"), Duration.ofSeconds(10)));
        Thread.sleep(50);
        assertThat(waiting).isNotDone();
        post("/v1/messages", body(false, "m", "other"));
        post("/v1/messages", body(false, "m", "late"));
        assertThat(waiting.get().seq()).isEqualTo(3);

        assertThatThrownBy(() -> api.awaitRequest(r -> r.lastUserPrompt().equals("never"), Duration.ofMillis(100)))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("no matching request")
                .hasMessageContaining("received 3")
                .hasMessageContaining("last-user=\"late\"");
    }

    @Test
    void aThrowingScriptGives500AndARecordedFailure() throws Exception {
        api = FakeAnthropicApi.start(req -> {
            throw new IllegalStateException("no reply scripted for " + req.lastUserPrompt());
        });

        HttpResponse<String> response = post("/v1/messages?beta=true", body(true, "m", "surprise"));

        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(response.headers().firstValue("x-should-retry")).contains("false");
        assertThat(JSON.readTree(response.body()).at("/error/message").asText())
                .contains("no reply scripted for surprise");
        assertThat(api.failures()).singleElement().asString().contains("no reply scripted for surprise");
        assertThatThrownBy(api::assertNoFailures).hasMessageContaining("no reply scripted for surprise");
        assertThat(api.requests()).hasSize(1);
    }

    @Test
    void apiErrorRepliesAndSlowStreams() throws Exception {
        api = FakeAnthropicApi.start(Script.sequence(
                ModelReply.apiError(400, "invalid_request_error", "prompt is too long"),
                ModelReply.text("slow").streamedSlowly(Duration.ofMillis(20))));

        HttpResponse<String> error = post("/v1/messages", body(true, "m", "a"));
        long t0 = System.nanoTime();
        HttpResponse<String> slow = post("/v1/messages", body(true, "m", "b"));

        assertThat(error.statusCode()).isEqualTo(400);
        assertThat(error.headers().firstValue("x-should-retry")).contains("false");
        assertThat(JSON.readTree(error.body()).at("/error/message").asText()).isEqualTo("prompt is too long");
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isGreaterThan(Duration.ofMillis(100));
        assertThat(blocks(parseSse(slow.body())))
                .singleElement()
                .satisfies(b -> assertThat(b.get("text").asText()).isEqualTo("slow"));
        assertThat(api.failures()).isEmpty();
    }

    @Test
    void scriptsRouteByRoleAndMarkerAndRunInSequence() throws Exception {
        Script team = Script.byRole(Map.of(
                "alice", Script.sequence(ModelReply.text("a1"), ModelReply.text("a2")),
                "bob", Script.byMarker(Map.of("loud", Script.always(ModelReply.text("BOB"))))));
        ModelRequest alice = ModelRequest.of(body(true, "You are the role \"alice\" in team \"demo\"", "x"));
        ModelRequest bob = ModelRequest.of(body(true, "You are the role \"bob\" in team \"demo\", loud", "x"));
        ModelRequest carol = ModelRequest.of(body(true, "You are the role \"carol\" in team \"demo\"", "x"));
        ModelRequest nobody = ModelRequest.of(body(true, "plain", "x"));

        assertThat(text(team.reply(alice))).isEqualTo("a1");
        assertThat(text(team.reply(bob))).isEqualTo("BOB");
        assertThat(text(team.reply(alice))).isEqualTo("a2");
        assertThatThrownBy(() -> team.reply(alice)).hasMessageContaining("exhausted");
        assertThatThrownBy(() -> team.reply(carol)).hasMessageContaining("no script for role \"carol\"");
        assertThatThrownBy(() -> team.reply(nobody)).hasMessageContaining("no 'You are the role");

        ModelReply reply = ModelReply.toolUse("Write", JSON.readTree("{\"file_path\":\"/x\"}"))
                .thenText("t");
        assertThat(reply.stopReason()).isEqualTo("tool_use");
        assertThat(ModelReply.text("t").stopReason()).isEqualTo("end_turn");
        assertThat(ModelReply.text("t").withStopReason("max_tokens").stopReason())
                .isEqualTo("max_tokens");
        assertThatThrownBy(() -> ModelReply.toolUse("X", List.of(1))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void splitKeepsCodePointsWhole() {
        assertThat(FakeAnthropicApi.split("ab✓😀cd", 3)).containsExactly("ab", "✓😀", "cd");
        assertThat(String.join("", FakeAnthropicApi.split("😀😀", 3))).isEqualTo("😀😀");
        assertThat(FakeAnthropicApi.split("", 2)).containsExactly("");
    }

    private static String text(ModelReply reply) {
        return ((ModelReply.Text) reply.blocks().get(0)).text();
    }
}
