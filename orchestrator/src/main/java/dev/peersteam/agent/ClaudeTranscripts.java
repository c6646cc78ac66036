package dev.peersteam.agent;

import com.fasterxml.jackson.databind.JsonNode;
import dev.peersteam.coordinator.SessionHistory;
import dev.peersteam.json.Json;
import dev.peersteam.protocol.TranscriptEvidence;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The session transcripts the Claude Code CLI keeps ({@code $CLAUDE_CONFIG_DIR} or {@code ~/.claude}, then
 * {@code projects/<sanitised cwd>/<session id>.jsonl}; the simulated agent keeps them the same way), read before a
 * session is resumed. Found by session id under any project folder, so the cwd's sanitising rule (which shortens long
 * paths with a hash) need not be copied here. A line cut short by a crash proves nothing and is skipped.
 */
public final class ClaudeTranscripts implements SessionHistory {
    private final Path projects;

    public ClaudeTranscripts(Map<String, String> environment) {
        String configDir = environment.get("CLAUDE_CONFIG_DIR");
        Path base = configDir != null && !configDir.isBlank()
                ? Path.of(configDir)
                : Path.of(environment.getOrDefault("HOME", System.getProperty("user.home")), ".claude");
        this.projects = base.resolve("projects");
    }

    @Override
    public Found lookUp(String role, String sessionId, Path cwd) {
        Optional<Path> file = find(sessionId, cwd);
        if (file.isEmpty()) {
            // The CLI writes its transcript a little after it takes a message; a session killed before that, or one
            // that never got a message, has none, and cannot be resumed.
            return new Found.Absent();
        }
        try (BufferedReader reader = Files.newBufferedReader(file.get(), StandardCharsets.UTF_8)) {
            return read(reader);
        } catch (IOException e) {
            return new Found.Unknown();
        }
    }

    /** The message ids a transcript holds, read line by line; a line cut short by a crash proves nothing. */
    public static Found read(BufferedReader reader) throws IOException {
        Set<String> ids = new HashSet<>();
        String line;
        while ((line = reader.readLine()) != null) {
            if (line.isBlank()) {
                continue;
            }
            try {
                JsonNode node = Json.MAPPER.readTree(line);
                TranscriptEvidence.messageIds(node, ids);
            } catch (IOException torn) {
                // a line cut short by a crash proves nothing
            }
        }
        return new Found.Present(ids);
    }

    /** Whether a session id is one the coordinator could have chosen (it becomes a file name). */
    public static boolean validSessionId(String sessionId) {
        return sessionId.matches("[A-Za-z0-9][A-Za-z0-9_-]{0,127}");
    }

    private Optional<Path> find(String sessionId, Path cwd) {
        if (!validSessionId(sessionId)) {
            return Optional.empty();
        }
        String name = sessionId + ".jsonl";
        Path likely = projects.resolve(cwd.toAbsolutePath().toString().replaceAll("[^a-zA-Z0-9]", "-"))
                .resolve(name);
        if (Files.isRegularFile(likely)) {
            return Optional.of(likely);
        }
        if (!Files.isDirectory(projects)) {
            return Optional.empty();
        }
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(projects, Files::isDirectory)) {
            for (Path dir : dirs) {
                Path candidate = dir.resolve(name);
                if (Files.isRegularFile(candidate)) {
                    return Optional.of(candidate);
                }
            }
        } catch (IOException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }
}
