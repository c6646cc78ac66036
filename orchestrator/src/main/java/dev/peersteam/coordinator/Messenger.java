package dev.peersteam.coordinator;

import dev.peersteam.control.TeamEvent;
import dev.peersteam.journal.Journal;
import dev.peersteam.journal.JournalRecord;
import dev.peersteam.protocol.HostMessage;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Message delivery, exactly once into each target's conversation. A message is journaled first; it is written to
 * the target's stdin (its id as the user message's uuid) once the journal is synced and the session is ready, busy
 * or not, because the CLI queues it or folds it into the running turn; it counts as delivered only when the CLI says
 * it has it ({@code started}, or {@code completed} for a uuid a resumed session already held) or the session's
 * transcript shows it. Messages a session had not taken when it ended wait for its next session.
 */
final class Messenger {
    /** How often a message the CLI dropped (cancelled, discarded) is written again before it is given up. */
    static final int MAX_DROPS = 3;

    private final Map<String, Member> members;
    private final Journal journal;
    private final Outbox outbox;
    private final Consumer<TeamEvent> events;
    private final Supplier<String> ids;
    private final Map<String, Integer> drops = new java.util.HashMap<>();

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

    /** Records a message to the person; it is delivered by being recorded (the live log shows it). */
    Envelope toHuman(String from, String text) {
        Envelope envelope = new Envelope(ids.get(), from, Address.HUMAN, text);
        journal.append(new JournalRecord.MessagePosted(envelope.id(), from, Address.HUMAN, text));
        journal.append(new JournalRecord.MessageDelivered(envelope.id(), Address.HUMAN));
        events.accept(new TeamEvent.MessagePosted(envelope.id(), from, Address.HUMAN, text));
        events.accept(new TeamEvent.ToHuman(from, text));
        return envelope;
    }

    /** Records a message to one role and sends it on when the target can take it. */
    Envelope post(String from, Member target, String text) {
        Envelope envelope = new Envelope(ids.get(), from, target.name(), text);
        journal.append(new JournalRecord.MessagePosted(envelope.id(), from, target.name(), text));
        events.accept(new TeamEvent.MessagePosted(envelope.id(), from, target.name(), text));
        target.mailbox.hold(envelope);
        if (target.ready()) {
            release(target);
        }
        return envelope;
    }

    /** Records a message that the target must read before anything that waits for it (it is not written yet). */
    Envelope postFirst(String from, Member target, String text) {
        Envelope envelope = new Envelope(ids.get(), from, target.name(), text);
        journal.append(new JournalRecord.MessagePosted(envelope.id(), from, target.name(), text));
        events.accept(new TeamEvent.MessagePosted(envelope.id(), from, target.name(), text));
        target.mailbox.returnToFront(java.util.List.of(envelope));
        if (target.ready()) {
            release(target);
        }
        return envelope;
    }

    /**
     * A notice by role name, from the coordinator's own senders (board, watches, overlaps): empty, and not sent, when
     * the role is not in the team or takes no more messages (it stopped for good).
     */
    Optional<Envelope> post(String from, String to, String text) {
        Member target = members.get(to);
        if (target == null || !target.takesMessages()) {
            return Optional.empty();
        }
        return Optional.of(post(from, target, text));
    }

    /** Writes every waiting message to a ready session; returns how many were written. */
    int release(Member target) {
        var released = target.mailbox.release();
        for (Envelope envelope : released) {
            outbox.send(target.channel(), new HostMessage.UserMessage(envelope.id(), envelope.asPrompt()));
        }
        return released.size();
    }

    /**
     * The target's session has the message ({@code how}: started on it, already had it, found in its transcript):
     * it is delivered, once. Returns it when this is the moment it was delivered.
     */
    Optional<Envelope> taken(Member target, String id, String how) {
        Optional<Envelope> taken = target.mailbox.taken(id);
        taken.ifPresent(envelope -> {
            drops.remove(id);
            journal.append(new JournalRecord.MessageDelivered(envelope.id(), target.name()));
            events.accept(new TeamEvent.MessageDelivered(envelope.id(), target.name()));
            if (!how.equals("started")) {
                events.accept(new TeamEvent.Warning(
                        target.name(),
                        "message " + id + " from " + envelope.from() + " counts as delivered: the session " + how
                                + "; it is not sent again"));
            }
        });
        return taken;
    }

    /**
     * The target's CLI dropped a message before starting on it: it is written again when the session is ready,
     * up to {@link #MAX_DROPS} times; then it is given up and returned, so the sender can be told.
     */
    Optional<Envelope> dropped(Member target, String id, String how) {
        if (!target.mailbox.inFlight(id)) {
            return Optional.empty();
        }
        int count = drops.merge(id, 1, Integer::sum);
        if (count < MAX_DROPS) {
            target.mailbox.dropped(id);
            events.accept(new TeamEvent.Warning(
                    target.name(), "its CLI " + how + " message " + id + " before starting on it; it is sent again"));
            return Optional.empty();
        }
        return target.mailbox.taken(id).map(envelope -> {
            failed(envelope, "its CLI " + how + " it " + count + " times");
            return envelope;
        });
    }

    /** The target's CLI refused the message: it is not sent again. */
    Optional<Envelope> refused(Member target, String id) {
        return target.mailbox.taken(id).map(envelope -> {
            failed(envelope, "its CLI refused it");
            return envelope;
        });
    }

    /** Gives a message up for good: journaled, so no later run sends it again. */
    void failed(Envelope envelope, String why) {
        drops.remove(envelope.id());
        journal.append(new JournalRecord.MessageFailed(envelope.id(), envelope.to(), why));
        events.accept(new TeamEvent.Warning(
                envelope.to(), "message " + envelope.id() + " from " + envelope.from() + " was not delivered: " + why));
    }
}
