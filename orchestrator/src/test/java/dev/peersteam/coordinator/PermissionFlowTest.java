package dev.peersteam.coordinator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.peersteam.control.ControlRequest;
import dev.peersteam.control.ControlResponse;
import dev.peersteam.control.Decided;
import dev.peersteam.control.TeamEvent;
import dev.peersteam.journal.Journal;
import dev.peersteam.journal.JournalReplay;
import dev.peersteam.protocol.HostMessage;
import dev.peersteam.protocol.Json;
import dev.peersteam.testing.ScriptedChannel;
import dev.peersteam.testing.TestTeams;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Asked tool calls through the coordinator: every one gets one visible decision, "always" adds rules exactly as
 * narrow as the call, and the coordinator's own files are denied before anyone is asked.
 */
class PermissionFlowTest {
    @TempDir
    Path dir;

    private final Map<String, ScriptedChannel> channels = new LinkedHashMap<>();
    private final List<TeamEvent> events = new ArrayList<>();
    private Coordinator coordinator;

    private void start(boolean askPeople) {
        Journal journal = Journal.open(dir.resolve(".peers/journal.jsonl"), JournalReplay.empty(), Clock.systemUTC());
        AtomicInteger pid = new AtomicInteger(1000);
        AtomicInteger ids = new AtomicInteger();
        coordinator = new Coordinator(
                TestTeams.team(dir, null, "qa"),
                new Coordinator.Settings(askPeople, false),
                dev.peersteam.coordinator.Recovery.none(),
                new Coordinator.Edges(
                        journal,
                        (role, sessionId, resume, sink) -> {
                            ScriptedChannel channel = new ScriptedChannel(role.name(), sink, pid.incrementAndGet());
                            channels.put(role.name(), channel);
                            return channel;
                        },
                        SessionHistory.UNKNOWN,
                        (delay, action) -> {},
                        null,
                        null),
                events::add,
                () -> "m" + ids.incrementAndGet());
        coordinator.start();
        String init = qa().sentOf(HostMessage.ControlRequest.class).getFirst().requestId();
        qa().says("{\"type\":\"control_response\",\"response\":{\"subtype\":\"success\",\"request_id\":\"" + init
                + "\",\"response\":{}}}");
        coordinator.runPending();
    }

    private ScriptedChannel qa() {
        return channels.get("qa");
    }

    /** The CLI asks about a call, with the suggestions given (none when null). */
    private void asks(String requestId, String tool, JsonNode input, ArrayNode suggestions) {
        ObjectNode request = Json.object().put("subtype", "can_use_tool").put("tool_name", tool);
        request.set("input", input);
        if (suggestions != null) {
            request.set("permission_suggestions", suggestions);
        }
        ObjectNode line = Json.object().put("type", "control_request").put("request_id", requestId);
        line.set("request", request);
        qa().says(line.toString());
        coordinator.runPending();
    }

    private JsonNode answer(String requestId) {
        List<HostMessage> answers = qa().answersTo(requestId);
        assertThat(answers).as("exactly one answer to " + requestId).hasSize(1);
        return qa().answerBody(requestId);
    }

    private Decided approve(String id, boolean always) throws Exception {
        CompletableFuture<ControlResponse> reply = new CompletableFuture<>();
        coordinator.post(new Event.Control(new ControlRequest.Approve(id, always), reply));
        coordinator.runPending();
        return (Decided) ((ControlResponse.Ok) reply.get()).body();
    }

    private static JsonNode bash(String command) {
        return Json.object().put("command", command);
    }

    private List<TeamEvent.PermissionDecided> decisions() {
        return events.stream()
                .filter(e -> e instanceof TeamEvent.PermissionDecided)
                .map(e -> (TeamEvent.PermissionDecided) e)
                .toList();
    }

    @Test
    void headlessEveryAskedCallGetsOneShownDecision() {
        start(false);
        asks("r1", "Read", Json.object().put("file_path", "/etc/hosts"), null);
        asks("r2", "Bash", bash("git status; touch pwned.txt"), null);
        asks(
                "r3",
                "Read",
                Json.object()
                        .put("file_path", dir.resolve(".peers/journal.jsonl").toString()),
                null);
        assertThat(answer("r1").path("behavior").asText()).isEqualTo("allow");
        assertThat(answer("r2").path("behavior").asText()).isEqualTo("deny");
        assertThat(answer("r2").path("message").asText())
                .contains("its parts 'git status', 'touch pwned.txt' are not allowed")
                .contains("No person is there");
        assertThat(answer("r3").path("behavior").asText()).isEqualTo("deny");
        assertThat(decisions())
                .extracting(d -> d.summary() + " " + d.allowed())
                .containsExactly(
                        "Read(/etc/hosts) true",
                        "Bash(git status; touch pwned.txt) false",
                        "Read(" + dir.resolve(".peers/journal.jsonl") + ") false");
        assertThat(decisions().get(1).reason()).contains("'touch pwned.txt'").contains("headless");
    }

