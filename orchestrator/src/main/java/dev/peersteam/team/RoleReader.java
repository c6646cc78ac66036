package dev.peersteam.team;

import dev.peersteam.team.ValueReader.Text;
import dev.peersteam.team.YamlMapping.Entry;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;

/** Reads one role under {@code roles:}: its name, its role-only keys and its own settings. */
final class RoleReader {

    /** Role names become directory and branch names, so they are kept to a portable, shell-safe alphabet. */
    static final Pattern ROLE_NAME = Pattern.compile("[a-z][a-z0-9-]{0,31}");

    /**
     * A role as written, before the defaults, the lead rule and the checks across roles are applied.
     *
     * @param nameNode    the role's key under {@code roles:}
     * @param leadNode    where {@code lead: true} was written; null unless the role says so
     * @param prompt      the prompt from {@code prompt}, {@code prompt_file} or the body of {@code agent_file}
     * @param own         the settings the role sets in the team file itself
     * @param description the role's own {@code description}; null when it sets none
     * @param agentFile   the agent file the role names; null when it names none (or it could not be read)
     * @param watches     the role names under {@code watches:}, as written, with their nodes
     * @param promptNode  the value of {@code prompt}, {@code prompt_file} or {@code agent_file}; null for none
     */
    record Draft(
            String name,
            ScalarNode nameNode,
            Node leadNode,
            PromptSource prompt,
            RoleSettings own,
            String description,
            AgentFileReader.AgentFile agentFile,
            WatchesDraft watches,
            Node promptNode) {
        boolean saysLead() {
            return leadNode != null;
        }

        static Draft empty(String name, ScalarNode nameNode) {
            return new Draft(
                    name,
                    nameNode,
                    null,
                    new PromptSource.None(),
                    RoleSettings.NONE,
                    null,
                    null,
                    WatchesDraft.NONE,
                    null);
        }
    }

    /** The role names a role's {@code watches:} lists, checked against the team later, once all roles are known. */
    record WatchesDraft(List<Text> commits, List<Text> tasks) {
        static final WatchesDraft NONE = new WatchesDraft(List.of(), List.of());
    }

    private static final ReferencedFile.Kind PROMPT_FILE = new ReferencedFile.Kind(
            "prompt file",
            "create the file, or correct the path; relative paths start at the team file's directory",
            "roles/qa.md");

    private final Problems problems;
    private final ValueReader values;
    private final RoleSettingsReader settings;
    private final AgentFileReader agentFiles;
    private final ReferencedFile files;

    RoleReader(Problems problems, ReferencedFile files) {
        this.problems = problems;
        this.values = new ValueReader(problems);
        this.settings = new RoleSettingsReader(problems, files);
        this.agentFiles = new AgentFileReader(files, problems);
        this.files = files;
    }

    Draft read(Entry role) {
        String name = role.key();
        checkName(role);
        String where = "role '" + name + "'";
        return YamlMapping.read(
                        role.value(),
                        where,
                        "indent the role's settings under its name, e.g. '" + name + ":' then '  prompt: ...' on the"
                                + " next line",
                        problems)
                .map(mapping -> draft(name, role.keyNode(), mapping.onlyKnown(KnownKeys.ROLE, where, problems)))
                .orElseGet(() -> Draft.empty(name, role.keyNode()));
    }

    private Draft draft(String name, ScalarNode nameNode, YamlMapping mapping) {
        Node leadNode = mapping.get("lead")
                .flatMap(entry ->
                        values.flag(entry).filter(Boolean::booleanValue).map(yes -> entry.value()))
                .orElse(null);
        AgentFileReader.AgentFile agentFile = null;
        PromptSource prompt;
        if (onePromptAtMost(name, mapping)) {
            Optional<Entry> agentFileEntry = mapping.get("agent_file");
            agentFile = agentFileEntry
                    .flatMap(entry -> agentFiles.read(name, entry))
                    .orElse(null);
            prompt = agentFile != null
                    ? new PromptSource.FromFile(agentFile.path(), agentFile.body())
                    : agentFileEntry.isPresent() ? new PromptSource.None() : prompt(name, mapping);
        } else {
            prompt = new PromptSource.None();
        }
        String description = mapping.get("description")
                .flatMap(values::text)
                .map(String::strip)
                .orElse(null);
        WatchesDraft watches =
                mapping.get("watches").map(entry -> watches(name, entry)).orElse(WatchesDraft.NONE);
        Node promptNode = Stream.of("prompt", "prompt_file", "agent_file")
                .map(mapping::get)
                .flatMap(Optional::stream)
                .map(Entry::value)
                .findFirst()
                .orElse(null);
        return new Draft(
                name, nameNode, leadNode, prompt, settings.read(mapping), description, agentFile, watches, promptNode);
    }

