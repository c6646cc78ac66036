package dev.peersteam.agent.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.peersteam.agent.sim.BehaviourScript.RoleScript;
import dev.peersteam.untrusted.BoundedFile;
import dev.peersteam.untrusted.InputRejected;
import dev.peersteam.untrusted.SafeYaml;
import dev.peersteam.untrusted.StrictText;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Reads a behaviour script (format: see the {@linkplain dev.peersteam.agent.sim package documentation}). It walks
 * SnakeYAML's node tree rather than loading maps so that every problem is reported with its line and column, and
 * it stops at the first problem: scripts are small and written by hand.
 */
public final class ScriptLoader {
    private static final Set<String> TOP_KEYS = Set.of("cost_per_turn", "faults", "roles");
    private static final Set<String> ROLE_KEYS = Set.of("cost_per_turn", "faults", "rules");
    private static final Set<String> RULE_KEYS = Set.of("on", "from", "contains", "once", "do");
    private static final Set<String> FAULT_KEYS =
            Set.of("crash_after_turns", "garbage_every", "slow_ms", "huge_line_bytes", "exit_on_start");
    private static final List<String> STEPS =
            List.of("say", "send", "tool", "write", "bash", "commit", "sleep", "cost");

    private final String source;

    private ScriptLoader(String source) {
        this.source = source;
    }

    /**
     * Reads a script file. Scripts come with repositories like team files do, so only a regular file of at most
     * {@value #LIMIT} bytes of plain UTF-8 is read (never a FIFO or a device), and its YAML is composed under limits.
     */
    public static BehaviourScript load(Path file) throws ScriptException {
        String text;
        try {
            text = StrictText.utf8(BoundedFile.read(file, LIMIT));
        } catch (BoundedFile.Refused e) {
            throw new ScriptException(
                    file.toString(),
                    0,
                    0,
                    "cannot read the behaviour script: it " + e.refusal().describe());
        } catch (InputRejected e) {
            throw new ScriptException(file.toString(), e.line(), e.column(), e.problem());
        }
        return parse(text, file.toString());
    }

    /** Parses script text; {@code source} names it in messages. */
    public static BehaviourScript parse(String yaml, String source) throws ScriptException {
        Node root;
        try {
            root = SafeYaml.compose(yaml, "YAML syntax error", false);
        } catch (InputRejected e) {
            throw new ScriptException(source, e.line(), e.column(), e.problem());
        }
        return new ScriptLoader(source).script(root);
    }

    /** The largest script read, in bytes. */
    public static final int LIMIT = 1024 * 1024;

    private BehaviourScript script(Node root) throws ScriptException {
        if (root == null) {
            return BehaviourScript.EMPTY;
        }
        Map<String, Node> top = mapping(root, "the script", TOP_KEYS);
        Map<String, RoleScript> roles = new LinkedHashMap<>();
        if (top.containsKey("roles")) {
            for (Map.Entry<String, Node> role :
                    mapping(top.get("roles"), "'roles'", null).entrySet()) {
                roles.put(role.getKey(), role(role.getKey(), role.getValue()));
            }
        }
        return new BehaviourScript(
                decimal(top.get("cost_per_turn"), "cost_per_turn"), faults(top.get("faults")), roles);
    }

    private RoleScript role(String name, Node node) throws ScriptException {
        Map<String, Node> keys = mapping(node, "role '" + name + "'", ROLE_KEYS);
        List<Rule> rules = new ArrayList<>();
        if (keys.containsKey("rules")) {
            for (Node rule : sequence(keys.get("rules"), "the rules of role '" + name + "'")) {
                rules.add(rule(rule));
            }
        }
        return new RoleScript(decimal(keys.get("cost_per_turn"), "cost_per_turn"), faults(keys.get("faults")), rules);
    }

    private Rule rule(Node node) throws ScriptException {
        Map<String, Node> keys = mapping(node, "a rule", RULE_KEYS);
        Node on = required(keys, "on", node, "a rule");
        Rule.Trigger trigger = null;
        String triggerName = text(on, "on");
        for (Rule.Trigger candidate : Rule.Trigger.values()) {
            if (candidate.yamlName().equals(triggerName)) {
                trigger = candidate;
            }
        }
        if (trigger == null) {
            throw problem(on, "unknown trigger '" + triggerName + "': use start, message or task");
        }
        List<Step> steps = new ArrayList<>();
        for (Node step : sequence(required(keys, "do", node, "a rule"), "'do'")) {
            steps.add(step(step));
        }
        boolean once = keys.containsKey("once") && bool(keys.get("once"), "once");
        return new Rule(
                trigger,
                optionalText(keys.get("from"), "from"),
                optionalText(keys.get("contains"), "contains"),
                once,
                steps);
    }

