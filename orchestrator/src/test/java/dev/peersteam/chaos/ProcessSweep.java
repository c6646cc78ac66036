package dev.peersteam.chaos;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Every process a chaos run may have left: the agents the live logs named, everything that was below a coordinator
 * when it was killed, and any process whose command line names one of the run's sessions ({@code --session-id=S},
 * {@code --resume=S}) or a path inside the run's folder (the sim's script; marks end with a '/', so another test's
 * folder whose name merely starts the same is never taken for ours). Handles are kept from the moment a process
 * is seen: a handle knows its process's start time, so a recycled pid never passes for a leftover.
 */
final class ProcessSweep {
    private final Set<ProcessHandle> seen = ConcurrentHashMap.newKeySet();

    void track(ProcessHandle process) {
        if (process.pid() != ProcessHandle.current().pid()) {
            seen.add(process);
        }
    }

    void trackAll(Collection<ProcessHandle> processes) {
        processes.forEach(this::track);
    }

    /** What is still alive: tracked processes, and any process naming {@code marks} on its command line. */
    List<ProcessHandle> alive(Collection<String> marks) {
        List<ProcessHandle> alive =
                new ArrayList<>(seen.stream().filter(ProcessHandle::isAlive).toList());
        ProcessHandle.allProcesses()
                .filter(p -> p.pid() != ProcessHandle.current().pid() && !alive.contains(p))
                .filter(p -> {
                    String line = p.info().commandLine().orElse("");
                    return marks.stream().anyMatch(m -> !m.isBlank() && line.contains(m));
                })
                .forEach(alive::add);
        return alive;
    }

    static String describe(ProcessHandle p) {
        String line = p.info().commandLine().orElse("?");
        return "pid " + p.pid() + " (" + (line.length() > 300 ? line.substring(0, 300) + "…" : line) + ")";
    }

    /** SIGKILL for everything still alive, and a short wait for them to go. */
    static void killAll(List<ProcessHandle> processes) {
        processes.forEach(ProcessHandle::destroyForcibly);
        for (ProcessHandle p : processes) {
            try {
                p.onExit().get(Duration.ofSeconds(5).toMillis(), TimeUnit.MILLISECONDS);
            } catch (Exception e) {
                // best effort: reported by the caller's check
            }
        }
    }
}
