package dev.peersteam.control;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.peersteam.board.Board;
import dev.peersteam.board.Task;
import dev.peersteam.board.TaskStatus;
import java.util.List;

/**
 * One task as people and models see it: the answer to {@link ControlRequest.Assign}, an entry of {@link BoardView},
 * the result of the {@code create_task} and {@code update_task} tools. Every key is present on every task (a null
 * {@code assignee}, empty lists), so a model reads one shape. {@code ready}: open with every dependency done.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record TaskView(
        String id,
        String title,
        String details,
        TaskStatus status,
        String assignee,
        @JsonProperty("depends_on") List<String> dependsOn,
        @JsonProperty("created_by") String createdBy,
        List<NoteView> notes,
        boolean ready)
        implements ControlReply {

    public TaskView {
        dependsOn = dependsOn == null ? List.of() : List.copyOf(dependsOn);
        notes = notes == null ? List.of() : List.copyOf(notes);
    }

    public static TaskView of(Board board, Task task) {
        return new TaskView(
                task.id(),
                task.title(),
                task.details(),
                task.status(),
                task.assignee(),
                task.dependsOn(),
                task.createdBy(),
                task.notes().stream().map(NoteView::of).toList(),
                board.isReady(task));
    }
}
