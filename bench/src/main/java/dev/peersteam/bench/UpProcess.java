package dev.peersteam.bench;

import dev.peersteam.control.ControlClient;
import dev.peersteam.runtime.PeersDir;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;

/**
 * {@code java [opts] -jar peers-team.jar up team.yaml} as a child process, the way a person runs it; every output
 * line is kept with the {@link System#nanoTime()} at which it was read.
 */
final class UpProcess implements AutoCloseable {
    record Line(String text, long nanoTime) {}

    private final Process process;
    private final Path repo;
    private final long startedAt;
    private final List<Line> lines = new ArrayList<>();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final Thread reader;

    private UpProcess(Process process, Path repo, long startedAt) {
        this.process = process;
        this.repo = repo;
        this.startedAt = startedAt;
        this.reader = Thread.ofPlatform().daemon().name("up-output").start(this::read);
    }

    static UpProcess start(Context context, Path repo, List<String> jvmOptions, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(context.java().toString()));
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", context.peersJar().toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(repo.toFile())
                .redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        builder.environment().clear();
        builder.environment().putAll(context.env());
        long started = System.nanoTime();
        return new UpProcess(builder.start(), repo, started);
    }

    long startedAt() {
        return startedAt;
    }

    long pid() {
        return process.pid();
    }

    ControlClient connect() throws IOException {
        try {
            return ControlClient.connect(PeersDir.of(repo).socket());
        } catch (dev.peersteam.control.NoCoordinatorException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    private void read() {
        try (BufferedReader out =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String text;
            while ((text = out.readLine()) != null) {
                long now = System.nanoTime();
                lock.lock();
                try {
                    lines.add(new Line(text, now));
                    changed.signalAll();
                } finally {
                    lock.unlock();
                }
            }
        } catch (IOException e) {
            // the process is gone
        }
    }

    /** Waits for the first line (from the start) matching {@code match}. */
    Line await(Predicate<String> match, Duration timeout) throws InterruptedException {
        return awaitFrom(0, match, timeout);
    }

    /** Waits for the first line at index {@code from} or later that matches. */
    Line awaitFrom(int from, Predicate<String> match, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        lock.lock();
        try {
            int seen = from;
            while (true) {
                for (; seen < lines.size(); seen++) {
                    if (match.test(lines.get(seen).text())) {
                        return lines.get(seen);
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0 || (!process.isAlive() && !reader.isAlive())) {
                    throw new IllegalStateException("peers-team up: no line as expected within " + timeout
                            + (process.isAlive() ? "" : " (it exited)") + "; last lines:\n" + tail(30));
                }
                changed.awaitNanos(left);
            }
        } finally {
            lock.unlock();
        }
    }

    /** Waits until each of {@code roles} has printed "is idle" once; returns the instant of the last of them. */
    long awaitAllIdle(List<String> roles, Duration timeout) throws InterruptedException {
        long last = awaitIdle(roles, timeout);
        if (last < 0) {
            throw new IllegalStateException("peers-team up: " + (roles.size() - idleCount(roles)) + " role(s) not idle"
                    + " within " + timeout + "; last lines:\n" + tail(30));
        }
        return last;
    }

    /** How many of {@code roles} have printed "is idle" so far. */
    int idleCount(List<String> roles) {
        Set<String> waiting = new HashSet<>(roles);
        lock.lock();
        try {
            for (Line line : lines) {
                String[] words = line.text().trim().split("\\s+");
                if (words.length >= 4 && words[2].equals("is") && words[3].equals("idle")) {
                    waiting.remove(words[1]);
                }
            }
        } finally {
            lock.unlock();
        }
        return roles.size() - waiting.size();
    }

    /** Like {@link #awaitAllIdle}, but returns -1 when they are not all idle in time (or the process ended). */
    long awaitIdle(List<String> roles, Duration timeout) throws InterruptedException {
        Set<String> waiting = new HashSet<>(roles);
        long deadline = System.nanoTime() + timeout.toNanos();
        lock.lock();
        try {
            int seen = 0;
            long last = 0;
            while (!waiting.isEmpty()) {
                for (; seen < lines.size(); seen++) {
                    String[] words = lines.get(seen).text().trim().split("\\s+");
                    // "HH:mm:ss role is idle ..."
                    if (words.length >= 4
                            && words[2].equals("is")
                            && words[3].equals("idle")
                            && waiting.remove(words[1])) {
                        last = lines.get(seen).nanoTime();
                    }
                }
                if (waiting.isEmpty()) {
                    break;
                }
                long left = deadline - System.nanoTime();
                if (left <= 0 || (!process.isAlive() && !reader.isAlive())) {
                    return -1;
                }
                changed.awaitNanos(left);
            }
            return last;
        } finally {
            lock.unlock();
        }
    }

    int lineCount() {
        lock.lock();
        try {
            return lines.size();
        } finally {
            lock.unlock();
        }
    }

    /** The text of output line {@code index} (0 is the first). */
    String line(int index) {
        lock.lock();
        try {
            return lines.get(index).text();
        } finally {
            lock.unlock();
        }
    }

    String tail(int n) {
        lock.lock();
        try {
            return String.join(
                    "\n",
                    lines.subList(Math.max(0, lines.size() - n), lines.size()).stream()
                            .map(Line::text)
                            .toList());
        } finally {
            lock.unlock();
        }
    }

    /**
     * {@code peers-team down} through the control socket (SIGTERM if that fails); waits for the exit, then makes
     * sure nothing is left. Not SIGTERM first: after 30 s without activity, a SIGTERM'd coordinator takes 5 s to
     * stop its sessions (the {@code idle} measure shows why), which would only slow the harness down.
     */
    int stop(Duration timeout) throws InterruptedException {
        List<ProcessHandle> children = process.descendants().toList();
        try (ControlClient client = connect()) {
            client.request(new dev.peersteam.control.ControlRequest.Down(false));
        } catch (IOException | RuntimeException e) {
            process.toHandle().destroy();
        }
        boolean exited = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        children.forEach(ProcessHandle::destroyForcibly);
        if (!exited) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
            throw new IllegalStateException("peers-team up did not stop within " + timeout);
        }
        reader.join(Duration.ofSeconds(5));
        return process.exitValue();
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
    }
}
