package dev.peersteam.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the coordinator's journal says was posted: the messages to count at the agents (every one to a role), the
 * ones it gave up, and the sessions it launched. Read with a JSON parser of its own, not the product's journal code,
 * so a bug there cannot hide here. A line that does not parse (a tail torn by a kill) is counted, not trusted.
 */
record JournalFacts(
        Map<String, Posted> posted, Map<String, String> failed, Set<String> sessionIds, int tornLines, int records) {

    /** A message the journal says was posted to {@code to} (a role: messages to the person are not counted). */
    record Posted(String id, String from, String to, String text, int line) {}

    private static final ObjectMapper JSON = new ObjectMapper();

    static JournalFacts read(Path journal) throws IOException {
        Map<String, Posted> posted = new LinkedHashMap<>();
        Map<String, String> failed = new LinkedHashMap<>();
        Set<String> sessions = new LinkedHashSet<>();
        int torn = 0;
        int records = 0;
        List<String> lines =
                Files.exists(journal) ? Files.readAllLines(journal, StandardCharsets.UTF_8) : new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank()) {
                continue;
            }
            JsonNode record;
            try {
                record = JSON.readTree(line);
            } catch (IOException e) {
                torn++;
                continue;
            }
            records++;
            switch (record.path("type").asText()) {
                case "message" -> {
                    String to = record.path("to").asText();
                    if (!to.equals("human")) {
                        String id = record.path("id").asText();
                        posted.putIfAbsent(
                                id,
                                new Posted(
                                        id,
                                        record.path("from").asText(),
                                        to,
                                        record.path("text").asText(),
                                        i + 1));
                    }
                }
                case "message_failed" ->
                    failed.put(record.path("id").asText(), record.path("reason").asText());
                case "session_launched", "session_started" ->
                    sessions.add(record.path("sessionId").asText());
                default -> {}
            }
        }
        return new JournalFacts(posted, failed, sessions, torn, records);
    }
}
