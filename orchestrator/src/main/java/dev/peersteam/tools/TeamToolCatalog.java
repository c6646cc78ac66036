package dev.peersteam.tools;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.peersteam.protocol.Json;
import dev.peersteam.protocol.McpTool;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * The team tools' names, descriptions and input schemas, as served in {@code tools/list}. They live in
 * {@code team-tools.json} beside this class so they read like documentation.
 */
public final class TeamToolCatalog {
    private final List<McpTool> tools;

    public TeamToolCatalog() {
        try (InputStream in = TeamToolCatalog.class.getResourceAsStream("team-tools.json")) {
            if (in == null) {
                throw new IOException("not found");
            }
            tools = List.copyOf(Json.MAPPER.readValue(in, new TypeReference<List<McpTool>>() {}));
        } catch (IOException e) {
            throw new UncheckedIOException("team-tools.json is missing from the jar or unreadable", e);
        }
    }

    /** The tools, for {@code tools/list}. */
    public List<McpTool> definitions() {
        return tools;
    }

    /** Tool names as the model sees them, for {@code --allowedTools}. */
    public List<String> qualifiedNames(String serverName) {
        return tools.stream()
                .map(tool -> "mcp__" + serverName + "__" + tool.name())
                .toList();
    }
}
