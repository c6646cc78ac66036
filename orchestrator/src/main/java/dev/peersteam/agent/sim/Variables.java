package dev.peersteam.agent.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The values a script's text can refer to: {@code $task} (the first task id such as {@code T3} in the message that
 * started the turn, or empty), {@code $from} (its sender's role), {@code $role} (this agent's role) and
 * {@code $text} (the message without its {@code [from ROLE]} prefix). {@code ${name}} works too; any other
 * {@code $word} is left alone, so shell variables in {@code bash:} steps keep working.
 */
public record Variables(String task, String from, String role, String text) {
    private static final Pattern REFERENCE =
            Pattern.compile("\\$\\{(task|from|role|text)}|\\$(task|from|role|text)\\b");

    static Variables of(Incoming message, String role) {
        return new Variables(message.taskId().orElse(""), message.from(), role, message.body());
    }

    public String expand(String template) {
        if (template == null || template.indexOf('$') < 0) {
            return template;
        }
        Matcher m = REFERENCE.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(1) != null ? m.group(1) : m.group(2);
            m.appendReplacement(out, Matcher.quoteReplacement(value(name)));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** Expands every text value (not the keys) of a JSON tree; returns a new tree. */
    public JsonNode expand(JsonNode node) {
        if (node == null) {
            return null;
        }
        if (node.isTextual()) {
            return TextNode.valueOf(expand(node.asText()));
        }
        if (node instanceof ObjectNode object) {
            ObjectNode copy = object.objectNode();
            for (Map.Entry<String, JsonNode> field : object.properties()) {
                copy.set(field.getKey(), expand(field.getValue()));
            }
            return copy;
        }
        if (node instanceof ArrayNode array) {
            ArrayNode copy = array.arrayNode();
            array.forEach(item -> copy.add(expand(item)));
            return copy;
        }
        return node;
    }

    private String value(String name) {
        return switch (name) {
            case "task" -> task;
            case "from" -> from;
            case "role" -> role;
            case "text" -> text;
            default -> throw new IllegalArgumentException(name);
        };
    }
}
