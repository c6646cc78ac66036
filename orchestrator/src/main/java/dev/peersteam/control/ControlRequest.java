package dev.peersteam.control;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.List;

/**
 * What a client asks of the coordinator, one JSON line each: {@code {"v":1,"type":"assign","role":"qa",...}}.
 * Every request but {@link Subscribe} is a {@link Call}, answered once with the reply its type names. The compact
 * constructors validate, so a decoded request is always well formed (a bad one becomes {@code bad_request} in
 * {@link ControlCodec}); whether a role or task exists is the coordinator's business.
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
    @JsonSubTypes.Type(value = ControlRequest.Subscribe.class, name = "subscribe"),
    @JsonSubTypes.Type(value = ControlRequest.Verb.class, name = "verb"),
})
public sealed interface ControlRequest {

    /** A request with exactly one answer: an {@code ok} whose body is an {@code R}, or an error. */
    sealed interface Call<R extends ControlReply> extends ControlRequest
            permits Hello, Assign, Send, Board, Ps, Interrupt, Down, Approve, Deny, Verb {

        /** What the body of the {@code ok} answer is; the client reads the body as this. */
        @JsonIgnore
        Class<R> replyType();
    }

    /** Coordinator info: pid, team, repository, version. */
    record Hello() implements Call<CoordinatorInfo> {
        @Override
        public Class<CoordinatorInfo> replyType() {
            return CoordinatorInfo.class;
        }
    }

    /** A new task for {@code role}, ready once the tasks in {@code after} are done; the answer is the new task. */
    record Assign(String role, String text, List<String> after) implements Call<TaskView> {
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

        @Override
        public Class<TaskView> replyType() {
            return TaskView.class;
        }
    }

    /** A direct message from the person; {@code to} is a role name or {@code all}. */
    record Send(String to, String text) implements Call<SentMessages> {
        public Send {
            to = required(to, "to");
            text = required(text, "text");
        }

        @Override
        public Class<SentMessages> replyType() {
            return SentMessages.class;
        }
    }

    record Board() implements Call<BoardView> {
        @Override
        public Class<BoardView> replyType() {
            return BoardView.class;
        }
    }

    record Ps() implements Call<PsReply> {
        @Override
        public Class<PsReply> replyType() {
            return PsReply.class;
        }
    }

    /** Stops the role's current turn; the session stays up. */
    record Interrupt(String role) implements Call<Interrupted> {
        public Interrupt {
            role = required(role, "role");
        }

        @Override
        public Class<Interrupted> replyType() {
            return Interrupted.class;
        }
    }

    /** Stops the team; {@code keepDirty} lets it stop although worktrees hold uncommitted work (which is kept). */
    record Down(@JsonProperty("keep_dirty") boolean keepDirty) implements Call<Stopping> {
        @Override
        public Class<Stopping> replyType() {
            return Stopping.class;
        }
    }

    /** Allows a pending permission request; {@code always} adds a rule so the same use is not asked again. */
    record Approve(@JsonProperty("request_id") String requestId, boolean always) implements Call<Decided> {
        public Approve {
            requestId = required(requestId, "request_id");
        }

        @Override
        public Class<Decided> replyType() {
            return Decided.class;
        }
    }

    /** Refuses a pending permission request; the optional reason is shown to the agent. */
    record Deny(@JsonProperty("request_id") String requestId, String reason) implements Call<Decided> {
        public Deny {
            requestId = required(requestId, "request_id");
        }

        @Override
        public Class<Decided> replyType() {
            return Decided.class;
        }
    }

    /**
     * A quick verb's command line ({@code ["assign", "qa", "test login"]}), to be run by the coordinator's process
     * as if typed in {@code cwd}: the command-line client then needs no argument parser or JSON mapper of its own,
     * which is most of its start-up ({@link VerbClient}). The answer is what the verb printed and its exit code. The
     * verb reaches the team through this socket like any client, so it can do nothing a client could not.
     */
    record Verb(List<String> argv, String cwd) implements Call<VerbOutput> {
        public Verb {
            if (argv == null || argv.isEmpty()) {
                throw new IllegalArgumentException("\"argv\" is required: the verb and its arguments");
            }
            argv = argv.stream()
                    .map(arg -> java.util.Objects.requireNonNull(arg, "argv[]"))
                    .toList();
            cwd = required(cwd, "cwd");
            if (!cwd.startsWith("/")) {
                throw new IllegalArgumentException("\"cwd\" must be an absolute path");
            }
        }

        @Override
        public Class<VerbOutput> replyType() {
            return VerbOutput.class;
        }
    }

    /**
     * Live team events ({@link TeamEvent}) until the client disconnects: the connection becomes a stream
     * ({@link ControlClient#subscribe}).
     */
    record Subscribe() implements ControlRequest {}

    private static String required(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("\"" + field + "\" is required and must not be blank");
        }
        return value;
    }
}
