package dev.peersteam.agent.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.peersteam.json.Json;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The session's transcript, written where and as the real CLI writes it:
 * {@code $CLAUDE_CONFIG_DIR/projects/<sanitized cwd>/<session id>.jsonl}, one entry per line, linked by
 * {@code uuid}/{@code parentUuid}. Only the entries that tell what happened to a message are written: the
 * {@code queue-operation}s, the {@code user} entry of each turn (its {@code uuid} is the message's; a merged turn's is
 * the last message's, with the others in {@code mergedSendUuids}), the {@code queued_command} attachment of a message
 * folded into a running turn, the assistant's blocks, tool results and interruption markers, and a
 * {@code cost-state} after each turn.
 *
 * <p>Like the real CLI, entries reach the file in batches, {@value #FLUSH_MS} ms after the first of them was
 * appended (the real CLI: 50–900 ms after the frame that announces them): a process killed in between loses them, so
 * a session can report {@code started} for a message its transcript does not have yet. A normal exit writes what is
 * pending.
 */
final class Transcript {
    static final long FLUSH_MS = 100;

    private final Path file;
    private final String sessionId;
    private final Path cwd;
    private final PrintStream err;
    private final List<String> pending = new ArrayList<>();
    private final Object writeLock = new Object();
    private String parent;
    private boolean openTurn;
    private boolean flushScheduled;
    private boolean closed;

    /**
     * @param parent the last entry's uuid, to chain new entries to (null for a new session)
     * @param openTurn the resumed conversation ends on a turn nothing answered: the next turn closes it first
     */
    Transcript(Path file, String sessionId, Path cwd, String parent, boolean openTurn, PrintStream err) {
        this.file = file;
        this.sessionId = sessionId;
        this.cwd = cwd;
        this.parent = parent;
        this.openTurn = openTurn;
        this.err = err;
    }

    /** Where the real CLI keeps a session's transcript. */
    static Path file(Path configDir, Path cwd, String sessionId) {
        return configDir.resolve("projects").resolve(Frames.sanitized(cwd)).resolve(sessionId + ".jsonl");
    }

    // ---- the message queue ----

    /** {@code enqueue} (with the text), {@code dequeue} (without), {@code remove} (with the text). */
    void queueOperation(String operation, String content) {
        ObjectNode entry = Json.object();
        entry.put("type", "queue-operation");
        entry.put("operation", operation);
        entry.put("timestamp", now());
        entry.put("sessionId", sessionId);
        if (content != null) {
            entry.put("content", content);
        }
        append(entry, null);
    }

    // ---- the conversation ----

    /**
     * The {@code user} entry of a turn: {@code uuid} is the message's (a fresh one for a message without), and the
     * other messages merged into the turn are listed in {@code mergedSendUuids}.
     */
    void prompt(String uuid, String text, List<String> mergedSendUuids, String permissionMode) {
        closeOpenTurn();
        String id = uuid != null ? uuid : UUID.randomUUID().toString();
        ObjectNode entry = chained();
        entry.put("promptId", UUID.randomUUID().toString());
        entry.put("type", "user");
        entry.putObject("message").put("role", "user").put("content", text);
        entry.put("uuid", id);
        entry.put("timestamp", now());
        entry.put("permissionMode", permissionMode);
        entry.put("promptSource", "sdk");
        entry.put("turnOrigin", "sdk");
        if (!mergedSendUuids.isEmpty()) {
            ArrayNode merged = entry.putArray("mergedSendUuids");
            mergedSendUuids.forEach(merged::add);
        }
        entry.put("turnAttributionKey", id);
        append(common(entry), id);
    }

    /** A message folded into the running turn: the real CLI's {@code queued_command} attachment. */
    void queuedCommand(String uuid, String text) {
        ObjectNode entry = chained();
        ObjectNode attachment = entry.putObject("attachment");
        attachment.put("type", "queued_command");
        attachment.put("prompt", text);
        if (uuid != null) {
            attachment.put("source_uuid", uuid);
        }
        attachment.put("delivery_id", UUID.randomUUID().toString());
        attachment.put("commandMode", "prompt");
        attachment.put("timestamp", now());
        entry.put("type", "attachment");
        String id = UUID.randomUUID().toString();
        entry.put("uuid", id);
        entry.put("timestamp", now());
        append(common(entry), id);
    }

    /** An {@code assistant} or {@code user} frame as the entry the real CLI keeps of it (same uuid and message). */
    void conversation(JsonNode frame) {
        String id = frame.path("uuid").asText(UUID.randomUUID().toString());
        ObjectNode entry = chained();
        String type = frame.path("type").asText();
        if (type.equals("user")) {
            entry.put("type", "user");
            entry.set("message", frame.path("message"));
        } else {
            entry.set("message", frame.path("message"));
            entry.put("type", "assistant");
            synchronized (this) {
                openTurn = false;
            }
        }
        entry.put("uuid", id);
        entry.put("timestamp", now());
        if (frame.has("tool_use_result")) {
            entry.set("toolUseResult", frame.get("tool_use_result"));
        }
        append(common(entry), id);
    }

    /**
     * What the real CLI writes at the first turn after a resume when the conversation ended on a turn nothing
     * answered (killed, or interrupted, before the model replied): a synthetic reply that closes it. A message of
     * that turn sent again runs again under it, without a new {@code user} entry.
     */
    void closeOpenTurn() {
        synchronized (this) {
            if (!openTurn) {
                return;
            }
            openTurn = false;
        }
        ObjectNode entry = chained();
        entry.put("type", "assistant");
        String id = UUID.randomUUID().toString();
        entry.put("uuid", id);
        entry.put("timestamp", now());
        ObjectNode message = entry.putObject("message");
        message.put("id", UUID.randomUUID().toString());
        message.put("model", "<synthetic>");
        message.put("role", "assistant");
        message.put("stop_reason", "stop_sequence");
        message.put("stop_sequence", "");
        message.put("type", "message");
        message.putArray("content").addObject().put("type", "text").put("text", "No response requested.");
        append(common(entry), id);
    }

    /** The session's running cost, as the real CLI's {@code cost-state} entry; a resume continues from the last. */
    void costState(Ledger ledger) {
        ObjectNode entry = Json.object();
        entry.put("type", "cost-state");
        entry.put("sessionId", sessionId);
        entry.put("totalCostUSD", ledger.totalCost());
        ObjectNode usage = entry.putObject("modelUsage");
        ledger.byModelInOrder()
                .forEach((model, totals) -> usage.putObject(model)
                        .put("inputTokens", totals.inputTokens())
                        .put("outputTokens", totals.outputTokens())
                        .put("costUSD", totals.costUsd()));
        append(entry, null);
    }

    // ---- writing ----

    /** Writes what is pending now (a normal exit). */
    void flush() {
        synchronized (writeLock) {
            List<String> lines;
            synchronized (this) {
                lines = List.copyOf(pending);
                pending.clear();
                flushScheduled = false;
            }
            if (!lines.isEmpty()) {
                write(lines);
            }
        }
    }

    private void write(List<String> lines) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(
                    file,
                    String.join("", lines),
                    StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            err.println("sim-agent: cannot write the transcript " + file + ": " + e);
        }
    }

    /** Nothing more is written, not even what is pending: the process is dying (a crash fault). */
    synchronized void abandon() {
        closed = true;
        pending.clear();
    }

    private void append(ObjectNode entry, String uuid) {
        synchronized (this) {
            if (closed) {
                return;
            }
            pending.add(entry + "\n");
            if (uuid != null) {
                parent = uuid;
            }
            if (flushScheduled) {
                return;
            }
            flushScheduled = true;
        }
        Thread.ofVirtual().name("sim-transcript").start(() -> {
            try {
                Thread.sleep(FLUSH_MS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            synchronized (this) {
                if (closed) {
                    return;
                }
            }
            flush();
        });
    }

    private synchronized ObjectNode chained() {
        ObjectNode entry = Json.object();
        if (parent == null) {
            entry.set("parentUuid", NullNode.getInstance());
        } else {
            entry.put("parentUuid", parent);
        }
        entry.put("isSidechain", false);
        return entry;
    }

    private ObjectNode common(ObjectNode entry) {
        entry.put("userType", "external");
        entry.put("entrypoint", "sdk-cli");
        entry.put("cwd", cwd.toString());
        entry.put("sessionId", sessionId);
        entry.put("version", SimCatalog.VERSION);
        return entry;
    }

    private static String now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS).toString();
    }
}
