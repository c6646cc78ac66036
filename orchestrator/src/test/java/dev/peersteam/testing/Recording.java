package dev.peersteam.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The lines of one recorded scenario, in the fixture format of {@code src/test/resources/fixtures/README.md}: one
 * JSON object per line, {@code {"dir": …, "t": seconds since the scenario started, "msg": …}}, in the order the
 * recorder saw them. Thread-safe: the CLI's stdout reader, the transcript tail, the fake API and the scenario itself
 * all add lines. Paths of the throwaway directories are rewritten to {@code /home/dev/...} when written.
 */
final class Recording {
    static final ObjectMapper JSON = new ObjectMapper();

    private final long t0 = System.nanoTime();
    private final List<ObjectNode> lines = new ArrayList<>();
    private final Map<String, String> rewrites = new LinkedHashMap<>();

    /** Rewrites {@code from} to {@code to} in everything written; longer strings should be added first. */
    synchronized void rewrite(String from, String to) {
        rewrites.put(from, to);
    }

    /** Seconds since the scenario started, to the millisecond. */
    double now() {
        return Math.round((System.nanoTime() - t0) / 1_000_000.0) / 1000.0;
    }

    void add(String dir, JsonNode msg) {
        add(dir, msg, null);
    }

    /** A line; {@code file} (may be null) names the transcript a {@code transcript} line was read from. */
    void add(String dir, JsonNode msg, String file) {
        ObjectNode line = JSON.createObjectNode();
        line.put("dir", dir);
        line.put("t", now());
        if (file != null) {
            line.put("file", file);
        }
        line.set("msg", msg);
        synchronized (this) {
            lines.add(line);
        }
    }

    /** A host action that is not a stdin line, e.g. {@code <<close stdin>>} or {@code <<SIGKILL>>}. */
    void action(String what) {
        add(">", TextNode.valueOf("<<" + what + ">>"));
    }

    /** A comment for the reader of the recording: what the scenario does next. */
    void note(String text) {
        add("note", TextNode.valueOf(text));
    }

    synchronized List<ObjectNode> lines() {
        return List.copyOf(lines);
    }

    void write(Path file) throws IOException {
        StringBuilder out = new StringBuilder();
        for (ObjectNode line : lines()) {
            out.append(sanitize(line.toString())).append('\n');
        }
        Files.writeString(file, out.toString(), StandardCharsets.UTF_8);
    }

    synchronized String sanitize(String text) {
        String s = text;
        for (Map.Entry<String, String> e : rewrites.entrySet()) {
            s = s.replace(e.getKey(), e.getValue());
        }
        return s;
    }
}
