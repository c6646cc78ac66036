package dev.peersteam.control;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * One role in {@link PsReply}. {@code budget} (the role's cap in the team file), {@code task}/{@code taskTitle} (the
 * task it holds), {@code pid} (while a process runs), {@code sessionId}, {@code lastTool} and {@code stoppedBecause}
 * are null when there is none, and then left out of the JSON.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RoleRow(
        String role,
        boolean lead,
        SessionState state,
        @JsonProperty("cost_usd") Usd cost,
        @JsonProperty("budget_usd") Usd budget,
        int queued,
        String task,
        @JsonProperty("task_title") String taskTitle,
        Long pid,
        @JsonProperty("session_id") String sessionId,
        @JsonProperty("last_tool") String lastTool,
        @JsonProperty("stopped_because") String stoppedBecause,
        List<PendingPermission> permissions,
        @JsonProperty("api_limits") ApiLimits apiLimits) {

    /**
     * The role's brushes with the API's limits since the coordinator started: requests its CLI retried, turns the API
     * stopped after the retries, and the HTTP status of the last refusal. Null (left out) when there were none.
     */
    public record ApiLimits(
            int retries,
            @JsonProperty("stopped_turns") int stoppedTurns,
            @JsonProperty("last_status") int lastStatus) {}

    public RoleRow {
        cost = cost == null ? Usd.ZERO : cost;
        permissions = permissions == null ? List.of() : List.copyOf(permissions);
    }

    /** A role that has not met the API's limits. */
    public RoleRow(
            String role,
            boolean lead,
            SessionState state,
            Usd cost,
            Usd budget,
            int queued,
            String task,
            String taskTitle,
            Long pid,
            String sessionId,
            String lastTool,
            String stoppedBecause,
            List<PendingPermission> permissions) {
        this(
                role,
                lead,
                state,
                cost,
                budget,
                queued,
                task,
                taskTitle,
                pid,
                sessionId,
                lastTool,
                stoppedBecause,
                permissions,
                null);
    }

    /** A role without a budget of its own. */
    public RoleRow(
            String role,
            boolean lead,
            SessionState state,
            Usd cost,
            int queued,
            String task,
            String taskTitle,
            Long pid,
            String sessionId,
            String lastTool,
            String stoppedBecause,
            List<PendingPermission> permissions) {
        this(
                role,
                lead,
                state,
                cost,
                null,
                queued,
                task,
                taskTitle,
                pid,
                sessionId,
                lastTool,
                stoppedBecause,
                permissions);
    }
}
