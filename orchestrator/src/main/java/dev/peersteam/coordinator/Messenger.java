package dev.peersteam.coordinator;

import dev.peersteam.journal.Journal;
import dev.peersteam.journal.JournalRecord;
import dev.peersteam.protocol.HostMessage;
import dev.peersteam.team.ReservedNames;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Message delivery with at-least-once semantics. A message is journaled first; it is written to the target's
 * stdin (with its id as the user message's uuid) as soon as the session is ready, busy or not, because the CLI
 * queues it or folds it into the running turn; and it counts as delivered only when the CLI reports that it
 * started on that uuid. Messages a session had not started on when it ended wait for its next session.
 */
final class Messenger {
    static final String HUMAN = ReservedNames.HUMAN;
    static final String ALL = ReservedNames.ALL;

    private final Map<String, Member> members;
    private final Journal journal;
    private final Outbox outbox;
    private final Consumer<TeamEvent> events;
    private final Supplier<String> ids;

    Messenger(
            Map<String, Member> members,
            Journal journal,
            Outbox outbox,
            Consumer<TeamEvent> events,
            Supplier<String> ids) {
        this.members = members;
        this.journal = journal;
        this.outbox = outbox;
        this.events = events;
        this.ids = ids;
    }

    /** Records a message to one role (or to the human) and sends it on when the target can take it. */
    Envelope post(String from, String to, String text) {
        Envelope envelope = new Envelope(ids.get(), from, to, text);
        journal.append(new JournalRecord.MessagePosted(envelope.id(), from, to, text));
        events.accept(new TeamEvent.MessagePosted(envelope.id(), from, to, text));
        if (to.equals(HUMAN)) {
            journal.append(new JournalRecord.MessageDelivered(envelope.id(), HUMAN));
            events.accept(new TeamEvent.ToHuman(from, text));
            return envelope;
        }
        Member target = members.get(to);
        target.waiting.add(envelope);
        if (target.ready()) {
            release(target);
        }
        return envelope;
    }

    /** Writes every waiting message to a ready session; returns how many were written. */
    int release(Member target) {
        int written = 0;
        while (!target.waiting.isEmpty()) {
            Envelope envelope = target.waiting.poll();
            target.inFlight.put(envelope.id(), envelope);
            outbox.add(target.channel, new HostMessage.UserMessage(envelope.id(), envelope.asPrompt()));
            written++;
        }
        return written;
    }

    /** The CLI reported progress on a message; returns it when this is the moment it was delivered. */
    Optional<Envelope> lifecycle(Member target, String uuid, String state) {
        if (!state.equals("started")) {
            return Optional.empty();
        }
        Envelope envelope = target.inFlight.remove(uuid);
        if (envelope == null) {
            return Optional.empty(); // not one of ours (or already counted)
        }
        journal.append(new JournalRecord.MessageDelivered(envelope.id(), target.name()));
        events.accept(new TeamEvent.MessageDelivered(envelope.id(), target.name()));
        return Optional.of(envelope);
    }

    /** The session ended: what it had not started on goes back to the front of its queue, in order. */
    void requeue(Member target) {
        List<Envelope> unstarted = new ArrayList<>(target.inFlight.values());
        target.inFlight.clear();
        for (int i = unstarted.size() - 1; i >= 0; i--) {
            target.waiting.addFirst(unstarted.get(i));
        }
    }
}
