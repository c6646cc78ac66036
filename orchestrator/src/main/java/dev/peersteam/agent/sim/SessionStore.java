package dev.peersteam.agent.sim;

import dev.peersteam.protocol.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Simulated sessions on disk, one small JSON file per session id: under {@code $CLAUDE_CONFIG_DIR/sim-sessions/}
 * when that is set (tests and the coordinator give each run its own), else under {@code ~/.peers-sim/sessions/}.
 * A session is saved after each turn, so, as with the real CLI, a session that never finished a turn cannot be
 * resumed.
 */
final class SessionStore {
    private static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,127}");

    private final Path dir;

    SessionStore(Path dir) {
        this.dir = dir;
    }

    static SessionStore in(Map<String, String> env) {
        String configDir = env.get("CLAUDE_CONFIG_DIR");
        if (configDir != null && !configDir.isBlank()) {
            return new SessionStore(Path.of(configDir, "sim-sessions"));
        }
        String home = env.getOrDefault("HOME", System.getProperty("user.home"));
        return new SessionStore(Path.of(home, ".peers-sim", "sessions"));
    }

    Optional<SessionRecord> load(String sessionId) {
        if (!SAFE_ID.matcher(sessionId).matches()) {
            return Optional.empty();
        }
        Path file = file(sessionId);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Json.MAPPER.readValue(file.toFile(), SessionRecord.class));
        } catch (IOException e) {
            return Optional.empty(); // unreadable counts as not found, as a torn transcript would
        }
    }

    boolean exists(String sessionId) {
        return SAFE_ID.matcher(sessionId).matches() && Files.isRegularFile(file(sessionId));
    }

    /** Writes the record atomically (a temporary file moved into place), so a crash leaves the old or the new. */
    void save(SessionRecord record) {
        try {
            Files.createDirectories(dir);
            Path temp = Files.createTempFile(dir, record.sessionId(), ".tmp");
            Json.MAPPER.writeValue(temp.toFile(), record);
            try {
                Files.move(
                        temp,
                        file(record.sessionId()),
                        StandardCopyOption.REPLACE_EXISTING,
                        StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, file(record.sessionId()), StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save simulated session " + record.sessionId() + " in " + dir, e);
        }
    }

    private Path file(String sessionId) {
        return dir.resolve(sessionId + ".json");
    }
}
