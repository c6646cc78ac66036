package dev.peersteam.agent.sim;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A user message the host sent. The coordinator writes messages from teammates as {@code [from ROLE · ID] text}
 * ({@code [from ROLE] text} is read too), and the tasks it hands out carry ids such as {@code T3}; both are read from
 * the text here.
 *
 * @param uuid the host's {@code uuid} for lifecycle frames, or null
 * @param text the whole text (text blocks joined by a space, as the real CLI shows them to the model)
 */
public record Incoming(String uuid, String text) {
    private static final Pattern SENDER =
            Pattern.compile("^\\s*\\[from ([^\\]\\s]+)(?: · [^\\]]*)?]\\s?(.*)$", Pattern.DOTALL);
    private static final Pattern TASK_ID = Pattern.compile("\\bT\\d+\\b");

    /** Reads a {@code user} line's {@code message.content}: a string or an array of blocks. */
    static Incoming of(String uuid, JsonNode content) {
        if (content.isTextual()) {
            return new Incoming(uuid, content.asText());
        }
        StringBuilder text = new StringBuilder();
        for (JsonNode block : content) {
            if (block.path("type").asText().equals("text")) {
                if (!text.isEmpty()) {
                    text.append(' ');
                }
                text.append(block.path("text").asText());
            }
        }
        return new Incoming(uuid, text.toString());
    }

    /** The sender's role from the {@code [from ROLE]} prefix, or empty when there is none. */
    public String from() {
        Matcher m = SENDER.matcher(text);
        return m.matches() ? m.group(1) : "";
    }

    /** The text without its {@code [from ROLE]} prefix. */
    public String body() {
        Matcher m = SENDER.matcher(text);
        return m.matches() ? m.group(2) : text;
    }

    /** The first task id ({@code T} and digits) in the text (after the header: a message id is no task id). */
    public Optional<String> taskId() {
        Matcher m = TASK_ID.matcher(body());
        return m.find() ? Optional.of(m.group()) : Optional.empty();
    }
}
