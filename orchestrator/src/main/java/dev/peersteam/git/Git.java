package dev.peersteam.git;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs {@code git} in a directory: an argument list, stdout and stderr captured, stdin closed, a timeout, never a
 * prompt. Every call runs with {@code -c core.quotepath=off} so listed paths come out as they are, not C-quoted.
 */
public final class Git {
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(5);

    private static final List<String> ALWAYS = List.of("git", "-c", "core.quotepath=off");

    private final Duration timeout;
    private final CommandRunner runner;

    /** git from the PATH, this process's environment, {@link #DEFAULT_TIMEOUT}. */
    public Git() {
        this(DEFAULT_TIMEOUT, Map.of());
    }

    /**
     * @param timeout how long one git command may run (a checkout of a big repository, or a slow hook, takes time)
     * @param extraEnvironment variables added to this process's environment, e.g. a git identity in tests
     */
    public Git(Duration timeout, Map<String, String> extraEnvironment) {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive: " + timeout);
        }
        this.timeout = timeout;
        this.runner = new CommandRunner(CommandRunner.childEnvironment(extraEnvironment));
    }

    /**
     * Runs {@code git args...} in {@code dir} and returns its standard output with trailing line breaks removed.
     *
     * @throws GitException when git cannot be started, exits non-zero or times out
     */
    public String run(Path dir, String... args) {
        GitResult result = execute(dir, List.of(args));
        if (!result.ok()) {
            throw GitException.failed(result);
        }
        return result.stdout().stripTrailing();
    }

    /**
     * Runs {@code git args...} in {@code dir} whatever its exit code, for commands whose exit code is an answer
     * ({@code rev-parse --verify --quiet}).
     *
     * @throws GitException only when git cannot be started at all
     */
    public GitResult execute(Path dir, List<String> args) {
        return execute(dir, args, Map.of());
    }

    /**
     * Like {@link #run(Path, String...)}, with {@code extraEnvironment} added for this one command.
     *
     * @throws GitException when git cannot be started, exits non-zero or times out
     */
    String run(Path dir, Map<String, String> extraEnvironment, List<String> args) {
        GitResult result = execute(dir, args, extraEnvironment);
        if (!result.ok()) {
            throw GitException.failed(result);
        }
        return result.stdout().stripTrailing();
    }

    /** Like {@link #execute(Path, List)}, with {@code extraEnvironment} added for this one command. */
    GitResult execute(Path dir, List<String> args, Map<String, String> extraEnvironment) {
        if (!Files.isDirectory(dir)) {
            throw new GitException("cannot run git in " + dir + ": there is no such directory");
        }
        List<String> command = new ArrayList<>(ALWAYS);
        command.addAll(args);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        CommandRunner.Outcome outcome;
        try {
            outcome = runner.run(command, dir, timeout, out, err, extraEnvironment);
        } catch (InterruptedIOException e) {
            throw new GitException("interrupted while running git " + String.join(" ", args) + " in " + dir, e);
        } catch (IOException e) {
            throw new GitException(
                    "could not run git in " + dir + ": " + e.getMessage() + " (is git installed and on the PATH?)", e);
        }
        return new GitResult(
                args,
                dir,
                outcome.exitCode(),
                outcome.timedOut(),
                out.toString(StandardCharsets.UTF_8),
                err.toString(StandardCharsets.UTF_8));
    }
}
