package dev.peersteam.team;

import dev.peersteam.team.ValueReader.Text;
import dev.peersteam.team.YamlMapping.Entry;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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

    private static final ReferencedFile.Kind SIM_SCRIPT = new ReferencedFile.Kind(
            "sim_script",
            "give the behaviour script of the simulated agent; relative paths start at the team file's directory",
            "sim/script.yaml");

    private final Problems problems;
    private final ValueReader values;
    /** Reads the files settings name; null where paths are not allowed (an agent file's front matter). */
    private final ReferencedFile files;

    RoleSettingsReader(Problems problems) {
        this(problems, null);
    }

    RoleSettingsReader(Problems problems, ReferencedFile files) {
        this.problems = problems;
        this.values = new ValueReader(problems);
        this.files = files;
    }

    RoleSettings read(YamlMapping mapping) {
        Map<String, Node> writtenAt = new HashMap<>();
        return new RoleSettings(
                noted(mapping, "agent", this::agent, writtenAt),
                noted(mapping, "model", values::text, writtenAt),
                noted(mapping, "permission_mode", this::permissionMode, writtenAt),
                noted(mapping, "allowed_tools", this::allowedTools, writtenAt),
                noted(mapping, "command", this::command, writtenAt),
                noted(mapping, "budget_usd", values::positiveAmount, writtenAt),
                noted(mapping, "sim_script", this::simScript, writtenAt),
                noted(mapping, "sandbox", values::flag, writtenAt),
                noted(mapping, "host", this::host, writtenAt),
                noted(mapping, "remote_dir", this::remoteDir, writtenAt),
                writtenAt);
    }

    /** The value of {@code key}, read by {@code reader}; where the key is written goes into {@code writtenAt}. */
    private static <T> T noted(
            YamlMapping mapping,
            String key,
            java.util.function.Function<Entry, Optional<T>> reader,
            Map<String, Node> writtenAt) {
        Optional<Entry> entry = mapping.get(key);
        entry.ifPresent(written -> writtenAt.put(key, written.value()));
        return entry.flatMap(reader).orElse(null);
    }

    /**
     * The behaviour script of {@code agent: sim}: a regular file of plain text inside the repository, relative to the
     * team file. Whether it is a valid script is for the start checks, which know the simulated agent.
     */
    private Optional<Path> simScript(Entry entry) {
        if (files == null) {
            values.text(entry)
                    .ifPresent(written ->
                            problems.at(entry.value(), "sim_script cannot be set here", "set it in the team file"));
            return Optional.empty();
        }
        return files.read(entry, SIM_SCRIPT, "behaviour script (sim_script)").map(ReferencedFile.Read::path);
    }

    /** An SSH destination: the role runs there (see {@link RemoteHost}). */
    private Optional<String> host(Entry entry) {
        return values.text(entry).filter(host -> {
            if (RemoteHost.DESTINATION.matcher(host).matches()) {
                return true;
            }
            problems.at(
                    entry.value(),
                    "'" + host + "' is not an SSH destination peers-team accepts",
                    "give a host alias of your ssh config, user@host or ssh://user@host:port (letters, digits and"
                            + " . _ - @ : / only, not starting with '-')");
            return false;
        });
    }

    /** The absolute folder on the role's host that holds its worktree. */
    private Optional<String> remoteDir(Entry entry) {
        return values.text(entry).filter(dir -> {
            if (RemoteHost.DIR.matcher(dir).matches()
                    && !java.util.Arrays.asList(dir.split("/")).contains("..")) {
                return true;
            }
            problems.at(
                    entry.value(),
                    "remote_dir '" + dir + "' is not an absolute folder of plain characters",
                    "give an absolute path on the host without '..', spaces or quotes, e.g. /home/me/peers");
            return false;
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
