package dev.peersteam.remote;

import dev.peersteam.git.Git;
import dev.peersteam.git.GitException;
import dev.peersteam.git.UnsavedWork;
import dev.peersteam.git.Worktrees;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A role's worktree on its host, kept in step with the team's repository here by git over the host's
 * {@link RemoteShell}, never by a shared file system. Before the agent starts, the role's branch is pushed there into
 * a new repository (with the {@code copy:} files and the {@code setup:} commands), or, when the host already has the
 * worktree from an earlier run, its commits are fetched back; after each turn and on {@code down} the host's branch
 * is fetched into {@code peers/<role>} here, so diffs, merges, watches and overlap alerts see it. The host's worktree
 * is the truth for the role's branch: a fetch moves {@code peers/<role>} here to wherever the role left it.
 */
public final class RemoteWorktree {
    private static final Duration SCRIPT_TIMEOUT = Duration.ofMinutes(10);
    /** Where the branch lands on the host before it is checked out (a branch checked out there cannot be pushed to). */
    private static final String INCOMING = "refs/peers-team/incoming";

    private final RemoteShell shell;
    private final String role;
    private final String branch;
    private final Path dir;
    private final Path repoTop;
    private final Map<String, String> clientEnvironment;
    private final Git git;
    private final RemoteShell.GitRemote remote;

    /**
     * @param dir     the role's worktree on the host
     * @param repoTop the top level of the team's repository here
     */
    public RemoteWorktree(
            RemoteShell shell, String role, Path dir, Path repoTop, Map<String, String> clientEnvironment) {
        this.shell = shell;
        this.role = role;
        this.branch = Worktrees.branchOf(role);
        this.dir = dir;
        this.repoTop = repoTop;
        this.clientEnvironment = Map.copyOf(clientEnvironment);
        this.remote = shell.gitRemote(dir);
        Map<String, String> env = new HashMap<>(remote.environment());
        this.git = new Git(Git.DEFAULT_TIMEOUT, env);
    }

    /** What {@link #prepare} did. */
    public enum Prepared {
        /** A new repository on the host, on the role's branch, set up. */
        CREATED,
        /** The host's worktree from an earlier run, its commits fetched back. */
        REUSED
    }

    /** Where people see a step of {@link #prepare}. */
    public interface Progress {
        void step(String what, boolean done, boolean ok);
    }

    /**
     * Makes the role's worktree ready on the host.
     *
     * @param copied   files to copy into a new worktree, relative to {@code repoTop} (absent ones are skipped)
     * @param commands setup commands to run in a new worktree, in order; one that fails stops the preparation
     * @throws IOException when the host cannot be reached or a step fails; the message says which
     */
    public Prepared prepare(List<String> copied, List<String> commands, Progress progress) throws IOException {
        String parent = ShellWords.quote(dir.getParent().toString());
        String name = ShellWords.quote(dir.getFileName().toString());
        RemoteShell.Result made = check(
                "preparing the worktree folder",
                shell.run(
                        "mkdir -p " + parent + " && cd " + parent + " && if [ -d " + name
                                + "/.git ]; then echo reused; else git init -q " + name + " && echo created; fi",
                        new byte[0],
                        SCRIPT_TIMEOUT,
                        clientEnvironment));
        if (made.stdout().strip().equals("reused")) {
            fetchBack();
            return Prepared.REUSED;
        }
        progress.step("pushing " + branch + " to " + shell.where() + ":" + dir, false, true);
        gitHere("push", "--quiet", "--force", remote.url(), "refs/heads/" + branch + ":" + INCOMING);
        check(
                "checking out " + branch,
                remoteInWorktree("git checkout -q -B " + ShellWords.quote(branch) + " " + INCOMING
                        + " && git update-ref -d " + INCOMING));
        progress.step("pushing " + branch + " to " + shell.where() + ":" + dir, true, true);
        lendIdentity();
        for (String path : copied) {
            Path local = repoTop.resolve(path).normalize();
            if (!local.startsWith(repoTop) || !Files.isRegularFile(local)) {
                continue;
            }
            progress.step("copying " + path, false, true);
            String quoted = ShellWords.quote(path);
            RemoteShell.Result copy = shell.run(
                    "cd " + ShellWords.quote(dir.toString()) + " && mkdir -p \"$(dirname " + quoted + ")\" && cat > "
                            + quoted + " && printf '%s\\n' " + ShellWords.quote("/" + path)
                            + " >> .git/info/exclude",
                    Files.readAllBytes(local),
                    SCRIPT_TIMEOUT,
                    clientEnvironment);
            progress.step("copying " + path, true, copy.ok());
            check("copying " + path, copy);
        }
        for (String command : commands) {
            progress.step("running " + command, false, true);
            RemoteShell.Result run = remoteInWorktree(command);
            progress.step("running " + command, true, run.ok());
            check("setup command '" + command + "'", run);
        }
        return Prepared.CREATED;
    }

