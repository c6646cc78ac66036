package dev.peersteam.runtime;

import dev.peersteam.coordinator.Recovery;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * Session processes a killed coordinator left behind. A CLI whose host died finishes the model call it is in (and a
 * tool that runs, and the model call after it), writes all that to its transcript and exits, a few seconds later;
 * resuming its session beside it would have two processes write one transcript, and its transcript must be complete
 * before it is read. So each is given a little time to end by itself (a kill loses what it has not written yet),
 * then stopped. A
 * process is only touched when it is ours beyond doubt: it runs as this user and its command line names the
 * session ({@code --resume=ID} or {@code --session-id=ID}, which the coordinator always passes) — a recycled pid of
 * an unrelated program never matches.
 */
final class LeftoverSessions {
    /** How long a leftover gets to finish by itself, and then to end after SIGTERM. */
    private static final Duration GRACE = Duration.ofSeconds(5);

    private LeftoverSessions() {}

    static void stop(List<Recovery.Launch> launches, Consumer<String> report) {
        stop(launches, report, GRACE);
    }

    static void stop(List<Recovery.Launch> launches, Consumer<String> report, Duration grace) {
        if (launches.isEmpty()) {
            return;
        }
        String user = System.getProperty("user.name");
        List<ProcessHandle> everyone = ProcessHandle.allProcesses().toList();
        for (Recovery.Launch launch : launches) {
            for (ProcessHandle handle : everyone) {
                if (handle.pid() != ProcessHandle.current().pid() && isSession(handle, launch.sessionId(), user)) {
                    report.accept(launch.role() + ": a session process of the previous run (pid " + handle.pid()
                            + ", session " + launch.sessionId() + ") is still running; it gets "
                            + grace.toSeconds() + " s to finish, then it is stopped, before its session is resumed");
                    end(handle, grace);
                }
            }
        }
    }

    static boolean isSession(ProcessHandle handle, String sessionId, String user) {
        if (!handle.isAlive()) {
            return false;
        }
        ProcessHandle.Info info = handle.info();
        if (info.user().map(u -> !u.equals(user)).orElse(true)) {
            return false;
        }
        Optional<String[]> arguments = info.arguments();
        if (arguments.isEmpty()) {
            return false;
        }
        for (String argument : arguments.get()) {
            if (argument.equals("--resume=" + sessionId) || argument.equals("--session-id=" + sessionId)) {
                return true;
            }
        }
        return false;
    }

    private static void end(ProcessHandle handle, Duration grace) {
        if (exited(handle, grace)) {
            return;
        }
        handle.destroy();
        if (!exited(handle, grace)) {
            handle.destroyForcibly();
            exited(handle, grace);
        }
    }

    private static boolean exited(ProcessHandle handle, Duration grace) {
        try {
            handle.onExit().get(grace.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException | ExecutionException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
