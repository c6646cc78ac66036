package dev.peersteam.team;

import dev.peersteam.untrusted.BoundedFile;
import dev.peersteam.untrusted.InputRejected;
import dev.peersteam.untrusted.SafeYaml;
import dev.peersteam.untrusted.StrictText;
import java.nio.file.Path;
import java.util.Optional;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Loads a team file ({@code team.yaml}) into a {@link TeamSpec}.
 *
 * <p>The file is read with SnakeYAML's node API rather than into plain maps, because nodes keep their line and column:
 * every problem can then point at the exact place to fix. All problems are collected before anything is thrown.
 *
 * <p>Team files come with repositories people clone, so the file is read as hostile: only a regular file of at most
 * {@value #LIMIT} bytes, strict UTF-8 without control characters, YAML under limits ({@link SafeYaml}), and every path
 * it names stays inside its repository ({@link RepositoryBounds}).
 */
public final class TeamFileLoader {
    /** A team file is a few KiB; a team of 200 roles with inline prompts stays well below this. */
    public static final int LIMIT = 256 * 1024;

    private TeamFileLoader() {}

    /**
     * Reads, checks and resolves a team file, on its own: nothing outside the file and the files it names is asked.
     *
     * @param file the team file, as the user named it (relative paths are relative to the working directory)
     * @throws TeamFileException with every problem found, in file order
     */
    public static TeamSpec load(Path file) throws TeamFileException {
        return load(file, StartChecks.NONE);
    }

    /**
     * Reads, checks and resolves a team file, then, when the file itself is sound, runs {@code checks} (what {@code up}
     * checks before it creates anything) and reports their findings as problems of the file.
     *
     * @throws TeamFileException with every problem found, in file order
     */
    public static TeamSpec load(Path file, StartChecks checks) throws TeamFileException {
        Problems problems = new Problems(file);
        Optional<TeamSpec> team = readText(file, problems)
                .flatMap(text -> compose(text, problems))
                .flatMap(root -> new TeamReader(file, problems, checks).read(root));
        if (team.isEmpty() || problems.any()) {
            throw problems.toException();
        }
        return team.get();
    }

    private static Optional<String> readText(Path file, Problems problems) {
        String fix = "check the path; relative paths start at the current directory "
                + Path.of("").toAbsolutePath();
        byte[] bytes;
        try {
            bytes = BoundedFile.read(file, LIMIT);
        } catch (BoundedFile.Refused e) {
            switch (e.refusal()) {
                case BoundedFile.Refusal.Missing missing -> problems.inWholeFile("team file not found", fix);
                case BoundedFile.Refusal.NotRegular notRegular
                when notRegular.kind().equals("a directory") ->
                    problems.inWholeFile(
                            "is a directory, not a team file",
                            "name the team file itself, e.g. " + file.resolve("team.yaml"));
                case BoundedFile.Refusal.NotRegular notRegular ->
                    problems.inWholeFile(
                            "team file " + notRegular.describe() + "; it was not opened",
                            "name a team file that is a regular file, e.g. team.yaml");
                case BoundedFile.Refusal.TooLarge tooLarge ->
                    problems.inWholeFile(
                            "team file " + tooLarge.describe() + "; it was not read",
                            "a team file describes roles in a few KiB: move long prompts into 'prompt_file' files");
                case BoundedFile.Refusal.Unreadable unreadable
                when unreadable.reason().equals("permission denied") ->
                    problems.inWholeFile("team file cannot be read: permission denied", "make it readable, or " + fix);
                case BoundedFile.Refusal.Unreadable unreadable ->
                    problems.inWholeFile("team file " + unreadable.describe(), fix);
            }
            return Optional.empty();
        }
        try {
            return Optional.of(StrictText.utf8(bytes));
        } catch (InputRejected e) {
            report(e, problems);
            return Optional.empty();
        }
    }

    private static Optional<Node> compose(String text, Problems problems) {
        Node root;
        try {
            root = SafeYaml.compose(text, "YAML syntax error", true);
        } catch (InputRejected e) {
            report(e, problems);
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

    private static void report(InputRejected e, Problems problems) {
        if (e.line() > 0) {
            problems.atLine(e.line(), e.column(), e.problem(), e.fix());
        } else {
            problems.inWholeFile(e.problem(), e.fix());
        }
    }
}
