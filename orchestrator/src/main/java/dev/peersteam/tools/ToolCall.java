package dev.peersteam.tools;

import java.util.List;

/** A call of one of the team tools, with its arguments checked for shape (the coordinator checks meaning). */
public sealed interface ToolCall {
    record SendMessage(String to, String text) implements ToolCall {}

    record ListPeers() implements ToolCall {}

    record GetBoard() implements ToolCall {}

    record CreateTask(String title, String details, String assignee, List<String> dependsOn) implements ToolCall {}

    /** {@code status}, {@code note} and {@code assignee} are each optional (null). */
    record UpdateTask(String id, String status, String note, String assignee) implements ToolCall {}
}
