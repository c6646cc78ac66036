package dev.peersteam.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.peersteam.json.Json;
import dev.peersteam.session.TrafficLine;
import dev.peersteam.transcript.LogReader;
import dev.peersteam.transcript.Transcript;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

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
        LogReader<TrafficLine> reader = new LogReader<>(log, TrafficLine::decode);
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

    /**
     * Lines of the transcript for the page; {@code first}: the batch that opens it (then {@code earlier} lines were
     * left out, for {@code peers-team logs} to show).
     */
    record Lines(String role, List<String> lines, int earlier, boolean first) {}

    /** The transcript cannot be shown, and why. */
    record Failed(String error) {}

    private boolean send(List<String> lines, int earlier, boolean first) {
        List<String> shown = lines.stream().map(PageText::lines).toList(); // as 'logs' prints them
        return stream.offer("lines", json(new Lines(role, shown, earlier, first)));
    }

    private static String quoted(String text) {
        return json(new Failed(text));
    }

    private static String json(Record value) {
        try {
            return Json.MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
