package dev.peersteam.runtime;

import dev.peersteam.coordinator.Recovery;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * Session processes a killed coordinator left behind. A CLI whose host died finishes the model call it is in
 * before it notices, so it may still run when {@code up} starts again; resuming its session beside it would have
 * two processes write one transcript. They are stopped first. A pid is only trusted if that process started before
 * the journal recorded it, so a recycled pid of some unrelated program is never touched.
 */
final class LeftoverSessions {
    private static final Duration GRACE = Duration.ofSeconds(5);

    private LeftoverSessions() {}

    static void stop(List<Recovery.Process> recorded, Consumer<String> report) {
        for (Recovery.Process process : recorded) {
            Optional<ProcessHandle> handle = ProcessHandle.of(process.pid())
                    .filter(ProcessHandle::isAlive)
                    .filter(h -> startedBefore(h, process.recordedAt()));
            if (handle.isEmpty()) {
                continue;
            }
            report.accept(process.role() + ": the session process of the previous run (pid " + process.pid()
                    + ") is still running; stopping it before resuming its session");
            handle.get().destroy();
            if (!exited(handle.get())) {
                handle.get().destroyForcibly();
                exited(handle.get());
            }
        }
    }

    private static boolean startedBefore(ProcessHandle handle, Instant recordedAt) {
        return handle.info()
                .startInstant()
                .map(start -> !start.isAfter(recordedAt))
                .orElse(false);
    }

    private static boolean exited(ProcessHandle handle) {
        try {
            handle.onExit().get(GRACE.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException | ExecutionException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
