package dev.peersteam.agent.codex;

import com.fasterxml.jackson.databind.JsonNode;
import dev.peersteam.coordinator.SessionHistory;
import dev.peersteam.json.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What a Codex session holds, read before it is resumed: its thread (from {@link ThreadFiles}) and the thread's
 * rollout file, {@code $CODEX_HOME/sessions/YYYY/MM/DD/rollout-<time>-<thread id>.jsonl}, which codex appends each
 * item of the conversation to. A message of ours is in the thread when a user message item of the rollout starts a
 * line with its header, {@code [from NAME · ID]} (the framing escapes any header-like line of a body, so a body
 * cannot fake one). No thread recorded, or no rollout: the session never took a message and is started anew.
 */
public final class CodexThreadHistory implements SessionHistory {
    private static final Pattern HEADER = Pattern.compile("(?m)^\\[from [^\\]\\n·]+ · ([A-Za-z0-9_.:-]+)]");

    private final ThreadFiles threads;
    private final Path sessions;

    public CodexThreadHistory(ThreadFiles threads, Map<String, String> environment) {
        this.threads = threads;
        this.sessions = codexHome(environment).resolve("sessions");
    }

    /** {@code $CODEX_HOME}, else {@code ~/.codex}, as codex resolves it. */
    public static Path codexHome(Map<String, String> environment) {
        String home = environment.get("CODEX_HOME");
        return home != null && !home.isBlank()
                ? Path.of(home)
                : Path.of(environment.getOrDefault("HOME", System.getProperty("user.home")), ".codex");
    }

    @Override
    public Found lookUp(String role, String sessionId, Path cwd) {
        Optional<String> thread = threads.find(sessionId);
        if (thread.isEmpty()) {
            return new Found.Absent();
        }
        Optional<Path> rollout = rollout(thread.get());
        if (rollout.isEmpty()) {
            return new Found.Absent();
        }
        Set<String> ids = new HashSet<>();
        try (BufferedReader reader = Files.newBufferedReader(rollout.get(), StandardCharsets.UTF_8)) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                try {
                    messageIds(Json.MAPPER.readTree(line), ids);
                } catch (IOException torn) {
                    // a line cut short by a crash proves nothing
                }
            }
        } catch (IOException e) {
            return new Found.Unknown();
        }
        return new Found.Present(ids);
    }

    /** A user message of the conversation: {@code response_item} with role user, its texts searched for headers. */
    static void messageIds(JsonNode line, Set<String> found) {
        JsonNode payload = line.path("payload");
        if (!line.path("type").asText("").equals("response_item")
                || !payload.path("type").asText("").equals("message")
                || !payload.path("role").asText("").equals("user")) {
            return;
        }
        for (JsonNode content : payload.path("content")) {
            Matcher m = HEADER.matcher(content.path("text").asText(""));
            while (m.find()) {
                found.add(m.group(1));
            }
        }
    }

    private Optional<Path> rollout(String threadId) {
        if (!Files.isDirectory(sessions)) {
            return Optional.empty();
        }
        String suffix = "-" + threadId + ".jsonl";
        try (Stream<Path> files = Files.find(
                sessions,
                4,
                (path, attrs) ->
                        attrs.isRegularFile() && path.getFileName().toString().endsWith(suffix))) {
            return files.findFirst();
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
