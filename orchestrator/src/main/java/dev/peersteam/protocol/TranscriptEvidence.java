package dev.peersteam.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Set;

/**
 * Reads one line of a CLI session transcript ({@code <config>/projects/<cwd>/<session>.jsonl}) for proof that the
 * session took one of the host's messages (observed on 2.1.328 and 2.1.332, docs/messaging.md). A message with uuid M
 * is in the conversation when the transcript has a {@code user} entry with {@code uuid} M (a turn of its own, or the
 * last message of a merged turn), a {@code user} entry with M in {@code mergedSendUuids} (an earlier message of a
 * merged turn), or a {@code queued_command} attachment with {@code source_uuid} M (folded into a running turn). A
 * {@code queue-operation} is no proof: a message still queued when the CLI died is not in the resumed conversation.
 */
public final class TranscriptEvidence {
    private TranscriptEvidence() {}

    /** Adds to {@code found} the uuids of host messages that this transcript line proves the session took. */
    public static void messageIds(JsonNode line, Set<String> found) {
        switch (line.path("type").asText("")) {
            case "user" -> {
                if (line.path("uuid").isTextual()) {
                    found.add(line.path("uuid").asText());
                }
                for (JsonNode merged : line.path("mergedSendUuids")) {
                    if (merged.isTextual()) {
                        found.add(merged.asText());
                    }
                }
            }
            case "attachment" -> {
                JsonNode attachment = line.path("attachment");
                if (attachment.path("type").asText("").equals("queued_command")
                        && attachment.path("source_uuid").isTextual()) {
                    found.add(attachment.path("source_uuid").asText());
                }
            }
            default -> {}
        }
    }
}
