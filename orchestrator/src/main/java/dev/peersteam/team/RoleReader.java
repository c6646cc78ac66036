package dev.peersteam.team;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import org.yaml.snakeyaml.nodes.Node;

import dev.peersteam.team.YamlMapping.Entry;

/** Reads one role under {@code roles:}: its name, its role-only keys and its own settings. */
final class RoleReader {

    /** Role names become directory and branch names, so they are kept to a portable, shell-safe alphabet. */
    static final Pattern ROLE_NAME = Pattern.compile("[a-z][a-z0-9-]{0,31}");

    /** Message targets that would be ambiguous as role names. */
    static final Set<String> RESERVED_NAMES = Set.of("all", "human");

    /**
     * A role as written, before the defaults and the lead rule are applied.
     *
     * @param leadNode where {@code lead: true} was written; null unless the role says so
     */
    record Draft(String name, Node leadNode, PromptSource prompt, RoleSettings own) {
        boolean saysLead() {
            return leadNode != null;
        }
    }

    private final Path teamDir;
    private final Problems problems;
    private final ValueReader values;
    private final RoleSettingsReader settings;

    RoleReader(Path teamDir, Problems problems) {
        this.teamDir = teamDir;
        this.problems = problems;
        this.values = new ValueReader(problems);
        this.settings = new RoleSettingsReader(problems);
    }

    Draft read(Entry role) {
        String name = role.key();
        checkName(role);
        String where = "role '" + name + "'";
        return YamlMapping.read(role.value(), where,
                        "indent the role's settings under its name, e.g. '" + name + ":' then '  prompt: ...' on the"
                                + " next line", problems)
                .map(mapping -> draft(name, mapping.onlyKnown(KnownKeys.ROLE, where, problems)))
                .orElseGet(() -> new Draft(name, null, new PromptSource.None(), RoleSettings.NONE));
    }

    private Draft draft(String name, YamlMapping mapping) {
        Node leadNode = mapping.get("lead")
                .flatMap(entry -> values.flag(entry).filter(Boolean::booleanValue).map(yes -> entry.value()))
                .orElse(null);
        return new Draft(name, leadNode, prompt(name, mapping), settings.read(mapping));
    }

    private void checkName(Entry role) {
        String name = role.key();
        if (RESERVED_NAMES.contains(name)) {
            problems.at(role.keyNode(), "role name '" + name + "' is reserved: 'all' and 'human' are message"
                    + " targets (everyone, and the person)", "choose another name, e.g. '" + name + "-role'");
        } else if (!ROLE_NAME.matcher(name).matches()) {
            problems.at(role.keyNode(), "role name '" + name + "' is not valid: role names become directory and"
                            + " branch names, so they must match [a-z][a-z0-9-]{0,31}",
                    "use up to 32 lower-case letters, digits and '-', starting with a letter, e.g. '"
                            + suggestName(name) + "'");
        }
    }

    /** A valid name close to an invalid one, for the fix hint. */
    private static String suggestName(String name) {
        String cleaned = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]+", "-").replaceAll("^[^a-z]+", "");
        cleaned = cleaned.substring(0, Math.min(32, cleaned.length())).replaceAll("-+$", "");
        return cleaned.isEmpty() ? "worker" : cleaned;
    }

    private PromptSource prompt(String roleName, YamlMapping mapping) {
        Optional<Entry> inline = mapping.get("prompt");
        Optional<Entry> file = mapping.get("prompt_file");
        if (inline.isPresent() && file.isPresent()) {
            Entry later = inline.get().keyNode().getStartMark().getIndex()
                            > file.get().keyNode().getStartMark().getIndex() ? inline.get() : file.get();
            problems.at(later.keyNode(), "role '" + roleName + "' has both 'prompt' and 'prompt_file'",
                    "keep one of them: 'prompt' for text written here, 'prompt_file' for a Markdown file");
            return new PromptSource.None();
        }
        if (inline.isPresent()) {
            return values.text(inline.get()).<PromptSource>map(PromptSource.Inline::new)
                    .orElseGet(PromptSource.None::new);
        }
        return file.flatMap(this::promptFile).orElseGet(PromptSource.None::new);
    }

    private Optional<PromptSource> promptFile(Entry entry) {
        return values.text(entry).flatMap(written -> {
            Path path;
            try {
                path = teamDir.resolve(written).normalize();
            } catch (InvalidPathException e) {
                problems.at(entry.value(), "prompt_file '" + written + "' is not a valid path: " + e.getReason(),
                        "give a path relative to the team file's directory, e.g. 'roles/qa.md'");
                return Optional.empty();
            }
            String fix = "create the file, or correct the path; relative paths start at the team file's directory "
                    + teamDir;
            if (!Files.exists(path)) {
                problems.at(entry.value(), "prompt file not found: " + path, fix);
                return Optional.empty();
            }
            if (!Files.isRegularFile(path)) {
                problems.at(entry.value(), "prompt file is not a regular file: " + path, fix);
                return Optional.empty();
            }
            try {
                return Optional.of(new PromptSource.FromFile(path, Files.readString(path, StandardCharsets.UTF_8)));
            } catch (CharacterCodingException e) {
                problems.at(entry.value(), "prompt file is not UTF-8 text: " + path, "save it as UTF-8");
            } catch (IOException e) {
                problems.at(entry.value(), "cannot read prompt file " + path + ": " + e.getMessage(),
                        "make the file readable by the user running peers-team");
            }
            return Optional.empty();
        });
    }
}
