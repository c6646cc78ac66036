package dev.peersteam.board;

import java.util.List;

/**
 * A request to change the board, from a model's tool call or from the person; {@link Board#decide} checks it
 * against the board and turns it into events or a rejection. Fields are as received: blank means absent.
 * {@code by}, when given, must name the acting {@link Actor} (null means "the actor").
 */
public sealed interface BoardCommand {
    String by();

    record Create(String title, String details, String assignee, List<String> dependsOn, String by)
            implements BoardCommand {}

    /** Any of {@code status}, {@code note} and {@code assignee} may be null; at least one must say something. */
    record Update(String id, TaskStatus status, String note, String assignee, String by) implements BoardCommand {}
}
