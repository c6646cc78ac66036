package dev.peersteam.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * The packaged {@code peers-team.jar} run as a child process, as a user runs it: its output is collected and
 * tests can wait for a line without polling.
 */
public final class CoordinatorProcess implements AutoCloseable {
    private final Process process;
    private final GrowingText output = new GrowingText("peers-team", Duration.ofSeconds(30));
    private final Thread reader;

    private CoordinatorProcess(Process process) {
        this.process = process;
        this.reader = Thread.ofVirtual().start(this::read);
    }

    /** Runs {@code java -jar target/peers-team.jar args...} in {@code cwd} with exactly {@code env}. */
    public static CoordinatorProcess start(Path cwd, Map<String, String> env, String... args) throws IOException {
        Path jar = Path.of("target", "peers-team.jar").toAbsolutePath();
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: end-to-end tests run after 'package' (mvn verify)");
        }
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java, "-jar", jar.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder =
                new ProcessBuilder(command).directory(cwd.toFile()).redirectErrorStream(true);
        builder.environment().clear();
        builder.environment().putAll(env);
        return new CoordinatorProcess(builder.start());
    }

    private void read() {
        try (BufferedReader out =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                System.out.println("[peers-team] " + line);
                output.append(line + "\n");
            }
        } catch (IOException e) {
            // process gone
        } finally {
            output.end();
        }
    }

    /** Waits for an output line matching {@code match}; fails with the whole output when none comes in time. */
    public String awaitLine(Predicate<String> match, Duration timeout) throws InterruptedException {
        return output.awaitLine(match, timeout);
    }

    public List<String> output() {
        return output.lines();
    }

    public long pid() {
        return process.pid();
    }

    public List<ProcessHandle> descendants() {
        return process.descendants().toList();
    }

    /**
     * SIGTERM, as a shell's kill or a service manager would send. Through the handle: {@code Process.destroy()}
     * would also close our end of its output, and we want to read what it prints while it stops.
     */
    public void terminate() {
        process.toHandle().destroy();
    }

    /** SIGKILL: the coordinator gets no chance to clean up. */
    public void kill() {
        process.toHandle().destroyForcibly();
    }

    /** Waits for the exit; returns the exit code. */
    public int waitFor(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError(
                    "peers-team did not exit within " + timeout + "; output:\n" + String.join("\n", output()));
        }
        reader.join(Duration.ofSeconds(5));
        return process.exitValue();
    }

    @Override
    public void close() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }
}
