package dev.peersteam.chaos;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One {@code peers-team up} of a chaos run, as a child process: its live log goes to a file (the evidence; each line
 * with the milliseconds since the process started) and is
 * read as it comes, to know when every role is ready, which process runs each role (the log names the pid of each
 * start), and when to strike. Waiting is on a condition the reader signals, never by polling.
 */
final class UpProcess implements AutoCloseable {
    private static final Pattern STARTING =
            Pattern.compile("^\\d\\d:\\d\\d:\\d\\d (\\S+)\\s+is starting \\(pid (\\d+)(?:, session ([^)\\s]+))?\\)");
    private static final Pattern IDLE = Pattern.compile("^\\d\\d:\\d\\d:\\d\\d (\\S+)\\s+is idle\\b");

    private final Process process;
    private final long startedNanos = System.nanoTime();
    private final Set<String> roles;
    private final Consumer<ProcessHandle> onAgent;
    private final BufferedWriter log;
    private final List<String> lines = new ArrayList<>();
    private final Map<String, ProcessHandle> agents = new LinkedHashMap<>();
    private final Set<String> sessions = new HashSet<>();
    private final Set<String> idleOnce = new HashSet<>();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final Thread reader;
    private long readyNanos = -1;
    private long lastLineNanos = -1;
    private boolean ended;

    private UpProcess(Process process, Set<String> roles, Path logFile, Consumer<ProcessHandle> onAgent)
            throws IOException {
        this.process = process;
        this.roles = Set.copyOf(roles);
        this.onAgent = onAgent;
        this.log = Files.newBufferedWriter(logFile, StandardCharsets.UTF_8);
        this.reader =
                Thread.ofPlatform().daemon().name("chaos-up-" + process.pid()).start(this::read);
    }

