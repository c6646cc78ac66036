package dev.peersteam.team;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Loads a team file ({@code team.yaml}) into a {@link TeamSpec}.
 *
 * <p>The file is read with SnakeYAML's node API rather than into plain maps, because nodes keep their line and column:
 * every problem can then point at the exact place to fix. All problems are collected before anything is thrown.
 */
public final class TeamFileLoader {
    private TeamFileLoader() {}

    /**
     * Reads, checks and resolves a team file.
     *
     * @param file the team file, as the user named it (relative paths are relative to the working directory)
     * @throws TeamFileException with every problem found, in file order
     */
    public static TeamSpec load(Path file) throws TeamFileException {
        Problems problems = new Problems(file);
        Optional<TeamSpec> team = readText(file, problems)
                .flatMap(text -> compose(text, problems))
                .flatMap(root -> new TeamReader(file, problems).read(root));
        if (team.isEmpty() || problems.any()) {
            throw problems.toException();
        }
        return team.get();
    }

    private static Optional<String> readText(Path file, Problems problems) {
        String fix = "check the path; relative paths start at the current directory "
                + Path.of("").toAbsolutePath();
        try {
            if (Files.isDirectory(file)) {
                problems.inWholeFile(
                        "is a directory, not a team file",
                        "name the team file itself, e.g. " + file.resolve("team.yaml"));
                return Optional.empty();
            }
            String text = Files.readString(file, StandardCharsets.UTF_8);
            // A byte-order mark is legal in YAML files from some editors but is not content.
            return Optional.of(text.startsWith("\uFEFF") ? text.substring(1) : text);
        } catch (NoSuchFileException e) {
            problems.inWholeFile("team file not found", fix);
        } catch (AccessDeniedException e) {
            problems.inWholeFile("team file cannot be read: permission denied", "make it readable, or " + fix);
        } catch (CharacterCodingException e) {
            problems.inWholeFile("team file is not UTF-8 text", "save it as UTF-8");
        } catch (IOException e) {
            problems.inWholeFile("team file cannot be read: " + e.getMessage(), fix);
        }
        return Optional.empty();
    }

    private static Optional<Node> compose(String text, Problems problems) {
        Node root;
        try {
            root = new Yaml(new LoaderOptions()).compose(new StringReader(text));
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            String message = "YAML syntax error: " + e.getProblem()
                    + (e.getContext() != null ? " (" + e.getContext() + ")" : "");
            if (mark != null) {
                problems.at(mark, message, syntaxFix(message));
            } else {
                problems.inWholeFile(message, syntaxFix(message));
            }
            return Optional.empty();
        } catch (YAMLException e) {
            problems.inWholeFile("YAML syntax error: " + e.getMessage(), syntaxFix(e.getMessage()));
            return Optional.empty();
        }
        if (root == null) {
            problems.atStart(
                    "the team file is empty",
                    "describe the team, at least 'roles:' with one role; team.yaml.example shows every key");
            return Optional.empty();
        }
        return Optional.of(root);
    }

    /** The usual causes of the usual SnakeYAML complaints. */
    private static String syntaxFix(String text) {
        if (text.contains("(TAB)") || text.contains("'\\t'")) {
            return "indent with spaces: YAML does not allow tabs for indentation";
        }
        if (text.contains("mapping values are not allowed")) {
            return "put quotes around a value that contains ': ', or check the indentation of this line";
        }
        if (text.contains("expected a single document")) {
            return "a team file holds one YAML document: remove the extra '---'";
        }
        return "check the indentation and quoting on this line and the line before it";
    }
}
