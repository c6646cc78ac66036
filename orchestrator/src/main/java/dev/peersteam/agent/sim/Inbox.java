package dev.peersteam.agent.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingDeque;

/**
 * The queue between the stdin reader and the turn thread. Messages that arrive while a turn runs wait here and run
 * as the following turns, as in the real CLI's {@code queue} scenario.
 */
final class Inbox {
    private final LinkedBlockingDeque<Work> queue = new LinkedBlockingDeque<>();

    void add(Work work) {
        queue.addLast(work);
    }

    /** Puts {@link Work.Stop} before everything else. */
    void stopNow() {
        queue.addFirst(new Work.Stop());
    }

    Work take() throws InterruptedException {
        return queue.takeFirst();
    }

    /** Messages waiting for a turn (the result's {@code queued_turn_count}). */
    int queuedPrompts() {
        return (int) queue.stream().filter(Work.Prompt.class::isInstance).count();
    }

    /** The uuids of the messages waiting for a turn (an interrupt's {@code still_queued}). */
    List<String> queuedUuids() {
        List<String> uuids = new ArrayList<>();
        for (Work work : queue) {
            if (work instanceof Work.Prompt(Incoming message) && message.uuid() != null) {
                uuids.add(message.uuid());
            }
        }
        return uuids;
    }

    /** Drops the messages waiting for a turn ({@code interrupt} with {@code cancel_queued:true}). */
    void dropPrompts() {
        queue.removeIf(Work.Prompt.class::isInstance);
    }
}
