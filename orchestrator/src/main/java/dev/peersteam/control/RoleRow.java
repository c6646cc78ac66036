package dev.peersteam.control;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * One role in {@link PsReply}. {@code task}/{@code taskTitle} (the task it holds), {@code pid} (while a process
 * runs), {@code sessionId}, {@code lastTool} and {@code stoppedBecause} are null when there is none, and then left
 * out of the JSON.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RoleRow(
        String role,
        boolean lead,
        SessionState state,
        @JsonProperty("cost_usd") Usd cost,
        int queued,
        String task,
        @JsonProperty("task_title") String taskTitle,
        Long pid,
        @JsonProperty("session_id") String sessionId,
        @JsonProperty("last_tool") String lastTool,
        @JsonProperty("stopped_because") String stoppedBecause,
        List<PendingPermission> permissions) {

    public RoleRow {
        cost = cost == null ? Usd.ZERO : cost;
        permissions = permissions == null ? List.of() : List.copyOf(permissions);
    }
}
