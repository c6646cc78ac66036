package dev.peersteam.team;

import dev.peersteam.team.ValueReader.Text;
import dev.peersteam.team.YamlMapping.Entry;
import dev.peersteam.untrusted.InputRejected;
import dev.peersteam.untrusted.SafeYaml;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads a Claude Code agent file ({@code .claude/agents/NAME.md}) named by a role's {@code agent_file}: a Markdown
 * file that starts with a YAML front matter block between two {@code ---} lines, followed by the prompt.
 *
 * <pre>
 * ---
 * name: reviewer
 * description: Reviews each change for correctness and security.
 * tools: Read, Grep, Glob, Bash(git diff:*)
 * model: opus
 * ---
 * You review the team's changes ...
 * </pre>
 *
 * <p>The front matter gives the role's {@code description}, its {@code allowed_tools} ({@code tools}, a
 * comma-separated text or a list), its {@code model} ({@code inherit} means no model of its own) and its
 * {@code permission_mode} ({@code permissionMode}); the body is the role's prompt. Problems inside the agent file are
 * located in the agent file, by its own line numbers, and name the role that refers to it.
 */
final class AgentFileReader {

    /**
     * An agent file, read and checked.
     *
     * @param path        its absolute, normalized path
     * @param description the front matter's {@code description}; null when it has none
     * @param settings    the role settings its front matter gives (unset ones null)
     * @param body        the prompt: everything after the front matter
     */
    record AgentFile(Path path, String description, RoleSettings settings, String body) {}

    /** Claude Code fields that mean something in Claude Code's own subagents but that a team role cannot honour. */
    private static final Map<String, String> NOT_FOR_ROLES = Map.ofEntries(
            Map.entry(
                    "disallowedTools",
                    "a role only gets the tools its 'tools' (or the team file's allowed_tools)"
                            + " lists: leave these out of it and delete 'disallowedTools'"),
            Map.entry(
                    "maxTurns",
                    "a role runs for as long as the team does; cap its cost with 'budget_usd' in the"
                            + " team file instead, and delete 'maxTurns'"),
            Map.entry(
                    "skills",
                    "skills are not preloaded into team roles; delete 'skills' and name what the role"
                            + " needs in the body"),
            Map.entry("mcpServers", "team roles get the team's own tools only; delete 'mcpServers'"),
            Map.entry(
                    "hooks",
                    "hooks of subagents do not run for team roles; put hooks in the project's"
                            + " .claude/settings.json and delete 'hooks'"),
            Map.entry("memory", "team roles keep no subagent memory; delete 'memory'"),
            Map.entry("background", "every team role runs in the background already; delete 'background'"),
            Map.entry("isolation", "every team role already works in its own git worktree; delete 'isolation'"),
            Map.entry("effort", "set the model in the front matter or the team file, and delete 'effort'"),
            Map.entry("disabled", "leave the role out of the team file instead, and delete 'disabled'"));

    /** The front matter fields a role uses, plus {@code name} (checked, not used) and {@code color} (cosmetic). */
    static final KnownKeys FRONT_MATTER = new KnownKeys(
            List.of("name", "description", "tools", "model", "permissionMode", "color"),
            NOT_FOR_ROLES.entrySet().stream()
                    .collect(Collectors.toUnmodifiableMap(
                            Map.Entry::getKey,
                            entry -> "'" + entry.getKey()
                                    + "' is a Claude Code subagent field that peers-team cannot apply"
                                    + " to a team role: " + entry.getValue())));

    private static final ReferencedFile.Kind AGENT_FILE = new ReferencedFile.Kind(
            "agent file",
            "create the file (Claude Code's /agents command writes them to .claude/agents/), or correct the path;"
                    + " relative paths start at the team file's directory",
            ".claude/agents/reviewer.md");

    private final ReferencedFile files;
    private final Problems problems;

    AgentFileReader(ReferencedFile files, Problems problems) {
        this.files = files;
        this.problems = problems;
    }

    /**
     * Reads the agent file that {@code entry} (a role's {@code agent_file}) names. A file that cannot be found or read
     * is reported in the team file; problems inside it are reported in the agent file.
     */
    Optional<AgentFile> read(String roleName, Entry entry) {
        String whose = "agent file of role '" + roleName + "'";
        return files.read(entry, AGENT_FILE, whose)
                .flatMap(
                        read -> parse(read.path(), read.text(), problems.in(read.path(), files.namedAt(whose, entry))));
    }

