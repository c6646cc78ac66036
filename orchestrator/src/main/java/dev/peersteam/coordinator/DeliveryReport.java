package dev.peersteam.coordinator;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.peersteam.coordinator.AckTracker.Status;
import dev.peersteam.protocol.Json;
import java.util.Map;

/** The JSON a {@code send_message} call returns: per recipient, what its CLI said about the message. */
final class DeliveryReport {
    private DeliveryReport() {}

    static ObjectNode of(AckTracker.Waiter waiter) {
        ObjectNode result = Json.object();
        if (waiter.recipientOf.size() == 1 && !waiter.to.equals(Messenger.ALL)) {
            Map.Entry<String, String> only =
                    waiter.recipientOf.entrySet().iterator().next();
            describe(result, only.getValue(), only.getKey(), waiter.statusOf.get(only.getKey()));
            return result;
        }
        result.put("to", waiter.to);
        ArrayNode list = result.putArray("recipients");
        waiter.recipientOf.forEach(
                (id, recipient) -> describe(list.addObject(), recipient, id, waiter.statusOf.get(id)));
        return result;
    }

    private static void describe(ObjectNode node, String recipient, String id, Status status) {
        node.put("to", recipient).put("id", id);
        switch (status) {
            case DELIVERED -> node.put("status", "delivered").put("note", recipient + " has started on your message");
            case QUEUED ->
                node.put("status", "queued")
                        .put(
                                "note",
                                recipient + " is busy; it sees your message between tool calls or when its turn ends");
            case HELD ->
                node.put("status", "queued")
                        .put(
                                "note",
                                recipient + " is not running right now (starting or restarting); it gets your"
                                        + " message as soon as it is ready");
            case SENT ->
                node.put("status", "sent")
                        .put("note", "written to " + recipient + "'s session, which has not confirmed it yet");
        }
    }
}
