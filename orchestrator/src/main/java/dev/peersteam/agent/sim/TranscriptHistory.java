package dev.peersteam.agent.sim;

import com.fasterxml.jackson.databind.JsonNode;
import dev.peersteam.json.Json;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What a resumed session finds in its transcript: the running cost (the last {@code cost-state}), how many turns it
 * had, the last entry to chain new ones to, and which message uuids it knows. Like the real CLI, it knows a uuid only
 * as the {@code uuid} of a {@code user} entry: a message folded into a turn ({@code queued_command} attachment) or
 * merged into another's turn ({@code mergedSendUuids}) is not recognised, so a re-send of it runs again.
 * {@code endsUnanswered}: the conversation ends on a user-side entry (a prompt, tool result or interruption marker
 * that no assistant entry followed: the process died or was interrupted in the turn).
 */
record TranscriptHistory(
        SessionRecord session, Map<String, Boolean> answeredByUuid, String lastUuid, boolean endsUnanswered) {

    /** What the real CLI does with a re-sent uuid that the transcript has. */
    enum Known {
        /** Not a {@code user} entry's uuid: a new message. */
        NO,
        /** A {@code user} entry's uuid, answered by an assistant entry after it: {@code completed}, no turn. */
        ANSWERED,
        /** A {@code user} entry's uuid that nothing answered (the process died during the model call): runs again. */
        UNANSWERED
    }

    static TranscriptHistory fresh(String sessionId) {
        return new TranscriptHistory(SessionRecord.fresh(sessionId), Map.of(), null, false);
    }

    /** The history of the transcript {@code file}, or empty when there is none (the real CLI: no conversation). */
    static Optional<TranscriptHistory> load(Path file, String sessionId) {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return Optional.empty();
        }
        Map<String, Boolean> answered = new HashMap<>();
        Map<String, ModelTotals> usage = new LinkedHashMap<>();
        BigDecimal cost = BigDecimal.ZERO;
        int turns = 0;
        String last = null;
        boolean endsUnanswered = false;
        for (String line : text.split("\n")) {
            JsonNode entry;
            try {
                entry = Json.MAPPER.readTree(line);
            } catch (IOException e) {
                continue; // a torn last line, as a kill can leave
            }
            if (entry == null || !entry.isObject()) {
                continue;
            }
            switch (entry.path("type").asText()) {
                case "user" -> {
                    if (entry.path("message").path("content").isTextual()) {
                        answered.put(entry.path("uuid").asText(), false);
                        turns++;
                    }
                    endsUnanswered = true;
                }
                case "assistant" -> {
                    answered.replaceAll((uuid, was) -> true);
                    endsUnanswered = false;
                }
                case "cost-state" -> {
                    cost = entry.path("totalCostUSD").decimalValue();
                    usage.clear();
                    entry.path("modelUsage").properties().forEach(e -> usage.put(e.getKey(), totals(e.getValue())));
                }
                default -> {}
            }
            if (entry.hasNonNull("uuid")) {
                last = entry.get("uuid").asText();
            }
        }
        return Optional.of(new TranscriptHistory(
                new SessionRecord(sessionId, cost, turns, usage), answered, last, endsUnanswered));
    }

    Known knows(String uuid) {
        Boolean answered = answeredByUuid.get(uuid);
        if (answered == null) {
            return Known.NO;
        }
        return answered ? Known.ANSWERED : Known.UNANSWERED;
    }

    /** The same history under another session id ({@code --fork-session}). */
    TranscriptHistory forkedAs(String sessionId) {
        return new TranscriptHistory(
                new SessionRecord(sessionId, session.totalCostUsd(), session.turns(), session.modelUsage()),
                answeredByUuid,
                null,
                false);
    }

    private static ModelTotals totals(JsonNode node) {
        return new ModelTotals(
                node.path("inputTokens").asLong(),
                node.path("outputTokens").asLong(),
                node.path("costUSD").decimalValue(),
                false);
    }
}