    /**
     * Runs {@code java -jar JAR args...} in {@code cwd} with exactly {@code env}; its output goes to {@code logFile}.
     * {@code onAgent} hears about each agent process the live log names, at once (so it can be cleaned up whatever
     * happens later).
     */
    static UpProcess start(
            Path java,
            Path jar,
            Path cwd,
            Map<String, String> env,
            Set<String> roles,
            Path logFile,
            Consumer<ProcessHandle> onAgent,
            String... args)
            throws IOException {
        List<String> command = new ArrayList<>(List.of(java.toString(), "-jar", jar.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder =
                new ProcessBuilder(command).directory(cwd.toFile()).redirectErrorStream(true);
        builder.environment().clear();
        builder.environment().putAll(env);
        return new UpProcess(builder.start(), roles, logFile, onAgent);
    }

    private void read() {
        try (BufferedReader out =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                // how long after the start: the live log's own clock has whole seconds only
                log.write(String.format("+%6d ms  ", (System.nanoTime() - startedNanos) / 1_000_000));
                log.write(line);
                log.newLine();
                log.flush();
                take(line);
            }
        } catch (IOException e) {
            // the process is gone
        } finally {
            try {
                log.close();
            } catch (IOException e) {
                // evidence only
            }
            lock.lock();
            try {
                ended = true;
                changed.signalAll();
            } finally {
                lock.unlock();
            }
        }
    }

    private void take(String line) {
        Matcher starting = STARTING.matcher(line);
        boolean started = starting.find();
        ProcessHandle agent = null;
        if (started) {
            // taken at once: the handle remembers the process's start time, so a recycled pid never passes for it
            agent = ProcessHandle.of(Long.parseLong(starting.group(2))).orElse(null);
            if (agent != null) {
                onAgent.accept(agent);
            }
        }
        lock.lock();
        try {
            lines.add(line);
            lastLineNanos = System.nanoTime();
            if (started) {
                if (agent != null) {
                    agents.put(starting.group(1), agent);
                }
                if (starting.group(3) != null) {
                    sessions.add(starting.group(3));
                }
            }
            Matcher idle = IDLE.matcher(line);
            if (idle.find() && idleOnce.add(idle.group(1)) && readyNanos < 0 && idleOnce.containsAll(roles)) {
                readyNanos = System.nanoTime();
            }
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    long pid() {
        return process.pid();
    }

    /** Lines printed so far. */
    int lineCount() {
        lock.lock();
        try {
            return lines.size();
        } finally {
            lock.unlock();
        }
    }

    List<String> lines() {
        lock.lock();
        try {
            return List.copyOf(lines);
        } finally {
            lock.unlock();
        }
    }

    /** The session ids this run's live log named. */
    Set<String> sessions() {
        lock.lock();
        try {
            return Set.copyOf(sessions);
        } finally {
            lock.unlock();
        }
    }

    /** The role's current agent process, as the live log last named it. */
    Optional<ProcessHandle> agent(String role) {
        lock.lock();
        try {
            return Optional.ofNullable(agents.get(role));
        } finally {
            lock.unlock();
        }
    }

    /** From the start of this process until every role had said "is idle" once; empty if that never happened. */
    Optional<Duration> timeToReady() {
        lock.lock();
        try {
            return readyNanos < 0 ? Optional.empty() : Optional.of(Duration.ofNanos(readyNanos - startedNanos));
        } finally {
            lock.unlock();
        }
    }

    /** Waits until every role is ready; false when the guard ran out or the output ended first. */
    boolean awaitReady(Duration guard) throws InterruptedException {
        return awaitState(() -> readyNanos >= 0, guard);
    }

    /**
     * Waits until at least {@code count} lines have been printed; false when the log went quiet first (no line for
     * {@code quiet} once the first line is out: the JVM's own start prints nothing and does not count), when the
     * output ended, or when {@code guard} ran out.
     */
    boolean awaitLines(int count, Duration quiet, Duration guard) throws InterruptedException {
        long deadline = System.nanoTime() + guard.toNanos();
        lock.lock();
        try {
            while (lines.size() < count) {
                long now = System.nanoTime();
                long until = lastLineNanos < 0 ? deadline : Math.min(deadline, lastLineNanos + quiet.toNanos());
                if (now >= until || ended) {
                    return lines.size() >= count;
                }
                changed.awaitNanos(until - now);
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits for a line from index {@code from} on that matches; returns its index, or -1 when the guard ran out or
     * the output ended.
     */
    int awaitLine(int from, Predicate<String> match, Duration guard) throws InterruptedException {
        int[] found = {-1};
        int[] seen = {from};
        awaitState(
                () -> {
                    for (; seen[0] < lines.size(); seen[0]++) {
                        if (match.test(lines.get(seen[0]))) {
                            found[0] = seen[0];
                            return true;
                        }
                    }
                    return false;
                },
                guard);
        return found[0];
    }

    private boolean awaitState(java.util.function.BooleanSupplier condition, Duration guard)
            throws InterruptedException {
        long deadline = System.nanoTime() + guard.toNanos();
        lock.lock();
        try {
            while (!condition.getAsBoolean()) {
                long left = deadline - System.nanoTime();
                if (left <= 0 || ended) {
                    return condition.getAsBoolean();
                }
                changed.awaitNanos(left);
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** Every process below the coordinator right now (its agents, and what they run). */
    List<ProcessHandle> descendants() {
        return process.descendants().toList();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** SIGKILL: the coordinator gets no chance to clean up. */
    void kill() {
        process.toHandle().destroyForcibly();
    }

    /** The exit code, once the process has ended within {@code guard}; empty when it has not. */
    OptionalInt waitFor(Duration guard) throws InterruptedException {
        if (!process.waitFor(guard.toMillis(), TimeUnit.MILLISECONDS)) {
            return OptionalInt.empty();
        }
        reader.join(Duration.ofSeconds(5));
        return OptionalInt.of(process.exitValue());
    }

    @Override
    public void close() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }
}
