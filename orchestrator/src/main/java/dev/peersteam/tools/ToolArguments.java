package dev.peersteam.tools;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * The arguments of the team tools as the model writes them, bound by Jackson (the shapes follow
 * {@code team-tools.json}). A model's single value where a list is expected ({@code "T1"} for {@code ["T1"]}) is taken
 * as a list of one. Meaning is checked by {@link McpServer}.
 */
interface ToolArguments {
    record SendMessage(String to, String text) implements ToolArguments {}

    record CreateTask(
            String title,
            String details,
            String assignee,

            @JsonProperty("depends_on") @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
            List<String> dependsOn)
            implements ToolArguments {}

    record UpdateTask(String id, String status, String note, String assignee) implements ToolArguments {}

    /** {@code paths} stays JSON so that a number in it is refused rather than read as a name. */
    record Paths(
            @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
            List<JsonNode> paths,

            String reason) implements ToolArguments {}

    record Merge(String role, String into) implements ToolArguments {}

    record None() implements ToolArguments {}
}
