package dev.peersteam.remote;

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
 * A way to run a POSIX shell script on another machine (or in a container) with its stdin, stdout and stderr carried
 * over a byte stream by a local client program: {@code ssh} ({@link SshShell}), or {@code docker exec -i},
 * {@code kubectl exec -i} ({@link ExecShell}). Everything that runs on a role's host goes through one of these: the
 * agent (through {@link RemoteLauncher}), the look at its transcript, and git (through {@link #gitRemote}).
 */
public interface RemoteShell {
    /**
     * The local command line that runs {@code script} with {@code sh} on the far side: its stdin, stdout and stderr are
     * the local process's, and its exit code comes back as the local process's (a failure of the link itself is told
     * apart by {@link #linkFailed}).
     */
    List<String> argv(String script);

    /** Where the scripts run, for people: the SSH destination, the container. */
    String where();

    /** Whether an exit code is the client's own failure (no connection, refused, link lost), not the script's. */
    boolean linkFailed(int exitCode);

    /** How git on this machine reaches the repository in {@code dir} on the far side. */
    GitRemote gitRemote(Path dir);

    /**
     * A git remote: the URL to fetch from and push to, the environment git needs for it, and the {@code -c} settings
     * that allow it.
     */
    record GitRemote(String url, Map<String, String> environment, List<String> config) {
        public GitRemote {
            environment = Map.copyOf(environment);
            config = List.copyOf(config);
        }
    }

    /** What a script said and how it ended. */
    record Result(int exitCode, String stdout, String stderr, boolean timedOut) {
        public boolean ok() {
            return exitCode == 0 && !timedOut;
        }
    }

    /**
     * Runs {@code script} on the far side and waits for it, with {@code input} as its stdin, at most {@code timeout}.
     *
     * @param environment the client's environment (ssh reads its agent socket and config from there)
     */
    default Result run(String script, byte[] input, Duration timeout, Map<String, String> environment)
            throws IOException {
        ProcessBuilder builder = new ProcessBuilder(argv(script));
        builder.environment().clear();
        builder.environment().putAll(environment);
        Process process = builder.start();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Thread outPump = pump(process.getInputStream(), out);
        Thread errPump = pump(process.getErrorStream(), err);
        try (OutputStream stdin = process.getOutputStream()) {
            stdin.write(input);
        } catch (IOException closedEarly) {
            // the script did not read all of it; its exit code tells
        }
        try {
            boolean ended = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (!ended) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                process.waitFor();
            }
            outPump.join();
            errPump.join();
            return new Result(
                    ended ? process.exitValue() : -1,
                    out.toString(StandardCharsets.UTF_8),
                    err.toString(StandardCharsets.UTF_8),
                    !ended);
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted while running a script on " + where());
        }
    }

    private static Thread pump(InputStream from, ByteArrayOutputStream to) {
        return Thread.ofVirtual().start(() -> {
            try (from) {
                from.transferTo(to);
            } catch (IOException ignored) {
                // the process is gone: what came is what there is
            }
        });
    }
}
