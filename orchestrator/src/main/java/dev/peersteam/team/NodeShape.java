package dev.peersteam.team;

import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/** What a YAML value turned out to be, in the words error messages use. */
enum NodeShape {
    MAPPING,
    LIST,
    EMPTY,
    BOOLEAN,
    NUMBER,
    TEXT;

    static NodeShape of(Node node) {
        return switch (node) {
            case MappingNode mapping -> MAPPING;
            case SequenceNode list -> LIST;
            case ScalarNode scalar when scalar.getTag().equals(Tag.NULL) -> EMPTY;
            case ScalarNode scalar when scalar.getTag().equals(Tag.BOOL) -> BOOLEAN;
            case ScalarNode scalar
            when scalar.getTag().equals(Tag.INT) || scalar.getTag().equals(Tag.FLOAT) -> NUMBER;
            default -> TEXT;
        };
    }

    /** For example "a list", "empty", "the number 5", "the text 'maybe'". */
    static String describe(Node node) {
        return switch (of(node)) {
            case MAPPING -> "a mapping";
            case LIST -> "a list";
            case EMPTY -> "empty";
            case BOOLEAN -> ((ScalarNode) node).getValue();
            case NUMBER -> "the number " + ((ScalarNode) node).getValue();
            case TEXT -> "the text '" + ((ScalarNode) node).getValue() + "'";
        };
    }
}
