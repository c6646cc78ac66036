package dev.peersteam.coordinator;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A role's messages that are not delivered yet, in order: those waiting for the session to be ready, and those
 * written to its stdin that its CLI has not taken up (in flight). A message leaves the mailbox only when the CLI
 * says it has it; everything else keeps it here, for the next session if this one ends.
 */
final class Mailbox {
    private final Deque<Envelope> waiting = new ArrayDeque<>();
    private final Map<String, Envelope> inFlight = new LinkedHashMap<>();

    void hold(Envelope envelope) {
        waiting.add(envelope);
    }

    /** Everything waiting, now counted as written to the session; in the order it came. */
    List<Envelope> release() {
        List<Envelope> released = new ArrayList<>(waiting);
        waiting.clear();
        released.forEach(e -> inFlight.put(e.id(), e));
        return released;
    }

    /** The session has this message (started on it, or already had it): it leaves the mailbox. */
    Optional<Envelope> taken(String id) {
        Envelope envelope = inFlight.remove(id);
        if (envelope == null) {
            // e.g. found in the transcript of a session before it was written again
            for (var it = waiting.iterator(); it.hasNext(); ) {
                Envelope candidate = it.next();
                if (candidate.id().equals(id)) {
                    it.remove();
                    return Optional.of(candidate);
                }
            }
        }
        return Optional.ofNullable(envelope);
    }

    /** The session dropped a message it had been written (an interrupt cleared its queue): it waits again. */
    Optional<Envelope> dropped(String id) {
        Envelope envelope = inFlight.remove(id);
        if (envelope != null) {
            waiting.addFirst(envelope);
        }
        return Optional.ofNullable(envelope);
    }

    /** Messages to send again before anything waiting (a session lost them): at the front, in their order. */
    void returnToFront(List<Envelope> envelopes) {
        for (int i = envelopes.size() - 1; i >= 0; i--) {
            Envelope envelope = envelopes.get(i);
            if (!inFlight.containsKey(envelope.id()) && waiting.stream().noneMatch(e -> e.id().equals(envelope.id()))) {
                waiting.addFirst(envelope);
            }
        }
    }

    /** The session ended: what it had not taken goes back to the front of the queue, in order. */
    void requeue() {
        List<Envelope> unstarted = new ArrayList<>(inFlight.values());
        inFlight.clear();
        for (int i = unstarted.size() - 1; i >= 0; i--) {
            waiting.addFirst(unstarted.get(i));
        }
    }

    /** Removes every message, e.g. for a role that is gone for good; returns them. */
    List<Envelope> clear() {
        List<Envelope> all = all();
        waiting.clear();
        inFlight.clear();
        return all;
    }

    boolean inFlight(String id) {
        return inFlight.containsKey(id);
    }

    /** Messages not yet written to the session. */
    int waitingCount() {
        return waiting.size();
    }

    boolean nothingInFlight() {
        return inFlight.isEmpty();
    }

    boolean isEmpty() {
        return waiting.isEmpty() && inFlight.isEmpty();
    }

    int size() {
        return waiting.size() + inFlight.size();
    }

    /** Every message not delivered yet: in flight first (they were written first), then waiting. */
    List<Envelope> all() {
        List<Envelope> all = new ArrayList<>(inFlight.values());
        all.addAll(waiting);
        return all;
    }

    Set<String> ids() {
        Set<String> ids = new java.util.LinkedHashSet<>(inFlight.keySet());
        waiting.forEach(e -> ids.add(e.id()));
        return ids;
    }

    Collection<Envelope> waiting() {
        return List.copyOf(waiting);
    }
}
