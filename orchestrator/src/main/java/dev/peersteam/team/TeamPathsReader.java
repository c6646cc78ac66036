package dev.peersteam.team;

import dev.peersteam.team.ValueReader.Text;
import dev.peersteam.team.YamlMapping.Entry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Resolves and checks the team's paths: the repository, the worktrees directory and the files copied into each
 * worktree. Checked here, before anything is created, because a wrong path found later leaves half-made worktrees.
 * Every path stays inside the repository the team file is in ({@link RepositoryBounds}).
 */
final class TeamPathsReader {
    private final Path teamDir;
    private final RepositoryBounds bounds;
    private final Problems problems;
    private final ValueReader values;

    TeamPathsReader(Path teamDir, RepositoryBounds bounds, Problems problems) {
        this.teamDir = teamDir;
        this.bounds = bounds;
        this.problems = problems;
        this.values = new ValueReader(problems);
    }

    /**
     * The repository: the team file's directory unless {@code repo} names another, relative to that directory. It
     * may only name the repository the team file is in, or a folder inside it: a team file that came with one
     * repository must not start a team, its worktrees and its setup commands in another.
     */
    Path repo(Optional<Entry> entry) {
        if (entry.isEmpty()) {
            return teamDir;
        }
        return values.text(entry.get())
                .flatMap(written -> resolve(teamDir, written, entry.get()))
                .map(repo -> {
                    String fix =
                            "give an existing directory; relative paths start at the team file's directory " + teamDir;
                    Optional<String> escape = bounds.escape(repo);
                    if (escape.isPresent()) {
                        problems.at(
                                entry.get().value(),
                                "repo " + repo + " " + escape.get()
                                        + "; a team file works only on the repository it is in",
                                "keep the team file in the repository the team works on and leave 'repo:' out (or"
                                        + " name a folder inside it); a team file may come from someone else, and"
                                        + " 'up' creates branches and runs setup commands where 'repo:' points");
                    } else if (!Files.exists(repo)) {
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
            if (bounds.escape(repo).isEmpty()) { // when 'repo:' is refused already, its default is no news
                bounds.escape(fallback)
                        .ifPresent(escape -> problems.inWholeFile(
                                "the worktrees directory " + fallback + " " + escape + " (no line to point at:"
                                        + " 'worktrees:' is not set, so the default is used)",
                                "remove the link, or set 'worktrees:' to a directory inside the repository"));
                if (Files.exists(fallback) && !Files.isDirectory(fallback)) {
                    problems.inWholeFile(
                            "the worktrees directory " + fallback + " is a file (no line to point at: 'worktrees:' is"
                                    + " not set, so the default is used)",
                            "move the file away, or set 'worktrees:' to a directory inside the repository");
                }
            }
            return fallback;
        }
        return values.text(entry.get())
                .flatMap(written -> resolve(repo, written, entry.get()))
                .map(worktrees -> {
                    Optional<String> escape = bounds.escape(worktrees);
                    if (escape.isPresent()) {
                        problems.at(
                                entry.get().value(),
                                "worktrees directory " + worktrees + " " + escape.get(),
                                "use a directory inside the repository, e.g. 'worktrees' (the default): a team file"
                                        + " may come from someone else, and 'up' creates a folder per role there");
                    } else if (RepositoryBounds.realPath(worktrees)
                            .startsWith(RepositoryBounds.realPath(repo.resolve(".git")))) {
                        problems.at(
                                entry.get().value(),
                                "worktrees directory " + worktrees
                                        + " is inside the repository's .git directory, which git manages itself",
                                "use a directory outside .git, e.g. 'worktrees' (the default)");
                    } else if (Files.exists(worktrees) && !Files.isDirectory(worktrees)) {
                        problems.at(
                                entry.get().value(),
                                "worktrees directory " + worktrees + " is a file",
                                "name a directory (it is created when missing), e.g. 'worktrees' (the default)");
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
            Path source = repo.resolve(relative).normalize();
            if (relative.isAbsolute()) {
                problems.at(item.node(), "copy path '" + item.value() + "' is absolute", fix);
            } else if (!source.startsWith(repo) || relative.startsWith("..")) {
                problems.at(item.node(), "copy path '" + item.value() + "' points outside the repository", fix);
            } else if (relative.toString().isEmpty()) {
                problems.at(item.node(), "copy path '" + item.value() + "' names the whole repository", fix);
            } else if (bounds.escape(source).isPresent()) {
                problems.at(
                        item.node(),
                        "copy path '" + item.value() + "' "
                                + bounds.escape(source).get(),
                        "copy only files that are in the repository; a linked file would give every worktree a"
                                + " link out of it");
            } else if (!Files.exists(source, LinkOption.NOFOLLOW_LINKS)) {
                problems.at(
                        item.node(),
                        "copy path '" + item.value() + "' does not exist: " + source,
                        "create it (copy takes files that are in the repository but not in git, like .env), or"
                                + " delete the entry");
            } else if (linkOutOf(source).isPresent()) {
                problems.at(
                        item.node(),
                        "copy path '" + item.value() + "' holds "
                                + linkOutOf(source).get(),
                        "copy only files that are in the repository; a linked file would give every worktree a"
                                + " link out of it");
            } else {
                copied.add(relative.toString());
            }
        }
        return copied;
    }

    /** A folder copied whole is looked through: its first link that leads out of the repository, described. */
    private Optional<String> linkOutOf(Path source) {
        if (!Files.isDirectory(source, LinkOption.NOFOLLOW_LINKS)) {
            return Optional.empty();
        }
        try (Stream<Path> walk = Files.walk(source).limit(COPY_WALK_LIMIT)) { // links are not followed
            return walk.filter(Files::isSymbolicLink)
                    .flatMap(link ->
                            bounds.escape(link).map(escape -> "the link " + link + ", which " + escape).stream())
                    .findFirst();
        } catch (IOException | UncheckedIOException e) {
            return Optional.of("a file that cannot be read: " + e.getMessage());
        }
    }

    /** Enough for any folder of local configuration; a copy as large as a checkout is not what copy is for. */
    private static final int COPY_WALK_LIMIT = 100_000;

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
