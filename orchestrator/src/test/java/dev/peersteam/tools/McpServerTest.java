package dev.peersteam.tools;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.IntNode;
import dev.peersteam.protocol.Json;
import dev.peersteam.protocol.McpReply;
import dev.peersteam.protocol.McpRequest;
import java.util.List;
import org.junit.jupiter.api.Test;

class McpServerTest {
    private final McpServer server = new McpServer(new TeamToolCatalog());

    private McpServer.Outcome call(String tool, String arguments) throws Exception {
        return server.handle(new McpRequest.CallTool(IntNode.valueOf(7), tool, Json.MAPPER.readTree(arguments)));
    }

    private ToolCall parsed(String tool, String arguments) throws Exception {
        McpServer.Outcome outcome = call(tool, arguments);
        assertThat(outcome).isInstanceOf(McpServer.Outcome.Call.class);
        assertThat(((McpServer.Outcome.Call) outcome).id().asInt()).isEqualTo(7);
        return ((McpServer.Outcome.Call) outcome).call();
    }

    private String error(String tool, String arguments) throws Exception {
        McpServer.Outcome outcome = call(tool, arguments);
        assertThat(outcome).isInstanceOf(McpServer.Outcome.Reply.class);
        McpReply.ToolResult result = (McpReply.ToolResult) ((McpServer.Outcome.Reply) outcome).reply();
        assertThat(result.isError()).isTrue();
        return result.text();
    }

    @Test
    void theNewToolsAreListedWithSchemasAndAlwaysLoaded() throws Exception {
        McpReply reply =
                ((McpServer.Outcome.Reply) server.handle(new McpRequest.ListTools(IntNode.valueOf(1)))).reply();
        JsonNode tools = Json.MAPPER
                .readTree(new dev.peersteam.protocol.StreamJsonCodec()
                        .encode(new dev.peersteam.protocol.HostMessage.McpAnswer("r", reply)))
                .path("response")
                .path("response")
                .path("mcp_response")
                .path("result")
                .path("tools");

        assertThat(tools).extracting(t -> t.path("name").asText()).contains("claim_files", "release_files", "merge");
        for (JsonNode tool : tools) {
            String name = tool.path("name").asText();
            assertThat(tool.path("_meta").path("anthropic/alwaysLoad").asBoolean())
                    .as(name)
                    .isTrue();
            assertThat(tool.path("description").asText()).as(name).contains("team");
            assertThat(tool.path("inputSchema").path("type").asText()).as(name).isEqualTo("object");
        }
        JsonNode claim = find(tools, "claim_files");
        assertThat(claim.path("inputSchema").path("required"))
                .extracting(JsonNode::asText)
                .containsExactly("paths", "reason");
        assertThat(find(tools, "merge").path("inputSchema").path("required"))
                .extracting(JsonNode::asText)
                .containsExactly("role");
        assertThat(new TeamToolCatalog().qualifiedNames("peers"))
                .contains("mcp__peers__claim_files", "mcp__peers__release_files", "mcp__peers__merge");
    }

    private static JsonNode find(JsonNode tools, String name) {
        for (JsonNode tool : tools) {
            if (tool.path("name").asText().equals(name)) {
                return tool;
            }
        }
        throw new AssertionError("no tool " + name);
    }

    @Test
    void claimFilesIsParsedWithNormalisedPaths() throws Exception {
        assertThat(parsed(
                        "claim_files",
                        "{\"paths\":[\"./src/api/\",\"docs//api.md\",\"src/api/\"]," + "\"reason\":\" auth rework \"}"))
                .isEqualTo(new ToolCall.ClaimFiles(List.of("src/api/", "docs/api.md"), "auth rework"));
        assertThat(parsed("claim_files", "{\"paths\":\"src/**/*.ts\",\"reason\":\"r\"}"))
                .isEqualTo(new ToolCall.ClaimFiles(List.of("src/**/*.ts"), "r"));
    }

    @Test
    void claimFilesArgumentErrors() throws Exception {
        assertThat(error("claim_files", "{\"reason\":\"r\"}")).startsWith("claim_files needs 'paths'");
        assertThat(error("claim_files", "{\"paths\":[],\"reason\":\"r\"}")).startsWith("claim_files needs 'paths'");
        assertThat(error("claim_files", "{\"paths\":[\"src/\"]}")).startsWith("claim_files needs a 'reason'");
        assertThat(error("claim_files", "{\"paths\":[\"src/\"],\"reason\":\"  \"}"))
                .contains("'reason'");
        assertThat(error("claim_files", "{\"paths\":[\"/etc/passwd\"],\"reason\":\"r\"}"))
                .isEqualTo("claim_files: `/etc/passwd` is absolute; give a path relative to the repository (your "
                        + "worktree's top level), like src/api/");
        assertThat(error("claim_files", "{\"paths\":[\"src/../../x\"],\"reason\":\"r\"}"))
                .startsWith("claim_files: `src/../../x` has a `..` segment");
        assertThat(error("claim_files", "{\"paths\":[3],\"reason\":\"r\"}"))
                .isEqualTo("claim_files: every path must be a string, not 3");
        String many = "[" + "\"a\",".repeat(McpServer.MAX_PATHS) + "\"b\"]";
        assertThat(error("claim_files", "{\"paths\":" + many + ",\"reason\":\"r\"}"))
                .contains("at most 200 paths");
    }

    @Test
    void releaseFiles() throws Exception {
        assertThat(parsed("release_files", "{\"paths\":[\"src/api/\"]}"))
                .isEqualTo(new ToolCall.ReleaseFiles(List.of("src/api/")));
        assertThat(error("release_files", "{}")).startsWith("release_files needs 'paths'");
        assertThat(error("release_files", "{\"paths\":[\"~/x\"]}")).startsWith("release_files: `~/x` is absolute");
    }

    @Test
    void merge() throws Exception {
        assertThat(parsed("merge", "{\"role\":\" backend \"}")).isEqualTo(new ToolCall.Merge("backend", null));
        assertThat(parsed("merge", "{\"role\":\"backend\",\"into\":\"release\"}"))
                .isEqualTo(new ToolCall.Merge("backend", "release"));
        assertThat(parsed("merge", "{\"role\":\"backend\",\"into\":\"\"}"))
                .isEqualTo(new ToolCall.Merge("backend", null));
        assertThat(error("merge", "{}")).startsWith("merge needs the 'role'");
    }
}
