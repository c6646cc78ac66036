package dev.peersteam.coordinator;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Senders waiting for their {@code send_message} result. The result reports what the target's CLI actually said
 * (started on it: delivered; queued behind a busy turn: queued) instead of guessing from the target's state, so it
 * is held until every recipient has answered or a deadline passes.
 */
final class AckTracker {

    /** One pending {@code send_message} call: its recipients by message id, and what is known of each. */
    static final class Waiter {
        final String key;
        final ToolReply reply;
        final String to;
        final Map<String, String> recipientOf = new LinkedHashMap<>();
        final Map<String, Status> statusOf = new HashMap<>();

        Waiter(ToolReply reply, String to) {
            this.key = reply.caller().name() + "/" + reply.requestId();
            this.reply = reply;
            this.to = to;
        }

        String sender() {
            return reply.caller().name();
        }

        boolean complete() {
            return statusOf.size() == recipientOf.size();
        }
    }

    enum Status {
        /** The target's CLI started a turn on the message (or folded it into its running turn, or already had it). */
        DELIVERED,
        /** The target's CLI queued it behind its current turn. */
        QUEUED,
        /** The target is not ready (starting, restarting): the coordinator holds the message for it. */
        HELD,
        /** Written to the target, which has not confirmed within the deadline. */
        SENT,
        /** The target's CLI refused or kept dropping it: given up. */
        FAILED
    }

    private final Map<String, Waiter> waiters = new HashMap<>();
    private final Map<String, Waiter> byMessage = new HashMap<>();

    Waiter open(ToolReply reply, String to) {
        Waiter waiter = new Waiter(reply, to);
        waiters.put(waiter.key, waiter);
        return waiter;
    }

    /** Adds a recipient; a known status (e.g. HELD) settles it at once. */
    void expect(Waiter waiter, String messageId, String recipient, Status known) {
        waiter.recipientOf.put(messageId, recipient);
        if (known != null) {
            waiter.statusOf.put(messageId, known);
        } else {
            byMessage.put(messageId, waiter);
        }
    }

    /** Records a recipient's answer; returns the waiter when that completed it. */
    Optional<Waiter> settle(String messageId, Status status) {
        Waiter waiter = byMessage.remove(messageId);
        if (waiter == null) {
            return Optional.empty();
        }
        waiter.statusOf.put(messageId, status);
        return finishIfComplete(waiter);
    }

    Optional<Waiter> finishIfComplete(Waiter waiter) {
        if (!waiter.complete()) {
            return Optional.empty();
        }
        waiters.remove(waiter.key);
        return Optional.of(waiter);
    }

    /** The deadline passed: whoever has not answered counts as SENT. */
    Optional<Waiter> expire(String key) {
        Waiter waiter = waiters.remove(key);
        if (waiter == null) {
            return Optional.empty();
        }
        for (String messageId : waiter.recipientOf.keySet()) {
            if (waiter.statusOf.putIfAbsent(messageId, Status.SENT) == null) {
                byMessage.remove(messageId);
            }
        }
        return Optional.of(waiter);
    }

    /** Every waiter of {@code sender}, settled now with what is known (the rest counts as sent). */
    List<Waiter> expireSender(String sender) {
        List<Waiter> expired = new ArrayList<>();
        for (Waiter waiter : List.copyOf(waiters.values())) {
            if (waiter.sender().equals(sender)) {
                expire(waiter.key).ifPresent(expired::add);
            }
        }
        return expired;
    }

    /** The sender's request was cancelled: nobody is waiting any more. */
    void forget(String sender, String requestId) {
        Waiter waiter = waiters.remove(sender + "/" + requestId);
        if (waiter != null) {
            waiter.recipientOf.keySet().forEach(byMessage::remove);
        }
    }

    /** The sender's session ended: none of its calls can be answered any more. */
    void forgetSender(String sender) {
        for (Waiter waiter : List.copyOf(waiters.values())) {
            if (waiter.sender().equals(sender)) {
                forget(sender, waiter.reply.requestId());
            }
        }
    }
}
