package dev.peersteam.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads one line of a CLI session transcript ({@code <config>/projects/<cwd>/<session>.jsonl}) for proof that the
 * session has one of the host's messages. A message carries its id twice: as the user message's {@code uuid}, and in
 * the header the coordinator puts at the start of its text ({@code [from ROLE · ID]}). The text survives whatever the
 * CLI does with a message (a turn of its own, folded into a running turn as an attachment, merged with another
 * queued prompt), the uuid does not; both are looked for. A queue entry ({@code queue-operation}) is no proof: a
 * queued prompt the CLI had not taken when it died is not in the resumed conversation.
 */
public final class TranscriptEvidence {
    /** A header at the start of a text or of one of its lines; an escaped one (a body quoting it) starts with '\'. */
    private static final Pattern HEADER = Pattern.compile(
            "(?:^|\\n)\\[from [^\\]\\s]{1,64} · ([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})]");

    private TranscriptEvidence() {}

    /** Adds to {@code found} the ids of host messages that this transcript line proves the session has. */
    public static void messageIds(JsonNode line, Set<String> found) {
        String type = line.path("type").asText("");
        if (type.equals("queue-operation")) {
            return;
        }
        if (type.equals("user") && line.path("uuid").isTextual()) {
            found.add(line.path("uuid").asText());
        }
        collectHeaders(line, found);
    }

    private static void collectHeaders(JsonNode node, Set<String> found) {
        if (node.isTextual()) {
            Matcher m = HEADER.matcher(node.asText());
            while (m.find()) {
                found.add(m.group(1).toLowerCase(java.util.Locale.ROOT));
            }
        } else if (node.isContainerNode()) {
            node.forEach(child -> collectHeaders(child, found));
        }
    }
}
