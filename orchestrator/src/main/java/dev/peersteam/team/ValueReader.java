package dev.peersteam.team;

import dev.peersteam.team.YamlMapping.Entry;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads typed values out of mapping entries. A value of the wrong shape is reported and read as empty, so the caller
 * falls back to the default and reading goes on to find the file's other problems.
 */
final class ValueReader {

    /** A text value together with its node, so checks on the text can point at it. */
    record Text(String value, Node node) {}

    private static final Set<String> TRUE_SPELLINGS = Set.of("true", "yes", "on");

    private final Problems problems;

    ValueReader(Problems problems) {
        this.problems = problems;
    }

    /**
     * Non-blank text. Numbers and booleans are taken as their text ({@code base: 1.0} names a tag, not a number), so
     * only lists, mappings and empty values are refused.
     */
    Optional<String> text(Entry entry) {
        Node value = entry.value();
        switch (NodeShape.of(value)) {
            case EMPTY -> {
                problems.at(
                        value,
                        "'" + entry.key() + "' has no value",
                        "give it a value, or delete the line to use the default");
                return Optional.empty();
            }
            case MAPPING, LIST -> {
                problems.at(
                        value,
                        "'" + entry.key() + "' must be text, not " + NodeShape.describe(value),
                        "write it on one line, e.g. '" + entry.key() + ": some text' (quote it if it has ': ' in it)");
                return Optional.empty();
            }
            default -> {
                String text = ((ScalarNode) value).getValue();
                if (text.isBlank()) {
                    problems.at(
                            value,
                            "'" + entry.key() + "' is blank",
                            "give it a value, or delete the line to use the default");
                    return Optional.empty();
                }
                return Optional.of(text);
            }
        }
    }

    /** {@code true} or {@code false}. */
    Optional<Boolean> flag(Entry entry) {
        Node value = entry.value();
        if (NodeShape.of(value) != NodeShape.BOOLEAN) {
            problems.at(
                    value,
                    "'" + entry.key() + "' must be true or false, not " + NodeShape.describe(value),
                    "write '" + entry.key() + ": true' or '" + entry.key() + ": false'");
            return Optional.empty();
        }
        // YAML 1.1, which SnakeYAML follows, also spells true as yes and on.
        return Optional.of(
                TRUE_SPELLINGS.contains(((ScalarNode) value).getValue().toLowerCase(Locale.ROOT)));
    }

    /** A finite number greater than zero, such as a budget in USD. */
    Optional<Double> positiveAmount(Entry entry) {
        Node value = entry.value();
        String fix = "write a plain number of US dollars without quotes or '$', e.g. '" + entry.key() + ": 5.0'";
        if (NodeShape.of(value) != NodeShape.NUMBER) {
            problems.at(value, "'" + entry.key() + "' must be a number, not " + NodeShape.describe(value), fix);
            return Optional.empty();
        }
        String digits = ((ScalarNode) value).getValue().replace("_", "");
        double amount;
        try {
            amount = Double.parseDouble(digits);
        } catch (NumberFormatException e) {
            problems.at(value, "'" + entry.key() + "' must be a decimal number, not " + NodeShape.describe(value), fix);
            return Optional.empty();
        }
        if (!(amount > 0) || Double.isInfinite(amount)) {
            problems.at(
                    value,
                    "'" + entry.key() + "' must be greater than zero, not " + digits,
                    "give a positive amount, or delete the line for no cap");
            return Optional.empty();
        }
        return Optional.of(amount);
    }

    /** A whole number of at least one, such as a count of sessions. */
    Optional<Integer> positiveCount(Entry entry) {
        Node value = entry.value();
        String fix = "write a whole number without quotes, e.g. '" + entry.key() + ": 4'";
        if (NodeShape.of(value) != NodeShape.NUMBER) {
            problems.at(value, "'" + entry.key() + "' must be a number, not " + NodeShape.describe(value), fix);
            return Optional.empty();
        }
        String digits = ((ScalarNode) value).getValue().replace("_", "");
        int count;
        try {
            count = Integer.parseInt(digits);
        } catch (NumberFormatException e) {
            problems.at(value, "'" + entry.key() + "' must be a whole number, not " + NodeShape.describe(value), fix);
            return Optional.empty();
        }
        if (count < 1) {
            problems.at(
                    value,
                    "'" + entry.key() + "' must be at least 1, not " + digits,
                    "give a positive number, or delete the line for no cap");
            return Optional.empty();
        }
        return Optional.of(count);
    }

    /** A list of non-blank texts; an empty value is an empty list. Bad items are reported one by one and skipped. */
    Optional<List<Text>> textList(Entry entry) {
        Node value = entry.value();
        if (NodeShape.of(value) == NodeShape.EMPTY) {
            return Optional.of(List.of());
        }
        if (!(value instanceof SequenceNode list)) {
            problems.at(
                    value,
                    "'" + entry.key() + "' must be a list of strings, not " + NodeShape.describe(value),
                    "write it as '" + entry.key() + ": [first, second]' or as one '- item' line per entry");
            return Optional.empty();
        }
        List<Text> items = new ArrayList<>();
        for (Node item : list.getValue()) {
            NodeShape shape = NodeShape.of(item);
            if (shape == NodeShape.MAPPING || shape == NodeShape.LIST || shape == NodeShape.EMPTY) {
                problems.at(
                        item,
                        "'" + entry.key() + "' must be a list of strings, but this item is " + NodeShape.describe(item),
                        "write each item as text; quote items that contain ': ' or start with '[' or '{'");
            } else if (((ScalarNode) item).getValue().isBlank()) {
                problems.at(item, "an item of '" + entry.key() + "' is blank", "delete the blank item");
            } else {
                items.add(new Text(((ScalarNode) item).getValue(), item));
            }
        }
        return Optional.of(items);
    }
}