    /**
     * The role commits on the host as it would here: the new repository there gets this repository's
     * {@code user.name} and {@code user.email}, in its own config, so that neither the host's global config nor the
     * agent's {@code HOME} there decides who the commits are by.
     */
    private void lendIdentity() throws IOException {
        StringBuilder settings = new StringBuilder();
        for (String key : List.of("user.name", "user.email")) {
            var value = git.execute(repoTop, List.of("config", "--get", key));
            if (value.ok() && !value.stdout().isBlank()) {
                settings.append(" && git config ")
                        .append(key)
                        .append(' ')
                        .append(ShellWords.quote(value.stdout().strip()));
            }
        }
        if (!settings.isEmpty()) {
            check("lending the git identity", remoteInWorktree("true" + settings));
        }
    }

    /**
     * Fetches the host's branch into {@code peers/<role>} here. One at a time per role: the turn's overlap look and
     * commit watch may both ask.
     *
     * @throws GitException when git fails (the host unreachable among other reasons)
     */
    public synchronized void fetchBack() {
        gitHere("fetch", "--quiet", "--no-tags", remote.url(), "+refs/heads/" + branch + ":refs/heads/" + branch);
    }

    /**
     * Commits what the role left uncommitted on the host as a marked WIP commit, as {@link UnsavedWork} does here (no
     * hooks, no signing, a fallback identity), then fetches it back.
     *
     * @return the short sha of the WIP commit, or empty when there was nothing to save
     * @throws IOException when the host cannot be reached or the commit fails
     */
    public Optional<String> saveWip(Clock clock) throws IOException {
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        String message = "WIP(peers-team): uncommitted work of " + role + " saved at " + now;
        RemoteShell.Result saved = check("saving uncommitted work", remoteInWorktree("""
                        [ -n "$(git status --porcelain)" ] || exit 0
                        set --
                        git config user.email >/dev/null || set -- -c user.name=peers-team -c user.email=peers-team@localhost
                        git add -A && git "$@" -c core.hooksPath=/dev/null -c commit.gpgsign=false commit -q -m %s -m %s \
                          && git rev-parse --short=10 HEAD
                        """.formatted(
                        ShellWords.quote(message), ShellWords.quote(UnsavedWork.WIP_TRAILER))));
        fetchBack();
        String sha = saved.stdout().strip();
        return sha.isEmpty() ? Optional.empty() : Optional.of(sha);
    }

    /** The role's worktree on the host. */
    public Path dir() {
        return dir;
    }

    public String where() {
        return shell.where();
    }

    private RemoteShell.Result remoteInWorktree(String script) throws IOException {
        return shell.run(
                "cd " + ShellWords.quote(dir.toString()) + " || exit 1\n" + script,
                new byte[0],
                SCRIPT_TIMEOUT,
                clientEnvironment);
    }

    private RemoteShell.Result check(String what, RemoteShell.Result result) throws IOException {
        if (result.ok()) {
            return result;
        }
        String why = result.timedOut()
                ? "timed out"
                : shell.linkFailed(result.exitCode())
                        ? "cannot reach " + shell.where()
                        : "exit code " + result.exitCode();
        throw new IOException(role + " on " + shell.where() + ": " + what + " failed (" + why + ")"
                + (result.stderr().isBlank() ? "" : ": " + result.stderr().strip()));
    }

    private void gitHere(String... args) {
        List<String> command = new ArrayList<>();
        for (String setting : remote.config()) {
            command.add("-c");
            command.add(setting);
        }
        command.addAll(List.of(args));
        git.run(repoTop, command.toArray(String[]::new));
    }
}