    private Step step(Node node) throws ScriptException {
        Map<String, Node> keys = mapping(node, "a step", null);
        if (keys.size() != 1) {
            throw problem(node, "a step is one key, e.g. 'say: hello'; known steps: " + String.join(", ", STEPS));
        }
        Map.Entry<String, Node> only = keys.entrySet().iterator().next();
        Node value = only.getValue();
        return switch (only.getKey()) {
            case "say" -> new Step.Say(text(value, "say"));
            case "bash" -> new Step.Bash(text(value, "bash"));
            case "commit" -> new Step.Commit(text(value, "commit"));
            case "sleep" ->
                value instanceof MappingNode ? sleepFromText(value) : new Step.Sleep(integer(value, "sleep"));
            case "cost" -> new Step.Cost(decimal(value, "cost"));
            case "send" -> {
                Map<String, Node> send = mapping(value, "'send'", Set.of("to", "text"));
                yield new Step.Send(
                        text(required(send, "to", value, "'send'"), "to"),
                        text(required(send, "text", value, "'send'"), "text"));
            }
            case "tool" -> {
                Map<String, Node> tool = mapping(value, "'tool'", Set.of("name", "input"));
                String name = text(required(tool, "name", value, "'tool'"), "name");
                JsonNode input =
                        tool.containsKey("input") ? json(tool.get("input")) : JsonNodeFactory.instance.objectNode();
                if (!input.isObject()) {
                    throw problem(tool.get("input"), "the input of a tool is a mapping of argument names to values");
                }
                yield new Step.Tool(name, input);
            }
            case "write" -> {
                Map<String, Node> write = mapping(value, "'write'", Set.of("path", "content"));
                yield new Step.Write(
                        text(required(write, "path", value, "'write'"), "path"),
                        write.containsKey("content") ? text(write.get("content"), "content") : "");
            }
            default ->
                throw problem(node, "unknown step '" + only.getKey() + "'; known steps: " + String.join(", ", STEPS));
        };
    }

    /** {@code sleep: {from_text: REGEX, default: MILLIS}}: the regex must compile and have a group for the number. */
    private Step sleepFromText(Node value) throws ScriptException {
        Map<String, Node> sleep = mapping(value, "'sleep'", Set.of("from_text", "default"));
        Node regexNode = required(sleep, "from_text", value, "'sleep'");
        String regex = text(regexNode, "from_text");
        Pattern pattern;
        try {
            pattern = Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            throw problem(regexNode, "'from_text' is not a valid regular expression: " + e.getDescription());
        }
        if (pattern.matcher("").groupCount() < 1) {
            throw problem(
                    regexNode, "'from_text' needs a group around the number of milliseconds, e.g. 'takes (\\d+) ms'");
        }
        long fallback = sleep.containsKey("default") ? integer(sleep.get("default"), "default") : 0;
        return new Step.SleepFromText(pattern, fallback);
    }

    private Faults faults(Node node) throws ScriptException {
        if (node == null) {
            return Faults.NONE;
        }
        Map<String, Node> keys = mapping(node, "'faults'", FAULT_KEYS);
        return new Faults(
                optionalInt(keys.get("crash_after_turns"), "crash_after_turns"),
                optionalInt(keys.get("garbage_every"), "garbage_every"),
                optionalInt(keys.get("slow_ms"), "slow_ms"),
                optionalInt(keys.get("huge_line_bytes"), "huge_line_bytes"),
                optionalInt(keys.get("exit_on_start"), "exit_on_start"));
    }

    /** A mapping's entries in file order; {@code allowed} null means any key. */
    private Map<String, Node> mapping(Node node, String what, Set<String> allowed) throws ScriptException {
        if (!(node instanceof MappingNode mapping)) {
            throw problem(node, what + " must be a mapping (key: value lines)");
        }
        Map<String, Node> entries = new LinkedHashMap<>();
        for (NodeTuple tuple : mapping.getValue()) {
            if (!(tuple.getKeyNode() instanceof ScalarNode key)) {
                throw problem(tuple.getKeyNode(), "keys in " + what + " must be plain words");
            }
            if (allowed != null && !allowed.contains(key.getValue())) {
                throw problem(
                        key,
                        "unknown key '" + key.getValue() + "' in " + what + "; known: "
                                + String.join(", ", allowed.stream().sorted().toList()));
            }
            if (entries.put(key.getValue(), tuple.getValueNode()) != null) {
                throw problem(key, "duplicate key '" + key.getValue() + "' in " + what);
            }
        }
        return entries;
    }

