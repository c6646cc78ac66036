package dev.peersteam.board;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.peersteam.protocol.Json;

/**
 * The board as the team tools and the control protocol show it: snake_case keys, lowercase statuses, and every
 * key present on every task (null assignee, empty lists) so a model reads one shape.
 */
public final class BoardJson {
    private BoardJson() {}

    /** {@code {"tasks":[...]}}, in id order, each with {@code ready}. */
    public static ObjectNode toJson(Board board) {
        ObjectNode root = Json.object();
        ArrayNode tasks = root.putArray("tasks");
        for (Task task : board.tasks()) {
            tasks.add(task(board, task));
        }
        return root;
    }

    /** One task, with {@code ready}: open and every dependency done. */
    public static ObjectNode task(Board board, Task task) {
        return task(task).put("ready", board.isReady(task));
    }

    /** One task without {@code ready}, which needs the board to tell. */
    public static ObjectNode task(Task task) {
        ObjectNode node = Json.object();
        node.put("id", task.id());
        node.put("title", task.title());
        node.put("details", task.details());
        node.put("status", task.status().wire());
        if (task.assignee() == null) {
            node.putNull("assignee");
        } else {
            node.put("assignee", task.assignee());
        }
        ArrayNode deps = node.putArray("depends_on");
        task.dependsOn().forEach(deps::add);
        node.put("created_by", task.createdBy());
        ArrayNode notes = node.putArray("notes");
        for (Note note : task.notes()) {
            notes.addObject()
                    .put("by", note.by())
                    .put("at", note.at().toString())
                    .put("text", note.text());
        }
        return node;
    }
}
