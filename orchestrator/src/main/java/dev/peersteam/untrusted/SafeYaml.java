package dev.peersteam.untrusted;

import java.io.StringReader;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.events.AliasEvent;
import org.yaml.snakeyaml.events.CollectionEndEvent;
import org.yaml.snakeyaml.events.CollectionStartEvent;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.events.ScalarEvent;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Composes YAML someone else wrote into SnakeYAML nodes (which keep their line and column), refusing what could hurt
 * the reader: control and bidi characters, more than {@value #MAX_ALIASES} aliases of lists or mappings (a "billion
 * laughs" file multiplies a few lines into billions of entries for whoever walks the tree), an alias inside the very
 * list or mapping it names (a walk that never ends), and nesting deeper than {@value #MAX_DEPTH} levels.
 *
 * <p>SnakeYAML enforces the same limits but says neither where nor why; so the events are scanned first, and the
 * first alias or level too many is reported at its own line. SnakeYAML's limits stay on behind that scan.
 */
public final class SafeYaml {
    /** SnakeYAML's own default: hand-written files use a few. */
    public static final int MAX_ALIASES = 50;

    /** Team files and scripts need fewer than ten levels. */
    public static final int MAX_DEPTH = 50;

    private SafeYaml() {}

    /**
     * The one document in {@code text}, or null when it holds none (only comments, say).
     *
     * @param syntaxLabel  how syntax errors start, e.g. "YAML syntax error" or "YAML syntax error in the front matter"
     * @param plainScalars whether values must be plain text too: a quoted value can spell any control character as an
     *                     escape ({@code "\u001b[2J"}), which the file's own characters cannot
     * @throws InputRejected with the line and column of the first problem
     */
    public static Node compose(String text, String syntaxLabel, boolean plainScalars) throws InputRejected {
        StrictText.requirePlain(text);
        try {
            scan(text);
            Node root = new Yaml(options(text)).compose(new StringReader(text));
            if (root != null && plainScalars) {
                requirePlainScalars(root);
            }
            return root;
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            String message =
                    syntaxLabel + ": " + e.getProblem() + (e.getContext() != null ? " (" + e.getContext() + ")" : "");
            if (mark == null) {
                throw InputRejected.wholeFile(message + " (the YAML parser gives no line for it)", syntaxFix(message));
            }
            throw at(mark, message, syntaxFix(message));
        } catch (YAMLException e) {
            // A limit the scan did not catch first: SnakeYAML knows no place for these.
            throw InputRejected.wholeFile(
                    syntaxLabel + ": " + e.getMessage() + " (the YAML parser gives no line for it)",
                    "keep the file small and simple: a few levels of keys, few anchors and aliases");
        }
    }

    /** The usual causes of the usual SnakeYAML complaints. */
    public static String syntaxFix(String message) {
        if (message.contains("(TAB)") || message.contains("'\\t'")) {
            return "indent with spaces: YAML does not allow tabs for indentation";
        }
        if (message.contains("mapping values are not allowed")) {
            return "put quotes around a value that contains ': ', or check the indentation of this line";
        }
        if (message.contains("expected a single document")) {
            return "the file holds one YAML document: remove the extra '---'";
        }
        if (message.contains("found undefined alias")) {
            return "define the anchor ('&name') before the alias ('*name') that uses it, or write the value out";
        }
        return "check the indentation and quoting on this line and the line before it";
    }

    private static LoaderOptions options(String text) {
        LoaderOptions options = new LoaderOptions();
        options.setMaxAliasesForCollections(MAX_ALIASES);
        options.setNestingDepthLimit(MAX_DEPTH + 2); // SnakeYAML counts scalars as a level too
        options.setCodePointLimit(Math.max(text.length() + 1, 1024));
        options.setAllowRecursiveKeys(false);
        return options;
    }

    /** Walks the events (no tree is built, no alias expanded) and stops at the first alias or level too many. */
    private static void scan(String text) throws InputRejected {
        Map<String, Boolean> anchorNamesCollection = new HashMap<>();
        Deque<String> open = new ArrayDeque<>(); // the anchor of each open list or mapping, "" for none
        int aliases = 0;
        for (Event event : new Yaml(options(text)).parse(new StringReader(text))) {
            switch (event) {
                case CollectionStartEvent start -> {
                    if (open.size() == MAX_DEPTH) {
                        throw at(
                                start.getStartMark(),
                                "lists and mappings are nested more than " + MAX_DEPTH + " levels deep here",
                                "flatten the file: it needs a few levels of keys, not " + MAX_DEPTH);
                    }
                    String anchor = start.getAnchor();
                    open.push(anchor == null ? "" : anchor);
                    if (anchor != null) {
                        anchorNamesCollection.put(anchor, true);
                    }
                }
                case CollectionEndEvent end -> open.pop();
                case ScalarEvent scalar -> {
                    if (scalar.getAnchor() != null) {
                        anchorNamesCollection.put(scalar.getAnchor(), false);
                    }
                }
                case AliasEvent alias -> {
                    String anchor = alias.getAnchor();
                    if (open.contains(anchor)) {
                        throw at(
                                alias.getStartMark(),
                                "alias '*" + anchor + "' stands inside the list or mapping '&" + anchor
                                        + "' it names, which would make it endless",
                                "write the value out instead of the alias");
                    }
                    if (Boolean.TRUE.equals(anchorNamesCollection.get(anchor)) && ++aliases > MAX_ALIASES) {
                        throw at(
                                alias.getStartMark(),
                                "more than " + MAX_ALIASES + " aliases of lists or mappings (this is one too many):"
                                        + " nested aliases multiply into billions of entries (a 'billion laughs'"
                                        + " file)",
                                "write the values out; a hand-written file needs only a few aliases");
                    }
                }
                default -> {}
            }
        }
    }

    /** Every scalar, keys too, must be plain text; each node is looked at once, however many aliases name it. */
    private static void requirePlainScalars(Node root) throws InputRejected {
        Set<Node> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        Deque<Node> todo = new ArrayDeque<>();
        todo.push(root);
        while (!todo.isEmpty()) {
            Node node = todo.pop();
            if (!seen.add(node)) {
                continue;
            }
            switch (node) {
                case ScalarNode scalar -> requirePlain(scalar);
                case SequenceNode sequence -> sequence.getValue().forEach(todo::push);
                case MappingNode mapping -> {
                    for (NodeTuple tuple : mapping.getValue()) {
                        todo.push(tuple.getValueNode());
                        todo.push(tuple.getKeyNode());
                    }
                }
                default -> {}
            }
        }
    }

    private static void requirePlain(ScalarNode scalar) throws InputRejected {
        String value = scalar.getValue();
        for (int i = 0; i < value.length(); ) {
            int codePoint = value.codePointAt(i);
            Optional<StrictText.Objection> objection = StrictText.whyNotPlain(codePoint);
            if (objection.isPresent()) {
                throw at(
                        scalar.getStartMark(),
                        "this value holds " + objection.get().character() + ", written as an escape; it is not allowed",
                        objection.get().fix());
            }
            i += Character.charCount(codePoint);
        }
    }

    private static InputRejected at(Mark mark, String problem, String fix) {
        return new InputRejected(mark.getLine() + 1, mark.getColumn() + 1, problem, fix);
    }
}
