package dev.peersteam.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.IntNode;
import dev.peersteam.testing.Fixture;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every kind of line the host writes, built from its typed record, is byte for byte (as JSON) the line the recorded
 * reference host wrote to the real CLI 2.1.328, which the CLI then acted on as the protocol notes say.
 */
class HostFramesRoundTripTest {
    private final StreamJsonCodec codec = new StreamJsonCodec();

    private static List<JsonNode> hostLines(String fixture) {
        return Fixture.load(fixture).lines().stream()
                .filter(l -> l.dir().equals(">") && l.msg().isObject())
                .map(Fixture.Line::msg)
                .toList();
    }

    private static JsonNode answer(String fixture, int index) {
        return hostLines(fixture).stream()
                .filter(l -> l.path("type").asText().equals("control_response"))
                .toList()
                .get(index);
    }

    private static String requestId(JsonNode line) {
        return line.path("response").path("request_id").asText();
    }

    private JsonNode encoded(HostMessage message) throws Exception {
        return Json.MAPPER.readTree(codec.encode(message));
    }

    @Test
    void aDenyWithAMessage() throws Exception {
        JsonNode recorded = answer("bash_deny", 0);
        assertThat(encoded(new HostMessage.PermissionDeny(requestId(recorded), "host says no", false)))
                .isEqualTo(recorded);
    }

    @Test
    void aDenyThatInterruptsTheTurn() throws Exception {
        JsonNode recorded = answer("bash_deny_interrupt", 0);
        assertThat(encoded(new HostMessage.PermissionDeny(requestId(recorded), "stop everything", true)))
                .isEqualTo(recorded);
    }

    @Test
    void anAllowThatRemembersARuleForTheSession() throws Exception {
        JsonNode recorded = answer("bash_always", 0);
        JsonNode input = recorded.path("response").path("response").path("updatedInput");
        assertThat(encoded(new HostMessage.PermissionAllow(
                        requestId(recorded), input, List.of(new PermissionRule("Bash", null)))))
                .isEqualTo(recorded);
    }

    @Test
    void aFailedRequest() throws Exception {
        JsonNode recorded = answer("bash_error", 0);
        assertThat(encoded(new HostMessage.ControlError(requestId(recorded), "host failed to decide")))
                .isEqualTo(recorded);
    }

    @Test
    void anInterrupt() throws Exception {
        JsonNode recorded = hostLines("interrupt").stream()
                .filter(l -> l.path("request").path("subtype").asText().equals("interrupt"))
                .findFirst()
                .orElseThrow();
        assertThat(encoded(new HostMessage.ControlRequest(
                        recorded.path("request_id").asText(), new HostRequest.Interrupt())))
                .isEqualTo(recorded);
    }

    @Test
    void aUserMessage() throws Exception {
        JsonNode recorded = hostLines("interrupt").stream()
                .filter(l -> l.path("type").asText().equals("user"))
                .findFirst()
                .orElseThrow();
        assertThat(encoded(new HostMessage.UserMessage(null, "SLOW to be interrupted")))
                .isEqualTo(recorded);
    }

    @Test
    void theSdkMcpServersAnswersFromHandshakeToToolResult() throws Exception {
        JsonNode initialized = answer("mcp_sdk_alwaysload", 0);
        assertThat(encoded(new HostMessage.McpAnswer(
                        requestId(initialized),
                        new McpReply.Initialized(IntNode.valueOf(0), "2025-11-25", "peers", "1.0.0"))))
                .isEqualTo(initialized);

        JsonNode ack = answer("mcp_sdk_alwaysload", 1);
        assertThat(encoded(new HostMessage.McpAnswer(requestId(ack), new McpReply.Empty(null))))
                .isEqualTo(ack);

        JsonNode list = answer("mcp_sdk_alwaysload", 2);
        JsonNode tool = list.path("response")
                .path("response")
                .path("mcp_response")
                .path("result")
                .path("tools")
                .get(0);
        assertThat(encoded(new HostMessage.McpAnswer(
                        requestId(list),
                        new McpReply.ToolList(
                                IntNode.valueOf(1),
                                List.of(new McpTool(
                                        tool.path("name").asText(),
                                        tool.path("description").asText(),
                                        tool.path("inputSchema")))))))
                .isEqualTo(list);

        JsonNode result = answer("mcp_sdk_alwaysload", 3);
        assertThat(encoded(new HostMessage.McpAnswer(
                        requestId(result),
                        new McpReply.ToolResult(IntNode.valueOf(2), "delivered to bob: hi bob", false))))
                .isEqualTo(result);
    }
}
