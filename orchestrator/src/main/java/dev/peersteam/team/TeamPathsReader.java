package dev.peersteam.team;

import dev.peersteam.team.ValueReader.Text;
import dev.peersteam.team.YamlMapping.Entry;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Resolves and checks the team's paths: the repository, the worktrees directory and the files copied into each
 * worktree. Checked here, before anything is created, because a wrong path found later leaves half-made worktrees.
 */
final class TeamPathsReader {
    private final Path teamDir;
    private final Problems problems;
    private final ValueReader values;

    TeamPathsReader(Path teamDir, Problems problems) {
        this.teamDir = teamDir;
        this.problems = problems;
        this.values = new ValueReader(problems);
    }

    /** The repository: the team file's directory unless {@code repo} names another, relative to that directory. */
    Path repo(Optional<Entry> entry) {
        if (entry.isEmpty()) {
            return teamDir;
        }
        return values.text(entry.get())
                .flatMap(written -> resolve(teamDir, written, entry.get()))
                .map(repo -> {
                    String fix =
                            "give an existing directory; relative paths start at the team file's directory " + teamDir;
                    if (!Files.exists(repo)) {
                        problems.at(entry.get().value(), "repo directory does not exist: " + repo, fix);
                    } else if (!Files.isDirectory(repo)) {
                        problems.at(entry.get().value(), "repo is not a directory: " + repo, fix);
                    }
                    return repo;
                })
                .orElse(teamDir);
    }

    /** Where role worktrees go: {@code repo/worktrees} unless {@code worktrees} says otherwise. Never inside .git. */
    Path worktrees(Optional<Entry> entry, Path repo) {
        Path fallback = repo.resolve("worktrees");
        if (entry.isEmpty()) {
            return fallback;
        }
        return values.text(entry.get())
                .flatMap(written -> resolve(repo, written, entry.get()))
                .map(worktrees -> {
                    if (worktrees.startsWith(repo.resolve(".git"))) {
                        problems.at(
                                entry.get().value(),
                                "worktrees directory " + worktrees
                                        + " is inside the repository's .git directory, which git manages itself",
                                "use a directory outside .git, e.g. 'worktrees' (the default)");
                    }
                    return worktrees;
                })
                .orElse(fallback);
    }

    /** The files to copy, as normalized paths relative to the repository; none may point outside it. */
    List<String> copy(Optional<Entry> entry, Path repo) {
        List<String> copied = new ArrayList<>();
        for (Text item : entry.flatMap(values::textList).orElse(List.of())) {
            String fix = "give a file path relative to the repository, e.g. '.env' or 'config/local.properties'";
            Path relative;
            try {
                relative = Path.of(item.value()).normalize();
            } catch (InvalidPathException e) {
                problems.at(item.node(), "copy path '" + item.value() + "' is not a valid path: " + e.getReason(), fix);
                continue;
            }
            if (relative.isAbsolute()) {
                problems.at(item.node(), "copy path '" + item.value() + "' is absolute", fix);
            } else if (!repo.resolve(relative).normalize().startsWith(repo) || relative.startsWith("..")) {
                problems.at(item.node(), "copy path '" + item.value() + "' points outside the repository", fix);
            } else if (relative.toString().isEmpty()) {
                problems.at(item.node(), "copy path '" + item.value() + "' names the whole repository", fix);
            } else {
                copied.add(relative.toString());
            }
        }
        return copied;
    }

    private Optional<Path> resolve(Path against, String written, Entry entry) {
        try {
            return Optional.of(against.resolve(written).normalize());
        } catch (InvalidPathException e) {
            problems.at(
                    entry.value(),
                    "'" + entry.key() + "' is not a valid path: " + e.getReason(),
                    "give a directory path, relative to " + against + " or absolute");
            return Optional.empty();
        }
    }
}
