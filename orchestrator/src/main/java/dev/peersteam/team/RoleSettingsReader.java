package dev.peersteam.team;

import dev.peersteam.team.ValueReader.Text;
import dev.peersteam.team.YamlMapping.Entry;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.SequenceNode;

/** Reads and checks the settings that a role and {@code defaults:} share. */
final class RoleSettingsReader {

    /**
     * A Claude Code permission rule: a tool name, optionally with a pattern, as in {@code Bash(npm test:*)}. MCP tool
     * names ({@code mcp__server__tool}) fit the name part; their server part may also contain '-', as Claude Code keeps
     * it in server names.
     */
    private static final Pattern TOOL_RULE =
            Pattern.compile("(?:[A-Za-z][A-Za-z0-9_]*|mcp__[A-Za-z0-9_-]+)(?:\\([^\\n]+\\))?");

    private final Problems problems;
    private final ValueReader values;
    /** Where relative paths start; null where paths are not allowed (an agent file's front matter). */
    private final java.nio.file.Path teamDir;

    RoleSettingsReader(Problems problems) {
        this(problems, null);
    }

    RoleSettingsReader(Problems problems, java.nio.file.Path teamDir) {
        this.problems = problems;
        this.values = new ValueReader(problems);
        this.teamDir = teamDir;
    }

    RoleSettings read(YamlMapping mapping) {
        return new RoleSettings(
                mapping.get("agent").flatMap(this::agent).orElse(null),
                mapping.get("model").flatMap(values::text).orElse(null),
                mapping.get("permission_mode").flatMap(this::permissionMode).orElse(null),
                mapping.get("allowed_tools").flatMap(this::allowedTools).orElse(null),
                mapping.get("command").flatMap(this::command).orElse(null),
                mapping.get("budget_usd").flatMap(values::positiveAmount).orElse(null),
                mapping.get("sim_script").flatMap(this::simScript).orElse(null),
                mapping.get("sandbox").flatMap(values::flag).orElse(null));
    }

    /** The behaviour script of {@code agent: sim}: a file that must exist; relative to the team file. */
    private Optional<java.nio.file.Path> simScript(Entry entry) {
        return values.text(entry).flatMap(written -> {
            if (teamDir == null) {
                problems.at(entry.value(), "sim_script cannot be set here", "set it in the team file");
                return Optional.empty();
            }
            java.nio.file.Path path = teamDir.resolve(written).normalize();
            if (!java.nio.file.Files.isRegularFile(path)) {
                problems.at(
                        entry.value(),
                        "sim_script not found: " + path,
                        "give the behaviour script of the simulated agent; relative paths start at " + teamDir);
                return Optional.empty();
            }
            return Optional.of(path);
        });
    }

    private Optional<AgentKind> agent(Entry entry) {
        return values.text(entry).flatMap(name -> {
            Optional<AgentKind> kind = AgentKind.fromYaml(name);
            if (kind.isEmpty()) {
                problems.at(
                        entry.value(),
                        "unknown agent '" + name + "'",
                        "use one of: " + String.join(", ", AgentKind.yamlNames()));
            }
            return kind;
        });
    }

    Optional<String> permissionMode(Entry entry) {
        return values.text(entry).filter(mode -> {
            if (RoleSpec.PERMISSION_MODES.contains(mode)) {
                return true;
            }
            String sameButCase = RoleSpec.PERMISSION_MODES.stream()
                    .filter(valid -> valid.equalsIgnoreCase(mode))
                    .findFirst()
                    .map(valid -> "did you mean '" + valid + "'? ")
                    .orElse("");
            problems.at(
                    entry.value(),
                    "unknown " + entry.key() + " '" + mode + "'",
                    sameButCase + "use one of: " + String.join(", ", RoleSpec.PERMISSION_MODES));
            return false;
        });
    }

    private Optional<List<String>> allowedTools(Entry entry) {
        return values.textList(entry).map(rules -> toolRules(entry.key(), rules));
    }

    /** The rules that are well-formed tool rules; each other one is reported as an entry of {@code key}. */
    List<String> toolRules(String key, List<Text> rules) {
        return rules.stream()
                .filter(rule -> {
                    if (TOOL_RULE.matcher(rule.value()).matches()) {
                        return true;
                    }
                    problems.at(
                            rule.node(),
                            key + " entry '" + rule.value() + "' is not a tool rule",
                            "write a tool name such as 'Read' or 'mcp__server__tool', optionally with a pattern in"
                                    + " parentheses, e.g. 'Bash(npm test:*)'");
                    return false;
                })
                .map(Text::value)
                .toList();
    }

    /** Either one string, split on whitespace, or a list of the program and its arguments. */
    private Optional<List<String>> command(Entry entry) {
        Node value = entry.value();
        if (value instanceof SequenceNode list) {
            if (list.getValue().isEmpty()) {
                problems.at(
                        value,
                        "'command' is an empty list",
                        "give the program and its arguments, e.g. command: [claude, --verbose], or delete the line"
                                + " to run claude from PATH");
                return Optional.empty();
            }
            return values.textList(entry)
                    .map(words -> words.stream().map(Text::value).toList());
        }
        return values.text(entry).map(line -> List.of(line.trim().split("\\s+")));
    }
}
