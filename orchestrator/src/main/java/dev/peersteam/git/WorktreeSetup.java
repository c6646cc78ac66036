package dev.peersteam.git;

import java.io.File;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Prepares a role's new worktree, once: copies the files listed under {@code copy:} and the git-ignored files that
 * {@code .worktreeinclude} names from the repository's top level, then runs the {@code setup:} commands in it.
 *
 * <p>Use {@link #applyIfNeeded}: it runs for a worktree just created, and again after a setup that failed or was cut
 * short (a marker in the worktree's private git directory remembers that), and does nothing otherwise.
 */
public final class WorktreeSetup {
    /** Claude Code's convention: gitignore-syntax patterns of ignored files (.env) a new worktree should get. */
    public static final String INCLUDE_FILE = ".worktreeinclude";

    public static final Duration DEFAULT_COMMAND_TIMEOUT = Duration.ofMinutes(10);

    private static final String PENDING_MARKER = "peers-team-setup-pending";
    private static final int OUTPUT_LINES_IN_ERRORS = 30;
    private static final int OUTPUT_KEPT_BYTES = 1 << 20;

    private final GitRepo repo;
    private final List<String> copy;
    private final List<String> commands;
    private final Duration commandTimeout;
    private final List<String> shell;

    public WorktreeSetup(GitRepo repo, List<String> copy, List<String> commands) {
        this(repo, copy, commands, DEFAULT_COMMAND_TIMEOUT);
    }

    /**
     * @param copy paths relative to the repository's top level, files or directories
     * @param commands shell command lines, run one after the other in the worktree
     * @throws IllegalArgumentException when a copy path is absolute or leads out of the repository
     */
    public WorktreeSetup(GitRepo repo, List<String> copy, List<String> commands, Duration commandTimeout) {
        copy.forEach(WorktreeSetup::requireInside);
        this.repo = repo;
        this.copy = List.copyOf(copy);
        this.commands = List.copyOf(commands);
        this.commandTimeout = commandTimeout;
        this.shell = shell();
    }

    /**
     * Prepares {@code worktree} if it was just created or an earlier setup of it did not finish; otherwise does nothing
     * and returns {@link SetupReport#nothing}.
     *
     * @throws WorktreeSetupException when a step fails; the next call will try again
     */
    public SetupReport applyIfNeeded(Worktree worktree, SetupListener listener) {
        if (!worktree.created() && !Files.exists(pendingMarker(worktree))) {
            return SetupReport.nothing(worktree.role());
        }
        return apply(worktree, listener);
    }

    /**
     * Prepares {@code worktree} unconditionally.
     *
     * @throws WorktreeSetupException when a step fails
     */
    public SetupReport apply(Worktree worktree, SetupListener listener) {
        String role = worktree.role();
        Path marker = pendingMarker(worktree);
        touch(role, marker);
        List<String> copied = new ArrayList<>();
        for (String path : copy) {
            step(role, new SetupStep.CopyPath(path), listener, () -> copied.addAll(copyListed(worktree, path)));
        }
        if (Files.isRegularFile(repo.topLevel().resolve(INCLUDE_FILE))) {
            step(role, new SetupStep.CopyIncluded(), listener, () -> copied.addAll(copyIncluded(worktree)));
        }
        List<SetupReport.CommandOutput> outputs = new ArrayList<>();
        for (String command : commands) {
            step(role, new SetupStep.RunCommand(command), listener, () -> outputs.add(run(worktree, command)));
        }
        try {
            Files.deleteIfExists(marker);
        } catch (IOException e) {
            throw new WorktreeSetupException(
                    role, "Setup of role `" + role + "` finished, but " + marker + " cannot be removed: " + e, e);
        }
        return new SetupReport(role, copied, outputs);
    }

    /**
     * Rejects a copy path that could reach outside the repository or into git's own files.
     *
     * @throws IllegalArgumentException naming the path
     */
    static Path requireInside(String relative) {
        Path path;
        try {
            path = Path.of(relative);
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException("copy path `" + relative + "` is not a valid path: " + e.getMessage());
        }
        Path normal = path.normalize();
        if (relative.isBlank()
                || path.isAbsolute()
                || normal.toString().isEmpty()
                || normal.startsWith("..")
                || normal.startsWith(".git")) {
            throw new IllegalArgumentException("copy path `" + relative + "` must be relative to the repository and "
                    + "stay inside it (no absolute path, no `..` out of it, nothing in .git)");
        }
        return normal;
    }

    private static void step(String role, SetupStep step, SetupListener listener, Runnable action) {
        listener.started(role, step);
        boolean ok = false;
        try {
            action.run();
            ok = true;
        } finally {
            listener.finished(role, step, ok);
        }
    }

    private List<String> copyListed(Worktree worktree, String relative) {
        Path path = requireInside(relative);
        Path source = repo.topLevel().resolve(path);
        if (!Files.exists(source, LinkOption.NOFOLLOW_LINKS)) {
            throw new WorktreeSetupException(
                    worktree.role(),
                    "Setup of role `" + worktree.role() + "`: cannot copy `" + relative + "`: there is no " + source
                            + " (listed under `copy:` in the team file)");
        }
        List<Path> files;
        try (Stream<Path> walk = Files.walk(source)) { // does not follow links: a linked directory is copied as a link
            files = walk.filter(p -> !Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS))
                    .toList();
        } catch (IOException e) {
            throw copyFailed(worktree, relative, e);
        }
        List<String> copied = new ArrayList<>();
        for (Path file : files) {
            String name = repo.topLevel().relativize(file).toString();
            copyFile(worktree, name);
            copied.add(name);
        }
        return copied;
    }

    /**
     * The files {@code .worktreeinclude} matches that git ignores, as Claude Code does: never a tracked file (the
     * checkout has it) and never an untracked file that is not ignored (it may be work in progress). Git itself does
     * the gitignore-syntax matching.
     */
    private List<String> copyIncluded(Worktree worktree) {
        Git git = repo.git();
        Path top = repo.topLevel();
        Path include = top.resolve(INCLUDE_FILE);
        List<String> matched =
                nulSeparated(git.run(top, "ls-files", "-z", "--others", "--ignored", "--exclude-from=" + include));
        Set<String> ignored = new HashSet<>(nulSeparated(
                git.run(top, "ls-files", "-z", "--others", "--ignored", "--exclude-standard", "--directory")));
        List<String> copied = new ArrayList<>();
        for (String name : matched) {
            // "x/" is a nested repository (another worktree, say): never copied.
            if (!name.endsWith("/") && isIgnored(name, ignored)) {
                requireInside(name);
                copyFile(worktree, name);
                copied.add(name);
            }
        }
        return copied;
    }

    /** With --directory, git lists an ignored directory once as "dir/" rather than all its files. */
    private static boolean isIgnored(String name, Set<String> ignored) {
        if (ignored.contains(name)) {
            return true;
        }
        for (int slash = name.indexOf('/'); slash >= 0; slash = name.indexOf('/', slash + 1)) {
            if (ignored.contains(name.substring(0, slash + 1))) {
                return true;
            }
        }
        return false;
    }

    private static List<String> nulSeparated(String output) {
        return Arrays.stream(output.split("\0")).filter(s -> !s.isEmpty()).toList();
    }

    /** Copies one file or symbolic link (as a link), refusing to pass through a linked directory on either side. */
    private void copyFile(Worktree worktree, String relative) {
        Path source = repo.topLevel().resolve(relative);
        Path target = worktree.path().resolve(relative);
        try {
            requireUnder(source.getParent(), repo.topLevel(), worktree, relative);
            Files.createDirectories(target.getParent());
            requireUnder(target.getParent(), worktree.path(), worktree, relative);
            Files.copy(
                    source,
                    target,
                    StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.COPY_ATTRIBUTES,
                    LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) {
            throw copyFailed(worktree, relative, e);
        }
    }

    private static void requireUnder(Path dir, Path root, Worktree worktree, String relative) throws IOException {
        if (!dir.toRealPath().startsWith(root.toRealPath())) {
            throw new WorktreeSetupException(
                    worktree.role(),
                    "Setup of role `" + worktree.role() + "`: will not copy `" + relative + "`: " + dir
                            + " is a symbolic link out of " + root);
        }
    }

    private static WorktreeSetupException copyFailed(Worktree worktree, String relative, IOException e) {
        return new WorktreeSetupException(
                worktree.role(),
                "Setup of role `" + worktree.role() + "`: cannot copy `" + relative + "` into " + worktree.path() + ": "
                        + e,
                e);
    }

    private SetupReport.CommandOutput run(Worktree worktree, String command) {
        String role = worktree.role();
        CommandRunner runner = new CommandRunner(CommandRunner.childEnvironment(Map.of(
                "PEERS_TEAM_ROLE", role, "PEERS_TEAM_REPO", repo.topLevel().toString())));
        List<String> line = new ArrayList<>(shell);
        // One stream for both: two pipes pumped by two threads would interleave stdout and stderr in any order.
        line.add("exec 2>&1\n" + command);
        OutputTail output = new OutputTail(OUTPUT_KEPT_BYTES);
        CommandRunner.Outcome outcome;
        try {
            outcome = runner.run(line, worktree.path(), commandTimeout, output, output);
        } catch (InterruptedIOException e) {
            throw new WorktreeSetupException(
                    role, "Setup of role `" + role + "` was interrupted while running `" + command + "`", e);
        } catch (IOException e) {
            throw new WorktreeSetupException(
                    role,
                    "Setup of role `" + role + "`: cannot run `" + command + "` with " + shell.getFirst() + ": "
                            + e.getMessage(),
                    e);
        }
        if (outcome.timedOut() || outcome.exitCode() != 0) {
            String how = outcome.timedOut()
                    ? "was stopped after " + commandTimeout.toSeconds() + " s (timeout)"
                    : "failed with exit code " + outcome.exitCode();
            String tail = output.lastLines(OUTPUT_LINES_IN_ERRORS);
            throw new WorktreeSetupException(
                    role,
                    "Setup of role `" + role + "`: `" + command + "` " + how + " in " + worktree.path()
                            + (tail.isBlank() ? " (no output)" : ". Last lines of its output:\n" + tail));
        }
        return new SetupReport.CommandOutput(command, output.text());
    }

    /** The worktree's own git directory (.git/worktrees/<id>) is private to it and invisible to git status. */
    private Path pendingMarker(Worktree worktree) {
        Path gitDir = Path.of(repo.git().run(worktree.path(), "rev-parse", "--git-dir"));
        return worktree.path().resolve(gitDir).resolve(PENDING_MARKER);
    }

    private static void touch(String role, Path marker) {
        try {
            Files.writeString(marker, "setup of this worktree by peers-team has not finished\n");
        } catch (IOException e) {
            throw new WorktreeSetupException(
                    role, "Setup of role `" + role + "`: cannot write " + marker + ": " + e, e);
        }
    }

    /**
     * bash when there is one, for the usual {@code source}, {@code &&}, arrays; plain {@code -c}, not a login shell:
     * a login shell reads /etc/profile, which on Debian resets PATH and loses the tools peers-team was started with.
     */
    private static List<String> shell() {
        String path = System.getenv().getOrDefault("PATH", "");
        boolean hasBash = Arrays.stream(path.split(File.pathSeparator))
                .filter(dir -> !dir.isEmpty())
                .anyMatch(dir -> Files.isExecutable(Path.of(dir, "bash")));
        return hasBash ? List.of("bash", "-c") : List.of("sh", "-c");
    }
}
