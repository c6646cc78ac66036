package dev.peersteam.agent.codex;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Which Codex thread stands for which session: codex chooses its thread ids, the coordinator chooses session ids (and
 * journals them before a session runs), so the pair is kept in {@code .peers/codex-threads/<session id>}, written
 * (atomically, synced) as soon as {@code thread/start} answers and before the session is reported ready.
 */
public final class ThreadFiles implements CodexBridge.ThreadBook {
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,127}");
    private final Path dir;

    public ThreadFiles(Path dir) {
        this.dir = dir;
    }

    @Override
    public String threadOf(String sessionId) {
        return find(sessionId).orElse(null);
    }

    public Optional<String> find(String sessionId) {
        if (!ID.matcher(sessionId).matches()) {
            return Optional.empty();
        }
        Path file = dir.resolve(sessionId);
        try {
            if (!Files.isRegularFile(file) || Files.size(file) > 256) {
                return Optional.empty();
            }
            String thread = Files.readString(file, StandardCharsets.UTF_8).strip();
            return ID.matcher(thread).matches() ? Optional.of(thread) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    @Override
    public void remember(String sessionId, String threadId) {
        if (!ID.matcher(sessionId).matches() || !ID.matcher(threadId).matches()) {
            throw new IllegalArgumentException("not an id: " + sessionId + " / " + threadId);
        }
        try {
            Files.createDirectories(dir);
            Path temp = dir.resolve(sessionId + ".tmp");
            try (var channel = java.nio.channels.FileChannel.open(
                    temp,
                    java.nio.file.StandardOpenOption.CREATE,
                    java.nio.file.StandardOpenOption.WRITE,
                    java.nio.file.StandardOpenOption.TRUNCATE_EXISTING)) {
                channel.write(java.nio.ByteBuffer.wrap((threadId + "\n").getBytes(StandardCharsets.UTF_8)));
                channel.force(true);
            }
            Files.move(temp, dir.resolve(sessionId), StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot record the codex thread of session " + sessionId, e);
        }
    }
}
