package dev.peersteam.coordinator;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** {@link Timers} on one daemon thread; a timer never touches state, it only posts an event. */
public final class SchedulerTimers implements Timers, AutoCloseable {
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "peers-timers");
        thread.setDaemon(true);
        return thread;
    });

    @Override
    public void schedule(Duration delay, Runnable action) {
        scheduler.schedule(action, delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
