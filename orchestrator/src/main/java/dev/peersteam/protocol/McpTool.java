package dev.peersteam.protocol;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A tool an SDK MCP server offers, as {@code tools/list} lists it. {@code inputSchema} is the JSON Schema of its
 * arguments, served as written. The codec marks every tool {@code anthropic/alwaysLoad}: without it the CLI hides MCP
 * tools behind ToolSearch and the model does not see their schemas.
 */
public record McpTool(String name, String description, JsonNode inputSchema) {}
