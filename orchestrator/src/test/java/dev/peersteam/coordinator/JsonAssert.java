package dev.peersteam.coordinator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.peersteam.control.ControlResponse;

/** Assertions on the JSON bodies of control replies. */
final class JsonAssert {
    private JsonAssert() {}

    /** The board reply holds task {@code id} with this status and assignee (null: none). */
    static void task(ControlResponse board, String id, String status, String assignee) {
        assertThat(board).isInstanceOf(ControlResponse.Ok.class);
        JsonNode task = null;
        for (JsonNode t : ((ControlResponse.Ok) board).body().path("tasks")) {
            if (t.path("id").asText().equals(id)) {
                task = t;
            }
        }
        assertThat(task).as("task " + id + " on " + board).isNotNull();
        assertThat(task.path("status").asText()).as(id + " status").isEqualTo(status);
        if (assignee == null) {
            assertThat(task.path("assignee").isNull())
                    .as(id + " unassigned: " + task)
                    .isTrue();
        } else {
            assertThat(task.path("assignee").asText()).isEqualTo(assignee);
        }
    }
}
