package dev.peersteam.tools;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.peersteam.protocol.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The team tools' names, descriptions and input schemas, as served in {@code tools/list}. They live in
 * {@code team-tools.json} beside this class so they read like documentation. Every tool is marked
 * {@code anthropic/alwaysLoad}: without it the CLI hides MCP tools behind ToolSearch and the model does not see
 * their schemas.
 */
public final class TeamToolCatalog {
    private final ArrayNode tools;

    public TeamToolCatalog() {
        try (InputStream in = TeamToolCatalog.class.getResourceAsStream("team-tools.json")) {
            tools = (ArrayNode) Json.MAPPER.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("team-tools.json is missing from the jar", e);
        }
        for (JsonNode tool : tools) {
            ((ObjectNode) tool).putObject("_meta").put("anthropic/alwaysLoad", true);
        }
    }

    /** The {@code tools} array for {@code tools/list}; a fresh copy, as callers embed it in responses. */
    public ArrayNode definitions() {
        return tools.deepCopy();
    }

    /** Tool names as the model sees them, for {@code --allowedTools}. */
    public java.util.List<String> qualifiedNames(String serverName) {
        java.util.List<String> names = new java.util.ArrayList<>();
        for (JsonNode tool : tools) {
            names.add("mcp__" + serverName + "__" + tool.path("name").asText());
        }
        return names;
    }
}