    @Test
    void theCoordinatorsFilesAreDeniedBeforeAnyoneIsAsked() {
        start(true);
        asks("r1", "Bash", bash("cat ../../.peers/journal.jsonl"), null);
        assertThat(answer("r1").path("behavior").asText()).isEqualTo("deny");
        assertThat(events).noneMatch(e -> e instanceof TeamEvent.PermissionAsked);
        assertThat(decisions())
                .singleElement()
                .satisfies(d -> assertThat(d.allowed()).isFalse());
    }

    @Test
    void alwaysWithoutASuggestionAddsTheExactCallOnly() throws Exception {
        start(true);
        asks("r1", "Bash", bash("npm test"), null);
        Decided body = approve("p1", true);
        JsonNode allow = answer("r1");
        assertThat(allow.path("updatedPermissions")).singleElement().satisfies(update -> {
            assertThat(update.path("destination").asText()).isEqualTo("session");
            assertThat(update.path("rules")).singleElement().satisfies(rule -> {
                assertThat(rule.path("toolName").asText()).isEqualTo("Bash");
                assertThat(rule.path("ruleContent").asText()).isEqualTo("npm test");
            });
        });
        assertThat(body.rules()).containsExactly("Bash(npm test)");
        assertThat(decisions())
                .last()
                .satisfies(d -> assertThat(d.reason()).isEqualTo("approved always: Bash(npm test)"));

        asks("r2", "Bash", bash("npm test"), null);
        assertThat(answer("r2").path("behavior").asText())
                .as("settled by the learned rule")
                .isEqualTo("allow");
        asks("r3", "Bash", bash("touch x"), null);
        asks("r4", "Bash", bash("npm test; touch x"), null);
        assertThat(qa().answersTo("r3")).as("not all of Bash").isEmpty();
        assertThat(qa().answersTo("r4"))
                .as("not a compound that starts with it")
                .isEmpty();
    }

    @Test
    void alwaysForACallNoRuleCanNameApprovesItOnceAndSaysWhy() throws Exception {
        start(true);
        asks("r1", "Bash", bash("make $(nproc)"), null);
        Decided body = approve("p1", true);
        assertThat(answer("r1").path("behavior").asText()).isEqualTo("allow");
        assertThat(answer("r1").has("updatedPermissions")).isFalse();
        assertThat(body.note()).startsWith("approved once, not always: no rule can name this command");
        asks("r2", "Bash", bash("make $(nproc)"), null);
        assertThat(qa().answersTo("r2")).as("asked again").isEmpty();
    }

    @Test
    void suggestionsThatNameAWholeToolAreDropped() throws Exception {
        start(true);
        ArrayNode suggestions = Json.object().arrayNode();
        ObjectNode bare = suggestions.addObject().put("type", "addRules").put("behavior", "allow");
        bare.putArray("rules").addObject().put("toolName", "Bash");
        bare.put("destination", "localSettings");
        ObjectNode star = suggestions.addObject().put("type", "addRules").put("behavior", "allow");
        star.putArray("rules").addObject().put("toolName", "Bash").put("ruleContent", "*");
        star.put("destination", "localSettings");
        suggestions
                .addObject()
                .put("type", "setMode")
                .put("mode", "acceptEdits")
                .put("destination", "session");
        asks("r1", "Bash", bash("rm -rf build"), suggestions);
        approve("p1", true);
        JsonNode rules = answer("r1").path("updatedPermissions").get(0).path("rules");
        assertThat(rules.toString()).isEqualTo("[{\"toolName\":\"Bash\",\"ruleContent\":\"rm -rf build\"}]");
    }

    @Test
    void aNarrowSuggestionOfTheCliIsWhatBothTheCliAndTheHostLearn() throws Exception {
        start(true);
        ArrayNode suggestions = Json.object().arrayNode();
        ObjectNode narrow = suggestions.addObject().put("type", "addRules").put("behavior", "allow");
        narrow.putArray("rules").addObject().put("toolName", "Bash").put("ruleContent", "npm run build:*");
        narrow.put("destination", "localSettings");
        asks("r1", "Bash", bash("npm run build"), suggestions);
        Decided body = approve("p1", true);
        assertThat(body.rules()).containsExactly("Bash(npm run build:*)");
        assertThat(answer("r1")
                        .path("updatedPermissions")
                        .get(0)
                        .path("destination")
                        .asText())
                .isEqualTo("session");
        asks("r2", "Bash", bash("npm run build --prod"), null);
        assertThat(answer("r2").path("behavior").asText()).isEqualTo("allow");
        asks("r3", "Bash", bash("npm run build; rm -rf /"), null);
        assertThat(qa().answersTo("r3")).isEmpty();
    }
}
