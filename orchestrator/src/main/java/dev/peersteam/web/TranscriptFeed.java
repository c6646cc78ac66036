package dev.peersteam.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.peersteam.protocol.Json;
import dev.peersteam.transcript.LogReader;
import dev.peersteam.transcript.Transcript;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A role's transcript for one page, the same text as {@code peers-team logs ROLE}: read from the role's traffic log
 * (its last {@link #SHOWN} lines first), then followed as the log grows, on file-change notifications like
 * {@code logs -f}. Runs on a thread of its own until the page's stream ends.
 */
final class TranscriptFeed {
    static final int SHOWN = 1500;

    private final String role;
    private final Path log;
    private final EventStream stream;

    TranscriptFeed(String role, Path log, EventStream stream) {
        this.role = role;
        this.log = log;
        this.stream = stream;
    }

    /** Sends what there is, then what comes, until the thread is interrupted or the page has gone. */
    void run() {
        Transcript transcript = new Transcript(role);
        LogReader reader = new LogReader(log);
        try {
            List<String> lines = new ArrayList<>();
            reader.readAvailable(record -> lines.addAll(transcript.accept(record)));
            int earlier = Math.max(0, lines.size() - SHOWN);
            send(lines.subList(earlier, lines.size()), earlier, true);
            Files.createDirectories(log.getParent());
            reader.follow(record -> {
                List<String> more = transcript.accept(record);
                if (!more.isEmpty() && !send(more, 0, false)) {
                    Thread.currentThread().interrupt(); // the page is gone: stop following
                }
            });
        } catch (IOException e) {
            stream.offer("failed", quoted("cannot read " + role + "'s log: " + e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private boolean send(List<String> lines, int earlier, boolean first) {
        try {
            return stream.offer(
                    "lines",
                    Json.MAPPER.writeValueAsString(
                            Map.of("lines", lines, "earlier", earlier, "first", first, "role", role)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String quoted(String text) {
        try {
            return Json.MAPPER.writeValueAsString(Map.of("error", text));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
