package dev.peersteam.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the coordinator wrote to each agent's stdin, in order: the uuids of the user messages in its traffic logs
 * ({@code .peers/logs/<role>.jsonl}, one file per role across all its sessions, lines {@code "dir":">"}). A message
 * written more than once was sent again (after a crash); the order says what a session was given first. A line torn
 * by a kill is skipped.
 */
record StdinWrites(Map<String, List<String>> byRole) {
    private static final ObjectMapper JSON = new ObjectMapper();

    static StdinWrites read(Path logs) throws IOException {
        Map<String, List<String>> byRole = new LinkedHashMap<>();
        if (!Files.isDirectory(logs)) {
            return new StdinWrites(byRole);
        }
        try (var files = Files.list(logs)) {
            for (Path file :
                    files.filter(f -> f.toString().endsWith(".jsonl")).sorted().toList()) {
                List<String> uuids = new ArrayList<>();
                for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                    if (!line.contains("\"dir\":\">\"") || !line.contains("\"type\":\"user\"")) {
                        continue;
                    }
                    try {
                        JsonNode uuid = JSON.readTree(line).path("msg").path("uuid");
                        if (uuid.isTextual()) {
                            uuids.add(uuid.asText());
                        }
                    } catch (IOException torn) {
                        // a line cut by a kill
                    }
                }
                byRole.put(file.getFileName().toString().replace(".jsonl", ""), List.copyOf(uuids));
            }
        }
        return new StdinWrites(Map.copyOf(byRole));
    }

    /** The uuids written to {@code role}'s stdin, in order, repeats included. */
    List<String> to(String role) {
        return byRole.getOrDefault(role, List.of());
    }

    /** The positions in {@link #to} where {@code id} was written. */
    List<Integer> positions(String role, String id) {
        List<String> written = to(role);
        List<Integer> at = new ArrayList<>();
        for (int i = 0; i < written.size(); i++) {
            if (written.get(i).equals(id)) {
                at.add(i);
            }
        }
        return at;
    }

    /** How many distinct messages of {@code posted} were written to their role more than once. */
    int resent(JournalFacts posted) {
        int resent = 0;
        for (JournalFacts.Posted message : posted.posted().values()) {
            if (positions(message.to(), message.id()).size() > 1) {
                resent++;
            }
        }
        return resent;
    }
}
