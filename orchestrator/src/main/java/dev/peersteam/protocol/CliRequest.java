package dev.peersteam.protocol;

import com.fasterxml.jackson.databind.JsonNode;

/** The body of a {@code control_request} from the CLI to the host. */
public sealed interface CliRequest {

    /** Permission prompt for a tool call the CLI's own rules did not settle. */
    record CanUseTool(
            String toolName,
            JsonNode input,
            String toolUseId,
            String description,
            String blockedPath,
            JsonNode permissionSuggestions)
            implements CliRequest {}

    /** A JSON-RPC message for an SDK MCP server tunnelled over the control channel. */
    record McpMessage(String serverName, JsonNode message) implements CliRequest {}

    record HookCallback(String callbackId, JsonNode input, String toolUseId) implements CliRequest {}

    /** A request subtype this host does not implement; answered with an error. */
    record Other(String subtype, JsonNode raw) implements CliRequest {}
}
