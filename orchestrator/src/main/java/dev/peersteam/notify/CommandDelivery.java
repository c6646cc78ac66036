package dev.peersteam.notify;

import dev.peersteam.json.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs the notify command once per notice: the notice as one JSON line on stdin, and as {@code PEERS_NOTIFY_*}
 * environment variables, so that {@code notify-send}, {@code ntfy} or a script can use whichever suits them. A
 * command that does not finish within the timeout is killed (with what it started) and counts as failed.
 */
final class CommandDelivery implements Delivery {
    private static final int KEPT_OUTPUT = 300;

    private final List<String> argv;
    private final Path directory;
    private final Duration timeout;

    CommandDelivery(List<String> argv, Path directory, Duration timeout) {
        this.argv = List.copyOf(argv);
        this.directory = directory;
        this.timeout = timeout;
    }

    @Override
    public void deliver(Notice notice, String dashboard) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(argv).redirectErrorStream(true);
        if (directory != null) {
            builder.directory(directory.toFile());
        }
        Map<String, String> env = builder.environment();
        env.put("PEERS_NOTIFY_KIND", notice.kind().wire());
        env.put("PEERS_NOTIFY_TEAM", notice.team());
        env.put("PEERS_NOTIFY_TEXT", notice.text());
        env.put("PEERS_NOTIFY_ROLE", notice.role() == null ? "" : notice.role());
        env.put("PEERS_NOTIFY_ID", notice.id() == null ? "" : notice.id());
        env.put("PEERS_NOTIFY_COUNT", Integer.toString(notice.count()));
        env.put("PEERS_NOTIFY_DASHBOARD", dashboard == null ? "" : dashboard);
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new IOException("cannot start it: " + e.getMessage(), e);
        }
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        Thread reader = Thread.ofVirtual().name("notify-command-output").start(() -> keepStart(process, output));
        try (OutputStream stdin = process.getOutputStream()) {
            stdin.write((Json.MAPPER.writeValueAsString(notice.payload(dashboard)) + "\n")
                    .getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            // the command need not read its input (notify-send does not)
        }
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            throw new IOException("it did not finish within " + timeout.toSeconds() + " s and was killed");
        }
        reader.join(Duration.ofSeconds(1));
        if (process.exitValue() != 0) {
            String said;
            synchronized (output) {
                said = Clean.line(output.toString(StandardCharsets.UTF_8), KEPT_OUTPUT);
            }
            throw new IOException("it exited with code " + process.exitValue() + (said.isEmpty() ? "" : ": " + said));
        }
    }

    /** Reads the command's output to its end (so it never blocks on a full pipe), keeping only its start. */
    private static void keepStart(Process process, ByteArrayOutputStream kept) {
        byte[] buffer = new byte[4096];
        try (InputStream in = process.getInputStream()) {
            int n;
            while ((n = in.read(buffer)) > 0) {
                synchronized (kept) {
                    if (kept.size() < KEPT_OUTPUT * 4) {
                        kept.write(buffer, 0, Math.min(n, KEPT_OUTPUT * 4 - kept.size()));
                    }
                }
            }
        } catch (IOException e) {
            // the process is gone
        }
    }
}
