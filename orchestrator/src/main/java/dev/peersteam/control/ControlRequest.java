package dev.peersteam.control;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.List;

/**
 * What a client asks of the coordinator, one JSON line each: {@code {"v":1,"type":"assign","role":"qa",...}}.
 * The compact constructors validate, so a decoded request is always well formed (a bad one becomes
 * {@code bad_request} in {@link ControlCodec}); whether a role or task exists is the coordinator's business.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = ControlRequest.Hello.class, name = "hello"),
    @JsonSubTypes.Type(value = ControlRequest.Assign.class, name = "assign"),
    @JsonSubTypes.Type(value = ControlRequest.Send.class, name = "send"),
    @JsonSubTypes.Type(value = ControlRequest.Board.class, name = "board"),
    @JsonSubTypes.Type(value = ControlRequest.Ps.class, name = "ps"),
    @JsonSubTypes.Type(value = ControlRequest.Interrupt.class, name = "interrupt"),
    @JsonSubTypes.Type(value = ControlRequest.Down.class, name = "down"),
    @JsonSubTypes.Type(value = ControlRequest.Approve.class, name = "approve"),
    @JsonSubTypes.Type(value = ControlRequest.Deny.class, name = "deny"),
    @JsonSubTypes.Type(value = ControlRequest.Logs.class, name = "logs"),
    @JsonSubTypes.Type(value = ControlRequest.Subscribe.class, name = "subscribe"),
})
public sealed interface ControlRequest {

    /** Coordinator info: pid, team, repository, version (see {@link CoordinatorInfo}). */
    record Hello() implements ControlRequest {}

    /** A new task for {@code role}, ready once the tasks in {@code after} are done. */
    record Assign(String role, String text, List<String> after) implements ControlRequest {
        public Assign {
            role = required(role, "role");
            text = required(text, "text");
            after = after == null
                    ? List.of()
                    : after.stream().map(id -> required(id, "after[]")).toList();
        }

        public Assign(String role, String text) {
            this(role, text, List.of());
        }
    }

    /** A direct message from the person; {@code to} is a role name or {@code all}. */
    record Send(String to, String text) implements ControlRequest {
        public Send {
            to = required(to, "to");
            text = required(text, "text");
        }
    }

    record Board() implements ControlRequest {}

    record Ps() implements ControlRequest {}

    /** Stops the role's current turn; the session stays up. */
    record Interrupt(String role) implements ControlRequest {
        public Interrupt {
            role = required(role, "role");
        }
    }

    /** Stops the team; {@code keepDirty} lets it stop although worktrees hold uncommitted work (which is kept). */
    record Down(@JsonProperty("keep_dirty") boolean keepDirty) implements ControlRequest {}

    /** Allows a pending permission request; {@code always} adds a rule so the same use is not asked again. */
    record Approve(@JsonProperty("request_id") String requestId, boolean always) implements ControlRequest {
        public Approve {
            requestId = required(requestId, "request_id");
        }
    }

    /** Refuses a pending permission request; the optional reason is shown to the agent. */
    record Deny(@JsonProperty("request_id") String requestId, String reason) implements ControlRequest {
        public Deny {
            requestId = required(requestId, "request_id");
        }
    }

    /** A role's log ({@code role} null: the whole team); {@code follow} makes it a stream of new entries. */
    record Logs(String role, boolean follow) implements ControlRequest {}

    /** Live team events until the client disconnects. */
    record Subscribe() implements ControlRequest {}

    /** Whether the answer is an event stream ({@link ControlHandler#subscribe}) rather than one response. */
    default boolean streams() {
        return switch (this) {
            case Subscribe subscribe -> true;
            case Logs logs -> logs.follow();
            case Hello h -> false;
            case Assign a -> false;
            case Send s -> false;
            case Board b -> false;
            case Ps p -> false;
            case Interrupt i -> false;
            case Down d -> false;
            case Approve a -> false;
            case Deny d -> false;
        };
    }

    private static String required(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("\"" + field + "\" is required and must not be blank");
        }
        return value;
    }
}
