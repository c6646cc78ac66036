package dev.peersteam.board;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One task on the board, as the fold of its events left it. {@code assignee} is null while nobody holds the task
 * (status {@code todo}, or a todo task that was cancelled); {@code details} is never null (empty when none).
 */
public record Task(
        String id,
        String title,
        String details,
        String assignee,
        TaskStatus status,
        List<String> dependsOn,
        List<Note> notes,
        String createdBy,
        @IsoInstant Instant createdAt,
        @IsoInstant Instant updatedAt) {

    public Task {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(status, "status");
        details = details == null ? "" : details;
        dependsOn = dependsOn == null ? List.of() : List.copyOf(dependsOn);
        notes = notes == null ? List.of() : List.copyOf(notes);
    }

    public boolean isAssignedTo(String role) {
        return role != null && role.equals(assignee);
    }

    Task withStatus(TaskStatus newStatus, Instant at) {
        return new Task(id, title, details, assignee, newStatus, dependsOn, notes, createdBy, createdAt, at);
    }

    Task withAssignee(String newAssignee, Instant at) {
        return new Task(id, title, details, newAssignee, status, dependsOn, notes, createdBy, createdAt, at);
    }

    Task withNote(Note note) {
        List<Note> more = new ArrayList<>(notes);
        more.add(note);
        return new Task(id, title, details, assignee, status, dependsOn, more, createdBy, createdAt, note.at());
    }
}