    private List<Node> sequence(Node node, String what) throws ScriptException {
        if (!(node instanceof SequenceNode sequence)) {
            throw problem(node, what + " must be a list ('- ' lines)");
        }
        return sequence.getValue();
    }

    private Node required(Map<String, Node> keys, String key, Node parent, String what) throws ScriptException {
        Node value = keys.get(key);
        if (value == null) {
            throw problem(parent, what + " needs '" + key + "'");
        }
        return value;
    }

    private String text(Node node, String what) throws ScriptException {
        if (!(node instanceof ScalarNode scalar) || scalar.getTag().equals(Tag.NULL)) {
            throw problem(node, "'" + what + "' must be a text value");
        }
        return scalar.getValue();
    }

    private String optionalText(Node node, String what) throws ScriptException {
        return node == null ? null : text(node, what);
    }

    private long integer(Node node, String what) throws ScriptException {
        String value = text(node, what);
        try {
            long parsed = Long.parseLong(value.strip().replace("_", ""));
            if (parsed < 0) {
                throw problem(node, "'" + what + "' must not be negative");
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw problem(node, "'" + what + "' must be a whole number, not '" + value + "'");
        }
    }

    private Integer optionalInt(Node node, String what) throws ScriptException {
        if (node == null) {
            return null;
        }
        long value = integer(node, what);
        if (value > Integer.MAX_VALUE) {
            throw problem(node, "'" + what + "' is too large");
        }
        return (int) value;
    }

    private BigDecimal decimal(Node node, String what) throws ScriptException {
        if (node == null) {
            return null;
        }
        String value = text(node, what);
        try {
            BigDecimal parsed = new BigDecimal(value.strip());
            if (parsed.signum() < 0) {
                throw problem(node, "'" + what + "' must not be negative");
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw problem(node, "'" + what + "' must be a number of US dollars, not '" + value + "'");
        }
    }

    private boolean bool(Node node, String what) throws ScriptException {
        return switch (text(node, what).toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on" -> true;
            case "false", "no", "off" -> false;
            default -> throw problem(node, "'" + what + "' must be true or false");
        };
    }

    /** A YAML subtree as JSON, with YAML's implicit types (numbers, booleans, null) kept. */
    private JsonNode json(Node node) throws ScriptException {
        JsonNodeFactory factory = JsonNodeFactory.instance;
        return switch (node) {
            case MappingNode mapping -> {
                ObjectNode object = factory.objectNode();
                for (Map.Entry<String, Node> entry :
                        mapping(mapping, "a tool input", null).entrySet()) {
                    object.set(entry.getKey(), json(entry.getValue()));
                }
                yield object;
            }
            case SequenceNode sequence -> {
                ArrayNode array = factory.arrayNode();
                for (Node item : sequence.getValue()) {
                    array.add(json(item));
                }
                yield array;
            }
            case ScalarNode scalar -> scalar(scalar);
            default -> throw problem(node, "anchors and other YAML features are not supported in a tool input");
        };
    }

    private static JsonNode scalar(ScalarNode scalar) {
        JsonNodeFactory factory = JsonNodeFactory.instance;
        String value = scalar.getValue();
        Tag tag = scalar.getTag();
        try {
            if (tag.equals(Tag.NULL)) {
                return factory.nullNode();
            }
            if (tag.equals(Tag.INT)) {
                return factory.numberNode(Long.parseLong(value.replace("_", "")));
            }
            if (tag.equals(Tag.FLOAT)) {
                return factory.numberNode(new BigDecimal(value.replace("_", "")));
            }
            if (tag.equals(Tag.BOOL)) {
                return factory.booleanNode(Set.of("true", "yes", "on", "y").contains(value.toLowerCase(Locale.ROOT)));
            }
        } catch (NumberFormatException e) {
            // YAML 1.1 numbers such as 0x1F or 1:30: keep the text as written
        }
        return factory.textNode(value);
    }

    private ScriptException problem(Node node, String message) {
        Mark mark = node.getStartMark();
        return mark == null
                ? new ScriptException(source, 0, 0, message)
                : new ScriptException(source, mark.getLine() + 1, mark.getColumn() + 1, message);
    }
}
