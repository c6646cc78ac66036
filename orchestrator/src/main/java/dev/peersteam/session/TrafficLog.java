package dev.peersteam.session;

import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;

/**
 * One role's raw stream-json traffic, both directions, one JSON object per line:
 * {@code {"ts":"...","dir":">"|"<","msg":{...}}} (the shape of the recorded fixtures), or {@code "text"} for a line
 * that was not JSON. It is the source for transcripts and for debugging the protocol.
 */
public final class TrafficLog implements AutoCloseable {
    public static final String TO_AGENT = ">";
    public static final String FROM_AGENT = "<";

    /** Unbuffered: each record is one write of its own bytes (a buffer per session would add up, and be flushed anyway). */
    private final OutputStream out;

    private final Clock clock;

    public TrafficLog(Path file, Clock clock) {
        try {
            Files.createDirectories(file.getParent());
            this.out = Files.newOutputStream(
                    file, StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the traffic log " + file, e);
        }
        this.clock = clock;
    }

    /** Logs a line that is known to be one JSON object, without parsing it again. */
    public synchronized void json(String direction, String jsonLine) {
        write("{\"ts\":\"" + clock.instant() + "\",\"dir\":\"" + direction + "\",\"msg\":" + jsonLine.strip() + "}");
    }

    /** Logs a line that is not (valid) JSON. */
    public synchronized void text(String direction, String line) {
        write("{\"ts\":\"" + clock.instant() + "\",\"dir\":\"" + direction + "\",\"text\":"
                + new TextNode(line).toString() + "}");
    }

    private void write(String record) {
        try {
            out.write((record + "\n").getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            // Losing the debug log must never take a session down; the journal is the record that matters.
        }
    }

    @Override
    public synchronized void close() {
        try {
            out.close();
        } catch (IOException ignored) {
            // already closed or disk gone; nothing left to save
        }
    }
}
