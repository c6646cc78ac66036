package dev.peersteam.coordinator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.peersteam.control.BoardView;
import dev.peersteam.control.ControlResponse;
import dev.peersteam.control.TaskView;

/** Assertions on the board reply. */
final class JsonAssert {
    private JsonAssert() {}

    /** The board reply holds task {@code id} with this status and assignee (null: none). */
    static void task(ControlResponse board, String id, String status, String assignee) {
        assertThat(board).isInstanceOf(ControlResponse.Ok.class);
        TaskView task = null;
        for (TaskView t : ((BoardView) ((ControlResponse.Ok) board).body()).tasks()) {
            if (t.id().equals(id)) {
                task = t;
            }
        }
        assertThat(task).as("task " + id + " on " + board).isNotNull();
        assertThat(task.status().wire()).as(id + " status").isEqualTo(status);
        assertThat(task.assignee()).as(id + " assignee: " + task).isEqualTo(assignee);
    }
}
