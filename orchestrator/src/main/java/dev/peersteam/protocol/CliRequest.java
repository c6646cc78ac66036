package dev.peersteam.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** The body of a {@code control_request} from the CLI to the host. */
public sealed interface CliRequest {

    /**
     * Permission prompt for a tool call the CLI's own rules did not settle. {@code input} is the tool's input as the
     * model wrote it; {@code suggestedRules}: the allow rules the CLI offers for "always" ({@code addRules}
     * suggestions), in its own narrowness.
     */
    record CanUseTool(
            String toolName,
            ToolInput input,
            String toolUseId,
            String description,
            String blockedPath,
            List<PermissionRule> suggestedRules)
            implements CliRequest {
        public CanUseTool {
            suggestedRules = List.copyOf(suggestedRules);
        }
    }

    /** A JSON-RPC message for an SDK MCP server tunnelled over the control channel. */
    record McpMessage(String serverName, McpRequest message) implements CliRequest {}

    record HookCallback(String callbackId, JsonNode input, String toolUseId) implements CliRequest {}

    /** A request subtype this host does not implement; answered with an error. */
    record Other(String subtype, JsonNode raw) implements CliRequest {}
}
