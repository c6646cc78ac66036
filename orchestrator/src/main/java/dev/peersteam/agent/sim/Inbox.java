package dev.peersteam.agent.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingDeque;

/**
 * The queue between the stdin reader and the turn thread. Messages that arrive while a turn runs wait here: the
 * running turn takes them in at its next tool result (folded), else they run together as the next turn (merged), as
 * the real CLI does.
 */
final class Inbox {
    private final LinkedBlockingDeque<Work> queue = new LinkedBlockingDeque<>();

    void add(Work work) {
        queue.addLast(work);
    }

    /** Puts {@code work} before everything else. */
    void addFirst(Work work) {
        queue.addFirst(work);
    }

    /** Puts {@link Work.Stop} before everything else. */
    void stopNow() {
        queue.addFirst(new Work.Stop());
    }

    Work take() throws InterruptedException {
        return queue.takeFirst();
    }

    /** Takes the messages waiting at the head of the queue (those a turn merges or folds in). */
    synchronized List<Work.Prompt> takePrompts() {
        List<Work.Prompt> taken = new ArrayList<>();
        while (queue.peekFirst() instanceof Work.Prompt prompt) {
            queue.pollFirst();
            taken.add(prompt);
        }
        return taken;
    }

    /** Removes the waiting message with {@code uuid} ({@code cancel_async_message}); null when none waits. */
    synchronized Work.Prompt remove(String uuid) {
        for (Work work : queue) {
            if (work instanceof Work.Prompt prompt
                    && uuid.equals(prompt.message().uuid())
                    && queue.remove(work)) {
                return prompt;
            }
        }
        return null;
    }

    /** Messages waiting for a turn (the result's {@code queued_turn_count}). */
    int queuedPrompts() {
        return (int) queue.stream().filter(Work.Prompt.class::isInstance).count();
    }

    /** The uuids of the messages waiting for a turn (an interrupt's {@code still_queued}). */
    List<String> queuedUuids() {
        List<String> uuids = new ArrayList<>();
        for (Work work : queue) {
            if (work instanceof Work.Prompt(Incoming message, boolean runAgain) && message.uuid() != null) {
                uuids.add(message.uuid());
            }
        }
        return uuids;
    }

    /** Drops and returns the messages waiting for a turn ({@code interrupt} with {@code cancel_queued:true}). */
    synchronized List<Work.Prompt> dropPrompts() {
        List<Work.Prompt> dropped = new ArrayList<>();
        for (Work work : queue) {
            if (work instanceof Work.Prompt prompt) {
                dropped.add(prompt);
            }
        }
        queue.removeAll(dropped);
        return dropped;
    }
}
