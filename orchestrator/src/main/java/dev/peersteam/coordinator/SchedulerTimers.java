package dev.peersteam.coordinator;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/** {@link Timers} on one daemon thread; a timer never touches state, it only posts its event. */
public final class SchedulerTimers implements Timers, AutoCloseable {
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "peers-timers");
        thread.setDaemon(true);
        return thread;
    });

    @Override
    public void schedule(Duration delay, Event event, Consumer<Event> post) {
        scheduler.schedule(() -> post.accept(event), delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
