package dev.peersteam.console;

import dev.peersteam.control.ControlClient;
import dev.peersteam.control.ControlErrorException;
import dev.peersteam.control.ControlResponse;
import dev.peersteam.control.NoCoordinatorException;
import dev.peersteam.control.TeamEvent;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * The console's subscription: a connection of its own, read on a thread of its own, handing every team event to
 * the console (which prints it above the prompt). {@link #live()} completes with the first event (the coordinator
 * greets every subscriber), {@link #ended()} when the coordinator ends the stream or cannot be reached, with the
 * reason; closing it from the console does not count as an end.
 */
final class LiveEvents implements AutoCloseable {
    /** Why the events end when the coordinator stops: the reason {@link #ended()} completes with. */
    static final String SHUTTING_DOWN = "the coordinator is shutting down";

    private final ControlLink link;
    private final Consumer<TeamEvent> events;
    private final Consumer<String> notices;
    private final CompletableFuture<Void> live = new CompletableFuture<>();
    private final CompletableFuture<String> ended = new CompletableFuture<>();
    private final Object lock = new Object();
    private ControlClient client; // guarded by lock
    private boolean closed; // guarded by lock

    /**
     * @param events  every event, in order, on the subscription's thread
     * @param notices what the console should tell the person about the subscription itself
     */
    LiveEvents(ControlLink link, Consumer<TeamEvent> events, Consumer<String> notices) {
        this.link = link;
        this.events = events;
        this.notices = notices;
    }

    void start() {
        Thread.ofVirtual().name("console-events").start(this::run);
    }

    CompletableFuture<Void> live() {
        return live;
    }

    CompletableFuture<String> ended() {
        return ended;
    }

    private void run() {
        while (true) {
            ControlClient connection;
            try {
                connection = ControlClient.connect(link.socket());
            } catch (NoCoordinatorException e) {
                end("no coordinator is running");
                return;
            } catch (IOException e) {
                end("cannot reach the coordinator: " + e.getMessage());
                return;
            }
            synchronized (lock) {
                if (closed) {
                    connection.close();
                    return;
                }
                client = connection;
            }
            try {
                connection.subscribe(this::accept);
                end("the coordinator ended the connection");
                return;
            } catch (ControlErrorException e) {
                if (e.error().code().equals(ControlResponse.Error.SLOW_CONSUMER) && !isClosed()) {
                    notices.accept("the console fell behind and missed live events; listening again");
                    continue;
                }
                end(
                        e.error().code().equals(ControlResponse.Error.SHUTTING_DOWN)
                                ? SHUTTING_DOWN
                                : e.error().message());
                return;
            } catch (IOException e) {
                end("lost the connection to the coordinator: " + e.getMessage());
                return;
            } catch (RuntimeException e) {
                end("the live events stopped: " + e);
                return;
            }
        }
    }

    private void accept(TeamEvent event) {
        live.complete(null);
        try {
            events.accept(event);
        } catch (RuntimeException e) {
            notices.accept("could not show an event (" + e + ")"); // the next one may well work
        }
    }

    private boolean isClosed() {
        synchronized (lock) {
            return closed;
        }
    }

    private void end(String reason) {
        if (!isClosed()) {
            ended.complete(reason);
        }
    }

    /** Stops listening; the coordinator forgets the subscription when it sees the connection go. */
    @Override
    public void close() {
        ControlClient open;
        synchronized (lock) {
            closed = true;
            open = client;
        }
        if (open != null) {
            open.close();
        }
    }
}