    /** Splits front matter from body and reads the front matter; {@code inFile} locates problems in the agent file. */
    static Optional<AgentFile> parse(Path path, String text, Problems inFile) {
        List<String> lines = text.lines().toList();
        if (lines.isEmpty() || !lines.getFirst().strip().equals("---")) {
            // No front matter: the whole file is the prompt, as with prompt_file.
            return Optional.of(new AgentFile(path, null, RoleSettings.NONE, text));
        }
        int close = -1;
        for (int i = 1; i < lines.size(); i++) {
            String line = lines.get(i).stripTrailing();
            if (line.equals("---") || line.equals("...")) {
                close = i;
                break;
            }
        }
        if (close < 0) {
            inFile.atLine(
                    1,
                    1,
                    "the front matter that starts on line 1 is not closed",
                    "end the front matter with a line holding only '---', then write the prompt below it");
            return Optional.empty();
        }
        // One empty line stands in for the opening '---', so SnakeYAML's line numbers are the file's line numbers.
        String frontMatter = "\n" + String.join("\n", lines.subList(1, close));
        String rest = String.join("\n", lines.subList(close + 1, lines.size())).replaceFirst("^(\\s*\\n)+", "");
        String body = !rest.isEmpty() && text.endsWith("\n") ? rest + "\n" : rest;
        return readFrontMatter(frontMatter, inFile)
                .map(front -> new AgentFile(path, front.description(), front.settings(), body));
    }

    private record FrontMatter(String description, RoleSettings settings) {}

    private static final String SYNTAX_ERROR = "YAML syntax error in the front matter";

    private static Optional<FrontMatter> readFrontMatter(String yaml, Problems inFile) {
        Node root;
        try {
            root = SafeYaml.compose(yaml, SYNTAX_ERROR, true);
        } catch (InputRejected e) {
            String fix = e.problem().startsWith(SYNTAX_ERROR) && !e.fix().contains("tabs")
                    ? "check the indentation and quoting on this line; quote values that contain ': ' or start with"
                            + " '[', '{', '*' or '&'"
                    : e.fix();
            if (e.line() > 0) {
                inFile.atLine(e.line(), e.column(), e.problem(), fix);
            } else {
                inFile.atLine(1, 1, e.problem(), fix);
            }
            return Optional.empty();
        }
        if (root == null) {
            return Optional.of(new FrontMatter(null, RoleSettings.NONE));
        }
        String where = "the front matter";
        Optional<YamlMapping> read = YamlMapping.read(
                root,
                where,
                "write 'name:', 'description:', 'tools:' and 'model:' lines between the two '---' lines",
                inFile);
        if (read.isEmpty()) {
            return Optional.empty();
        }
        YamlMapping fields = read.get().onlyKnown(FRONT_MATTER, where, inFile);
        ValueReader values = new ValueReader(inFile);
        RoleSettingsReader settings = new RoleSettingsReader(inFile);
        fields.get("name").ifPresent(values::text);
        fields.get("color").ifPresent(values::text);
        String description = fields.get("description")
                .flatMap(values::text)
                .map(String::strip)
                .orElse(null);
        String model = fields.get("model")
                .flatMap(values::text)
                .filter(name -> !name.strip().toLowerCase(Locale.ROOT).equals("inherit"))
                .orElse(null);
        String permissionMode =
                fields.get("permissionMode").flatMap(settings::permissionMode).orElse(null);
        List<String> tools = fields.get("tools")
                .flatMap(entry -> tools(entry, values, inFile))
                .map(rules -> settings.toolRules("tools", rules))
                .orElse(null);
        return Optional.of(new FrontMatter(
                description,
                new RoleSettings(null, model, permissionMode, tools, null, null, null, null, null, null, Map.of())));
    }

    /** {@code tools: Read, Grep, Bash(git add, git commit)} or a list; commas inside parentheses do not split. */
    private static Optional<List<Text>> tools(Entry entry, ValueReader values, Problems inFile) {
        if (entry.value() instanceof SequenceNode) {
            return values.textList(entry);
        }
        return values.text(entry).map(written -> {
            List<Text> rules = new ArrayList<>();
            for (String part : splitOutsideParentheses(written)) {
                if (part.isBlank()) {
                    inFile.at(entry.value(), "'tools' has an empty entry between two commas", "delete the extra comma");
                } else {
                    rules.add(new Text(part.strip(), entry.value()));
                }
            }
            return rules;
        });
    }

    static List<String> splitOutsideParentheses(String text) {
        List<String> parts = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '(') {
                depth++;
            } else if (c == ')' && depth > 0) {
                depth--;
            } else if (c == ',' && depth == 0) {
                parts.add(text.substring(start, i));
                start = i + 1;
            }
        }
        parts.add(text.substring(start));
        if (parts.size() > 1 && parts.getLast().isBlank()) {
            parts.removeLast(); // a trailing comma is harmless
        }
        return parts;
    }
}
