package dev.peersteam.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the agents themselves recorded: every session transcript of every role ({@code CLAUDE_CONFIG_DIR/projects/
 * <the role's worktree, sanitized>/<session>.jsonl}, all sessions of the role), read for the entries that prove a
 * session took one of the host's messages, by the rules of docs/messaging.md ("Which entry proves that a session has
 * message M"): a {@code user} entry whose {@code uuid} is M, a {@code user} entry listing M in
 * {@code mergedSendUuids}, a {@code queued_command} attachment whose {@code source_uuid} is M. Counted here with a
 * parser of its own (the product's {@code TranscriptEvidence} keeps a set and would hide a second proof).
 *
 * <p>Also kept, as evidence: every message header {@code [from SENDER · ID]} that opens a line of what a session was
 * given (so a message taken without ever being journaled shows), messages run again (a resumed CLI that is sent an
 * unanswered message again closes its turn with a synthetic "No response requested." parented on it and answers it
 * once more, with no user entry of its own; before a new message it writes the same closing, then the new message's
 * user entry), and lines that do not parse (a kill in the middle of a write).
 */
final class TakenLedger {
    /**
     * One entry that proves a take: where it is; {@code order} counts the proofs of one ledger in the order they
     * stand in their files (in a merged entry the earlier messages, {@code mergedSendUuids}, before its own uuid).
     */
    record Proof(String role, String id, String kind, Path file, int line, int order) {
        @Override
        public String toString() {
            return kind + " at " + file.getFileName() + ":" + line;
        }
    }

    /** A header found in what a session was given. */
    record Header(String role, String sender, String id, Path file, int line) {}

    private static final ObjectMapper JSON = new ObjectMapper();
    /** A header at the start of a line (a forged one in a body is escaped with a backslash and does not match). */
    private static final Pattern HEADER = Pattern.compile("(?m)^\\[from ([^\\]\\s]+) · ([0-9a-fA-F-]{36})]");

    private final Map<String, Map<String, List<Proof>>> proofs = new LinkedHashMap<>();
    private final List<Header> headers = new ArrayList<>();
    private final List<Proof> reruns = new ArrayList<>();
    private final Map<String, List<Path>> sessionFiles = new LinkedHashMap<>();
    private final List<String> strangers = new ArrayList<>();
    private int tornLines;
    private int proofCount;

    private TakenLedger() {}

    /**
     * Reads every transcript under {@code configDir/projects}; {@code worktrees} says which project directory is
     * whose. A project directory of no role is reported ({@link #strangers()}), not skipped silently.
     */
    static TakenLedger read(Path configDir, Map<String, Path> worktrees) throws IOException {
        TakenLedger ledger = new TakenLedger();
        Map<String, String> roleOfDir = new LinkedHashMap<>();
        worktrees.forEach((role, worktree) -> {
            roleOfDir.put(sanitized(worktree.toAbsolutePath().normalize()), role);
            try {
                roleOfDir.put(sanitized(worktree.toRealPath()), role);
            } catch (IOException e) {
                // no such worktree (yet): the absolute path is all there is
            }
            ledger.proofs.put(role, new LinkedHashMap<>());
            ledger.sessionFiles.put(role, new ArrayList<>());
        });
        Path projects = configDir.resolve("projects");
        if (!Files.isDirectory(projects)) {
            return ledger;
        }
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(projects, Files::isDirectory)) {
            for (Path dir : dirs) {
                String role = roleOfDir.get(dir.getFileName().toString());
                try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*.jsonl")) {
                    for (Path file : files) {
                        if (role == null) {
                            ledger.strangers.add(file.toString());
                        } else {
                            ledger.sessionFiles.get(role).add(file);
                            ledger.readSession(role, file);
                        }
                    }
                }
            }
        }
        return ledger;
    }

    /** The CLI's project directory name for a working directory: every character not [a-zA-Z0-9] made '-'. */
    static String sanitized(Path cwd) {
        return cwd.toString().replaceAll("[^a-zA-Z0-9]", "-");
    }

    private void readSession(String role, Path file) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        Proof closing = null; // a synthetic closing not yet followed by the next turn's first entry
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).isBlank()) {
                continue;
            }
            JsonNode entry;
            try {
                entry = JSON.readTree(lines.get(i));
            } catch (IOException e) {
                tornLines++;
                continue;
            }
            int line = i + 1;
            String type = entry.path("type").asText();
            if (closing != null && (type.equals("user") || type.equals("assistant"))) {
                // A resumed CLI closes an unanswered turn before its next turn. If that next turn has a user entry
                // of its own it is a new message; if it starts with the assistant, the closed message runs again.
                if (type.equals("assistant")) {
                    reruns.add(closing);
                }
                closing = null;
            }
            switch (type) {
                case "user" -> {
                    for (JsonNode merged : entry.path("mergedSendUuids")) {
                        prove(role, merged.asText(), "mergedSendUuids", file, line);
                    }
                    if (entry.path("uuid").isTextual()) {
                        prove(role, entry.path("uuid").asText(), "user entry", file, line);
                    }
                    JsonNode content = entry.path("message").path("content");
                    if (content.isTextual()) {
                        headersIn(role, content.asText(), file, line);
                    }
                }
                case "attachment" -> {
                    JsonNode attachment = entry.path("attachment");
                    if (attachment.path("type").asText().equals("queued_command")) {
                        if (attachment.path("source_uuid").isTextual()) {
                            prove(role, attachment.path("source_uuid").asText(), "queued_command", file, line);
                        }
                        headersIn(role, attachment.path("prompt").asText(), file, line);
                    }
                }
                case "assistant" -> {
                    JsonNode message = entry.path("message");
                    if (message.path("model").asText().equals("<synthetic>")
                            && message.path("content").toString().contains("No response requested.")
                            && entry.path("parentUuid").isTextual()) {
                        closing = new Proof(
                                role,
                                entry.path("parentUuid").asText(),
                                "synthetic closing, then the assistant again",
                                file,
                                line,
                                -1);
                    }
                }
                default -> {}
            }
        }
    }

    private void prove(String role, String id, String kind, Path file, int line) {
        proofs.get(role)
                .computeIfAbsent(id, k -> new ArrayList<>())
                .add(new Proof(role, id, kind, file, line, proofCount++));
    }

    private void headersIn(String role, String text, Path file, int line) {
        Matcher m = HEADER.matcher(text);
        while (m.find()) {
            headers.add(new Header(role, m.group(1), m.group(2), file, line));
        }
    }

    /** The entries of {@code role}'s transcripts that prove it took {@code id}; one, when it took it exactly once. */
    List<Proof> proofs(String role, String id) {
        return proofs.getOrDefault(role, Map.of()).getOrDefault(id, List.of());
    }

    /** Roles other than {@code role} whose transcripts claim {@code id}. */
    List<Proof> proofsElsewhere(String role, String id) {
        List<Proof> found = new ArrayList<>();
        proofs.forEach((other, byId) -> {
            if (!other.equals(role)) {
                found.addAll(byId.getOrDefault(id, List.of()));
            }
        });
        return found;
    }

    List<Header> headers() {
        return List.copyOf(headers);
    }

    /** Messages a resumed CLI ran a second time; {@code id} is the message, where the synthetic closing is. */
    List<Proof> reruns() {
        return List.copyOf(reruns);
    }

    Map<String, List<Path>> sessionFiles() {
        return sessionFiles;
    }

    /** Transcript files in project directories of no role. */
    List<String> strangers() {
        return List.copyOf(strangers);
    }

    int tornLines() {
        return tornLines;
    }
}
