package dev.peersteam.git;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.commons.exec.CommandLine;
import org.apache.commons.exec.DefaultExecutor;
import org.apache.commons.exec.ExecuteException;
import org.apache.commons.exec.Executor;
import org.apache.commons.exec.ProcessDestroyer;
import org.apache.commons.exec.PumpStreamHandler;

/**
 * Runs one external command with Commons Exec: an argument list (never a shell string), a working directory, a fixed
 * environment, a closed stdin, output pumped into the given streams, and a timeout that kills the whole process tree.
 */
final class CommandRunner {
    /**
     * Variables that pin git to one repository. Inherited from a git hook or a wrapper they would send our git calls
     * (and a setup command's) to that repository instead of the one we name, so children never see them.
     */
    private static final Set<String> REPOSITORY_PINNING = Set.of(
            "GIT_DIR",
            "GIT_WORK_TREE",
            "GIT_INDEX_FILE",
            "GIT_COMMON_DIR",
            "GIT_OBJECT_DIRECTORY",
            "GIT_ALTERNATE_OBJECT_DIRECTORIES",
            "GIT_PREFIX",
            "GIT_NAMESPACE",
            "GIT_IMPLICIT_WORK_TREE");

    /** How long to wait for output after the command exited: a background child may hold the pipe open forever. */
    private static final Duration OUTPUT_GRACE = Duration.ofSeconds(2);

    /** How long a timed-out process tree gets between SIGTERM (git removes its lock files) and SIGKILL. */
    private static final Duration KILL_GRACE = Duration.ofSeconds(5);

    private final Map<String, String> environment;

    /** @param environment the complete environment of every child, see {@link #childEnvironment} */
    CommandRunner(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
    }

    /** This process's environment without the repository-pinning git variables, never prompting, plus {@code extra}. */
    static Map<String, String> childEnvironment(Map<String, String> extra) {
        Map<String, String> env = new HashMap<>(System.getenv());
        env.keySet().removeAll(REPOSITORY_PINNING);
        env.put("GIT_TERMINAL_PROMPT", "0");
        env.putAll(extra);
        return env;
    }

    /**
     * How a command ended.
     *
     * @param exitCode its exit code (meaningless when it timed out)
     * @param timedOut it ran longer than its timeout and was killed
     * @param outputComplete false when something (a background child) still held its output open after it exited
     */
    record Outcome(int exitCode, boolean timedOut, boolean outputComplete) {}

    /**
     * Runs {@code command} in {@code dir} and waits for it; {@code out} and {@code err} may be the same (thread-safe)
     * stream.
     *
     * @throws IOException when it cannot be started (not installed, directory gone) or the wait was interrupted
     */
    Outcome run(List<String> command, Path dir, Duration timeout, OutputStream out, OutputStream err)
            throws IOException {
        return run(command, dir, timeout, out, err, Map.of());
    }

    /**
     * Like {@link #run(List, Path, Duration, OutputStream, OutputStream)}, with {@code extraEnvironment} added for this
     * one command (e.g. {@code GIT_INDEX_FILE} pointing at a scratch index).
     */
    Outcome run(
            List<String> command,
            Path dir,
            Duration timeout,
            OutputStream out,
            OutputStream err,
            Map<String, String> extraEnvironment)
            throws IOException {
        Map<String, String> env = environment;
        if (!extraEnvironment.isEmpty()) {
            env = new HashMap<>(environment);
            env.putAll(extraEnvironment);
        }
        CommandLine line = new CommandLine(command.getFirst());
        // handleQuoting=false: otherwise Commons Exec wraps arguments with spaces in literal quotes.
        command.subList(1, command.size()).forEach(arg -> line.addArgument(arg, false));

        PumpStreamHandler streams = new PumpStreamHandler(out, err, null); // no input: the child's stdin is closed
        streams.setStopTimeout(OUTPUT_GRACE);
        DefaultExecutor executor = DefaultExecutor.builder()
                .setWorkingDirectory(dir)
                .setExecuteStreamHandler(streams)
                .get();
        executor.setExitValues(null); // the caller judges the exit code
        ProcessTracker tracker = new ProcessTracker();
        executor.setProcessDestroyer(tracker);

        AtomicBoolean timedOut = new AtomicBoolean();
        Thread timer = Thread.ofVirtual().name("timeout " + command.getFirst()).start(() -> {
            try {
                Thread.sleep(timeout);
            } catch (InterruptedException finishedInTime) {
                return;
            }
            timedOut.set(true);
            tracker.killTree();
        });
        try {
            int exit = executor.execute(line, env);
            if (exit == Executor.INVALID_EXITVALUE && !timedOut.get()) {
                // Commons Exec destroys the child and swallows the interrupt when the waiting thread is interrupted.
                tracker.killTree();
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while running " + command.getFirst());
            }
            return new Outcome(exit, timedOut.get(), true);
        } catch (ExecuteException e) {
            // The output pumps did not finish within OUTPUT_GRACE after the process exited; its exit code still counts.
            Process process = tracker.process;
            if (process != null && !process.isAlive()) {
                return new Outcome(process.exitValue(), timedOut.get(), false);
            }
            throw e;
        } finally {
            timer.interrupt();
        }
    }

    /** Remembers the started process (Commons Exec offers no other hook) so a timeout can kill its descendants too. */
    private static final class ProcessTracker implements ProcessDestroyer {
        private volatile Process process;

        @Override
        public boolean add(Process started) {
            this.process = started;
            return true;
        }

        @Override
        public boolean remove(Process finished) {
            return true; // keep it: its exit code may still be read
        }

        @Override
        public int size() {
            return process == null ? 0 : 1;
        }

        /**
         * Killing only the direct child (as Commons Exec's watchdog does) leaves e.g. {@code npm} under {@code bash -c}
         * running, holding the output pipe, and the wait never ends.
         */
        void killTree() {
            Process root = process;
            if (root == null) {
                return;
            }
            // Collect the descendants first: once the root dies they are re-parented and no longer found.
            List<ProcessHandle> tree =
                    new ArrayList<>(root.toHandle().descendants().toList());
            tree.addFirst(root.toHandle());
            tree.forEach(ProcessHandle::destroy);
            try {
                CompletableFuture.allOf(tree.stream().map(ProcessHandle::onExit).toArray(CompletableFuture[]::new))
                        .get(KILL_GRACE.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException | TimeoutException stillAlive) {
                // SIGKILL below
            }
            tree.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
        }
    }
}
