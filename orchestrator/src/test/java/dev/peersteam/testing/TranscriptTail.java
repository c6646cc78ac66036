package dev.peersteam.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Follows the CLI's transcript files ({@code CLAUDE_CONFIG_DIR/projects/<sanitized cwd>/<session>.jsonl}) while a
 * scenario runs, and adds each new complete line to the {@link Recording} as a {@code transcript} line the moment it
 * is seen (the files are polled every 2 ms, so a line's {@code t} is at most a few milliseconds late).
 */
final class TranscriptTail implements AutoCloseable {
    private static final int LONG = 300;

    private final Path projects;
    private final Recording recording;
    private final Map<Path, Long> offsets = new LinkedHashMap<>();
    private final Map<Path, StringBuilder> partial = new LinkedHashMap<>();
    private final Thread thread;
    private volatile boolean running = true;

    TranscriptTail(Path configDir, Recording recording) {
        this.projects = configDir.resolve("projects");
        this.recording = recording;
        this.thread = Thread.ofPlatform().daemon().name("transcript-tail").start(this::loop);
    }

    private void loop() {
        while (running) {
            poll();
            try {
                Thread.sleep(2);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** Reads what was appended since the last poll. */
    synchronized void poll() {
        for (Path file : files()) {
            long offset = offsets.getOrDefault(file, 0L);
            try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
                long length = raf.length();
                if (length <= offset) {
                    continue;
                }
                byte[] bytes = new byte[(int) (length - offset)];
                raf.seek(offset);
                raf.readFully(bytes);
                offsets.put(file, length);
                StringBuilder pending = partial.computeIfAbsent(file, f -> new StringBuilder());
                pending.append(new String(bytes, StandardCharsets.UTF_8));
                int nl;
                while ((nl = pending.indexOf("\n")) >= 0) {
                    String line = pending.substring(0, nl);
                    pending.delete(0, nl + 1);
                    if (!line.isBlank()) {
                        recording.add(
                                "transcript", parse(line), file.getFileName().toString());
                    }
                }
            } catch (IOException e) {
                // the file is being created or replaced: read it at the next poll
            }
        }
    }

    /** The transcript files seen so far, in the order they appeared. */
    synchronized List<Path> seen() {
        return List.copyOf(offsets.keySet());
    }

    private List<Path> files() {
        if (!Files.isDirectory(projects)) {
            return List.of();
        }
        List<Path> out = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(projects)) {
            for (Path dir : dirs.filter(Files::isDirectory).sorted().toList()) {
                try (Stream<Path> files = Files.list(dir)) {
                    files.filter(f -> f.getFileName().toString().endsWith(".jsonl"))
                            .sorted()
                            .forEach(out::add);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (Path f : out) {
            offsets.putIfAbsent(f, 0L);
        }
        return out;
    }

    /**
     * The entry with every string longer than {@value #LONG} characters cut short (system prompts, tool lists,
     * request bodies): the whole entry is in the transcript copy beside the recording.
     */
    static JsonNode shortened(JsonNode node) {
        if (node.isTextual() && node.asText().length() > LONG) {
            String s = node.asText();
            return TextNode.valueOf(s.substring(0, LONG) + "…(" + s.length() + " chars)");
        }
        if (node.isObject()) {
            ObjectNode copy = Recording.JSON.createObjectNode();
            node.properties().forEach(e -> copy.set(e.getKey(), shortened(e.getValue())));
            return copy;
        }
        if (node.isArray()) {
            ArrayNode copy = Recording.JSON.createArrayNode();
            node.forEach(e -> copy.add(shortened(e)));
            return copy;
        }
        return node;
    }

    private static JsonNode parse(String line) {
        try {
            return Recording.JSON.readTree(line);
        } catch (IOException e) {
            return TextNode.valueOf(line);
        }
    }

    @Override
    public void close() {
        running = false;
        try {
            thread.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        poll();
    }
}
