package dev.peersteam.board;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.core.type.TypeReference;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A fact about the board, journaled as it happened. The board is the fold of these ({@link Board#apply}); they are
 * produced only by {@link Board#decide} (and {@link TaskDispatched} by the coordinator), so applying them never
 * re-validates. {@code by} is who acted: a role name, {@code "human"}, or {@code "coordinator"}.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "event")
@JsonSubTypes({
    @JsonSubTypes.Type(value = BoardEvent.TaskCreated.class, name = "task_created"),
    @JsonSubTypes.Type(value = BoardEvent.TaskUpdated.class, name = "task_updated"),
    @JsonSubTypes.Type(value = BoardEvent.TaskAssigned.class, name = "task_assigned"),
    @JsonSubTypes.Type(value = BoardEvent.TaskDispatched.class, name = "task_dispatched"),
    @JsonSubTypes.Type(value = BoardEvent.TaskNoted.class, name = "task_noted"),
})
public sealed interface BoardEvent {
    /** The coordinator's name as an actor, for the facts it records itself. */
    String COORDINATOR = dev.peersteam.team.ReservedNames.COORDINATOR;

    /**
     * The type to read and write a list of events with ({@code MAPPER.writerFor(BoardEvent.LIST)}): a list written
     * as a plain {@code List} loses the {@code event} property, as Jackson then sees its elements as Objects.
     */
    TypeReference<List<BoardEvent>> LIST = new TypeReference<>() {};

    /** The task the fact is about. */
    String id();

    String by();

    Instant at();

    /** A new task; its status is {@code assigned} when it has an assignee, else {@code todo}. */
    record TaskCreated(
            String id,
            String title,
            String details,
            String assignee,
            List<String> dependsOn,
            String by,
            @IsoInstant Instant at)
            implements BoardEvent {
        public TaskCreated {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(title, "title");
            details = details == null ? "" : details;
            dependsOn = dependsOn == null ? List.of() : List.copyOf(dependsOn);
        }
    }

    /** A status change, with an optional note saying why. */
    record TaskUpdated(
            String id,
            TaskStatus status,
            String note,
            String by,
            @IsoInstant Instant at) implements BoardEvent {}

    /** A new assignee (status kept, except that a todo task becomes assigned), with an optional note. */
    record TaskAssigned(
            String id,
            String assignee,
            String note,
            String by,
            @IsoInstant Instant at) implements BoardEvent {}

    /**
     * The coordinator sent the ready task to its assignee as message {@code messageId}: it must not be sent again
     * to that assignee. A new assignee, or reopening the task, makes it due again.
     */
    record TaskDispatched(
            String id,
            String assignee,
            String messageId,
            @IsoInstant Instant at) implements BoardEvent {
        @Override
        public String by() {
            return COORDINATOR;
        }
    }

    /** A note without a change of status. */
    record TaskNoted(
            String id, String note, String by, @IsoInstant Instant at) implements BoardEvent {}
}
