package dev.peersteam.coordinator;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.peersteam.coordinator.AckTracker.Status;
import java.util.List;

/** What a {@code send_message} call returns: per recipient, what its CLI said about the message. */
@JsonInclude(JsonInclude.Include.NON_NULL)
record DeliveryReport(String to, String id, String status, String note, List<DeliveryReport> recipients) {

    static DeliveryReport of(AckTracker.Waiter waiter) {
        if (waiter.recipientOf.size() == 1 && !waiter.to.equals(Address.ALL)) {
            var only = waiter.recipientOf.entrySet().iterator().next();
            return one(only.getValue(), only.getKey(), waiter.statusOf.get(only.getKey()));
        }
        List<DeliveryReport> each = waiter.recipientOf.entrySet().stream()
                .map(e -> one(e.getValue(), e.getKey(), waiter.statusOf.get(e.getKey())))
                .toList();
        return new DeliveryReport(waiter.to, null, null, null, each);
    }

    /** The result for a message to the person: recorded is delivered (the live log shows it). */
    static DeliveryReport toHuman(String id) {
        return new DeliveryReport(Address.HUMAN, id, "delivered", null, null);
    }

    private static DeliveryReport one(String recipient, String id, Status status) {
        return switch (status) {
            case DELIVERED ->
                new DeliveryReport(recipient, id, "delivered", recipient + " has started on your message", null);
            case QUEUED ->
                new DeliveryReport(
                        recipient,
                        id,
                        "queued",
                        recipient + " is busy; it sees your message between tool calls or when its turn ends",
                        null);
            case HELD ->
                new DeliveryReport(
                        recipient,
                        id,
                        "queued",
                        recipient + " is not running right now (starting"
                                + " or restarting); it gets your message as soon as it is ready",
                        null);
            case SENT ->
                new DeliveryReport(
                        recipient,
                        id,
                        "sent",
                        "written to " + recipient + "'s session, which has not confirmed it yet",
                        null);
            case FAILED ->
                new DeliveryReport(
                        recipient,
                        id,
                        "failed",
                        recipient + "'s session did not take your message; tell the human (to: \"human\")",
                        null);
        };
    }
}
