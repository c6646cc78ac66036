package dev.peersteam.agent.sim;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.peersteam.agent.sim.SimHost.Line;
import dev.peersteam.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the simulated agent does with a message it may already have, as the real CLI does (docs/messaging.md, "What
 * the CLI does with a message"): its transcript, and the answer a resumed session gives a re-sent uuid.
 */
class KnownMessagesTest {
    private static final String U = "aaaaaaaa-0000-4000-8000-000000000001";
    private static final String V = "bbbbbbbb-0000-4000-8000-000000000002";
    private static final String PEERS = "{\"mcpServers\":{\"peers\":{\"type\":\"sdk\",\"name\":\"peers\"}}}";

    @TempDir
    Path dir;

    @Test
    void aResumedSessionAnswersAKnownUuidCompletedWithoutATurnAndThenNothing() throws Exception {
        String session = firstSession(List.of(), host -> {
            host.user("hello U", U);
            host.turn();
            host.expect("command_lifecycle"); // completed, after the result
        });
        assertThat(entries(session))
                .filteredOn(e -> e.path("type").asText().equals("user"))
                .singleElement()
                .satisfies(e -> {
                    assertThat(e.path("uuid").asText()).isEqualTo(U);
                    assertThat(e.path("message").path("content").asText()).isEqualTo("hello U");
                });
        try (SimHost host = start("--resume=" + session)) {
            host.user("hello U, said differently", U);
            Line answer = host.next();
            assertThat(answer.json().path("state").asText()).isEqualTo("completed");
            assertThat(answer.json().path("command_uuid").asText()).isEqualTo(U);
            host.user("hello U", U); // seen by this process now: no frame at all
            host.closeStdin();
            assertThat(host.rest()).isEmpty();
            assertThat(host.exitCode()).isZero();
        }
    }

    @Test
    void aFoldedMessageIsKeptAsAnAttachmentAndIsNotRecognisedAfterAResume() throws Exception {
        String session = firstSession(List.of("--mcp-config", PEERS, "--allowedTools", "mcp__peers"), host -> {
            host.initializeWithMcp("list_peers");
            host.user("first", U);
            Line call = host.untilKind("control_request/mcp_message tools/call").getLast();
            host.user("follow-up", V);
            host.expect("command_lifecycle"); // queued
            host.answerToolCall(call, "dev", false);
            host.turn();
            host.expect("command_lifecycle"); // U completed
        });
        List<JsonNode> entries = entries(session);
        assertThat(entries)
                .filteredOn(e -> e.path("type").asText().equals("attachment"))
                .singleElement()
                .satisfies(e -> {
                    assertThat(e.at("/attachment/type").asText()).isEqualTo("queued_command");
                    assertThat(e.at("/attachment/source_uuid").asText()).isEqualTo(V);
                    assertThat(e.at("/attachment/prompt").asText()).isEqualTo("follow-up");
                });
        assertThat(entries)
                .filteredOn(e -> e.path("type").asText().equals("queue-operation"))
                .extracting(e -> e.path("operation").asText())
                .containsExactly("enqueue", "dequeue", "enqueue", "remove");
        try (SimHost host = start("--resume=" + session)) {
            host.user("follow-up", V);
            assertThat(host.turn())
                    .as("the real CLI runs a folded message again after a resume")
                    .extracting(l -> l.json().path("state").asText(l.kind()))
                    .containsExactly("queued", "started", "system/init", "assistant", "result");
        }
    }

    @Test
    void aKillRightAfterStartedLeavesNoTranscriptAndTheSessionCannotBeResumed() throws Exception {
        Map<String, String> env = env("faults: {crash_after_turns: 0}");
        String session;
        try (SimHost host = SimHost.start(cwd(), env)) {
            host.user("hello U", U);
            host.next(); // queued
            session = host.next().json().path("session_id").asText(); // started, then the crash
            assertThat(host.exitCode()).isEqualTo(Faults.CRASH_EXIT_CODE);
        }
        assertThat(Transcript.file(dir.resolve("config"), cwd(), session)).doesNotExist();
        try (SimHost host = SimHost.start(cwd(), env("cost_per_turn: 0.01"), "--resume=" + session)) {
            assertThat(host.next().json().path("errors").get(0).asText())
                    .isEqualTo("No conversation found with session ID: " + session);
            assertThat(host.exitCode()).isEqualTo(1);
        }
    }

    // ---- plumbing ----

    interface Body {
        void run(SimHost host) throws Exception;
    }

    /** Runs a first session with {@code args} and {@code body}, ends it normally, and returns its id. */
    private String firstSession(List<String> args, Body body) throws Exception {
        try (SimHost host = start(args.toArray(String[]::new))) {
            body.run(host);
            host.closeStdin();
            List<Line> rest = host.rest();
            assertThat(host.exitCode()).as("rest: %s", rest).isZero();
        }
        Path projects = dir.resolve("config/projects");
        try (var dirs = Files.list(projects)) {
            Path project = dirs.findFirst().orElseThrow();
            try (var files = Files.list(project)) {
                String name = files.findFirst().orElseThrow().getFileName().toString();
                return name.substring(0, name.length() - ".jsonl".length());
            }
        }
    }

    private SimHost start(String... args) throws IOException {
        return SimHost.start(cwd(), env("""
                roles:
                  dev:
                    rules:
                      - on: message
                        contains: first
                        do: [{tool: {name: list_peers}}]
                """), args);
    }

    private Map<String, String> env(String yaml) throws IOException {
        Path script = Files.writeString(dir.resolve("script.yaml"), yaml);
        return SimHost.env(dir, SimAgent.SCRIPT_ENV, script.toString(), SimAgent.ROLE_ENV, "dev");
    }

    private Path cwd() throws IOException {
        return Files.createDirectories(dir.resolve("project"));
    }

    private List<JsonNode> entries(String session) throws IOException {
        List<JsonNode> out = new ArrayList<>();
        for (String line : Files.readAllLines(Transcript.file(dir.resolve("config"), cwd(), session))) {
            out.add(Json.MAPPER.readTree(line));
        }
        return out;
    }
}
