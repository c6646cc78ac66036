package dev.peersteam.team;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * A YAML mapping as the team file uses it: text keys in file order. Non-text and duplicate keys are reported while it
 * is read and left out, so later checks see each key once.
 */
final class YamlMapping {

    /** One key and its value, with the key's node for locating problems about the key itself. */
    record Entry(String key, ScalarNode keyNode, Node value) {}

    private final List<Entry> entries;

    private YamlMapping(List<Entry> entries) {
        this.entries = List.copyOf(entries);
    }

    /**
     * Reads {@code node} as a mapping; an empty value counts as an empty mapping. When it is something else, reports
     * that {@code what} must be a mapping, with {@code fix}, and returns empty.
     */
    static Optional<YamlMapping> read(Node node, String what, String fix, Problems problems) {
        if (NodeShape.of(node) == NodeShape.EMPTY) {
            return Optional.of(new YamlMapping(List.of()));
        }
        if (!(node instanceof MappingNode mapping)) {
            problems.at(node, what + " must be a mapping of keys to values, not " + NodeShape.describe(node), fix);
            return Optional.empty();
        }
        List<Entry> entries = new ArrayList<>();
        Map<String, ScalarNode> firstSeen = new HashMap<>();
        for (NodeTuple tuple : mapping.getValue()) {
            if (!(tuple.getKeyNode() instanceof ScalarNode keyNode) || NodeShape.of(keyNode) == NodeShape.EMPTY) {
                problems.at(
                        tuple.getKeyNode(),
                        "a key in " + what + " is not a plain name",
                        "write keys as plain words followed by ':', e.g. 'model: sonnet'");
                continue;
            }
            String key = keyNode.getValue();
            ScalarNode earlier = firstSeen.putIfAbsent(key, keyNode);
            if (earlier != null) {
                problems.at(
                        keyNode,
                        "duplicate key '" + key + "' in " + what + " (first at line "
                                + (earlier.getStartMark().getLine() + 1) + ")",
                        "keep one '" + key + "' and delete the other");
                continue;
            }
            entries.add(new Entry(key, keyNode, tuple.getValueNode()));
        }
        return Optional.of(new YamlMapping(entries));
    }

    /** This mapping without the keys {@code known} does not allow, each of which is reported. */
    YamlMapping onlyKnown(KnownKeys known, String where, Problems problems) {
        List<Entry> kept = new ArrayList<>();
        for (Entry entry : entries) {
            if (known.contains(entry.key())) {
                kept.add(entry);
            } else {
                problems.at(
                        entry.keyNode(), "unknown key '" + entry.key() + "' in " + where, known.fixFor(entry.key()));
            }
        }
        return new YamlMapping(kept);
    }

    Optional<Entry> get(String key) {
        return entries.stream().filter(entry -> entry.key().equals(key)).findFirst();
    }

    List<Entry> entries() {
        return entries;
    }

    boolean isEmpty() {
        return entries.isEmpty();
    }
}