    private WatchesDraft watches(String roleName, Entry entry) {
        String where = "'watches' of role '" + roleName + "'";
        return YamlMapping.read(
                        entry.value(),
                        where,
                        "name whose work to watch under 'commits:' and 'tasks:', e.g."
                                + " 'watches: {commits: [backend], tasks: [backend]}'",
                        problems)
                .map(mapping -> mapping.onlyKnown(KnownKeys.WATCHES, where, problems))
                .map(mapping -> new WatchesDraft(
                        mapping.get("commits").flatMap(values::textList).orElse(List.of()),
                        mapping.get("tasks").flatMap(values::textList).orElse(List.of())))
                .orElse(WatchesDraft.NONE);
    }

    private void checkName(Entry role) {
        String name = role.key();
        Optional<ReservedNames.Reserved> reserved = ReservedNames.find(name);
        if (reserved.isPresent()) {
            problems.at(
                    role.keyNode(),
                    "role name '" + name + "' is reserved: " + reserved.get().why()
                            + ", so a role of that name could pass for it (reserved: " + ReservedNames.listed() + ")",
                    "choose another name, e.g. '" + name + "-role'");
        } else if (!ROLE_NAME.matcher(name).matches()) {
            problems.at(
                    role.keyNode(),
                    "role name '" + name + "' is not valid: role names become directory and"
                            + " branch names, so they must match [a-z][a-z0-9-]{0,31}",
                    "use up to 32 lower-case letters, digits and '-', starting with a letter, e.g. '"
                            + suggestName(name) + "'");
        }
    }

    /** A valid name close to an invalid one, for the fix hint. */
    private static String suggestName(String name) {
        String cleaned =
                name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]+", "-").replaceAll("^[^a-z]+", "");
        cleaned = cleaned.substring(0, Math.min(32, cleaned.length())).replaceAll("-+$", "");
        return cleaned.isEmpty() ? "worker" : cleaned;
    }

    /**
     * A role gives its prompt one way at most: {@code prompt}, {@code prompt_file} or {@code agent_file}. More than one
     * is reported at the last of them, and none of them is used.
     */
    private boolean onePromptAtMost(String roleName, YamlMapping mapping) {
        List<Entry> given = Stream.of("prompt", "prompt_file", "agent_file")
                .map(mapping::get)
                .flatMap(Optional::stream)
                .sorted(Comparator.comparingInt(
                        entry -> entry.keyNode().getStartMark().getIndex()))
                .toList();
        if (given.size() <= 1) {
            return true;
        }
        List<String> keys = given.stream().map(entry -> "'" + entry.key() + "'").toList();
        String named = keys.size() == 2
                ? "both " + keys.get(0) + " and " + keys.get(1)
                : String.join(", ", keys.subList(0, keys.size() - 1)) + " and " + keys.getLast();
        problems.at(
                given.getLast().keyNode(),
                "role '" + roleName + "' has " + named,
                "keep one of them: 'prompt' for text written here, 'prompt_file' for a Markdown file, 'agent_file'"
                        + " for a Claude Code agent file (front matter and prompt)");
        return false;
    }

    private PromptSource prompt(String roleName, YamlMapping mapping) {
        Optional<Entry> inline = mapping.get("prompt");
        Optional<Entry> file = mapping.get("prompt_file");
        if (inline.isPresent()) {
            return values.text(inline.get())
                    .<PromptSource>map(PromptSource.Inline::new)
                    .orElseGet(PromptSource.None::new);
        }
        return file.flatMap(entry -> files.read(entry, PROMPT_FILE, "prompt file of role '" + roleName + "'"))
                .<PromptSource>map(read -> new PromptSource.FromFile(read.path(), read.text()))
                .orElseGet(PromptSource.None::new);
    }
}
