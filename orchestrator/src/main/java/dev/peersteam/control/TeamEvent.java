package dev.peersteam.control;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import dev.peersteam.board.TaskStatus;
import java.util.List;

/**
 * What happened in the team, for people: the live log, the console, subscribers of the control socket (as JSON,
 * with a {@code type} field named below, the other keys as the components are named). The coordinator publishes
 * these records and every client reads them back through {@link ControlClient#subscribe}, so no client needs the
 * coordinator's classes.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = TeamEvent.StateChanged.class, name = "state"),
    @JsonSubTypes.Type(value = TeamEvent.MessagePosted.class, name = "message"),
    @JsonSubTypes.Type(value = TeamEvent.MessageDelivered.class, name = "delivered"),
    @JsonSubTypes.Type(value = TeamEvent.ToHuman.class, name = "to_human"),
    @JsonSubTypes.Type(value = TeamEvent.Said.class, name = "said"),
    @JsonSubTypes.Type(value = TeamEvent.ToolUsed.class, name = "tool"),
    @JsonSubTypes.Type(value = TeamEvent.PermissionAsked.class, name = "permission_asked"),
    @JsonSubTypes.Type(value = TeamEvent.PermissionDecided.class, name = "permission"),
    @JsonSubTypes.Type(value = TeamEvent.TurnEnded.class, name = "turn"),
    @JsonSubTypes.Type(value = TeamEvent.Exited.class, name = "exited"),
    @JsonSubTypes.Type(value = TeamEvent.Warning.class, name = "warning"),
    @JsonSubTypes.Type(value = TeamEvent.TaskChanged.class, name = "task"),
    @JsonSubTypes.Type(value = TeamEvent.BudgetReached.class, name = "budget"),
    @JsonSubTypes.Type(value = TeamEvent.Settled.class, name = "settled"),
    @JsonSubTypes.Type(value = TeamEvent.ApiRetry.class, name = "api_retry"),
    @JsonSubTypes.Type(value = TeamEvent.Paced.class, name = "pacing"),
})
public sealed interface TeamEvent {
    String role();

    record StateChanged(String role, SessionState state, String detail) implements TeamEvent {}

    record MessagePosted(String id, String role, String to, String text) implements TeamEvent {}

    record MessageDelivered(String id, String role) implements TeamEvent {}

    /** A role said something to the person running the team (send_message to "human"). */
    record ToHuman(String role, String text) implements TeamEvent {}

    record Said(String role, String text) implements TeamEvent {}

    record ToolUsed(String role, String summary) implements TeamEvent {}

    /** A tool call waits for a person: {@code approve ID} / {@code deny ID}. */
    record PermissionAsked(String role, String id, String summary, String why) implements TeamEvent {}

    /** {@code id} is the waiting request's id ({@code p3}) when a person decided; null when the rules did. */
    record PermissionDecided(String role, String summary, boolean allowed, String reason, String id)
            implements TeamEvent {}

    /** {@code totalCostUsd} is the role's cost so far, over all its sessions. */
    record TurnEnded(String role, Usd turnCostUsd, Usd totalCostUsd, boolean error, String detail)
            implements TeamEvent {}

    record Exited(String role, int exitCode, boolean expected, List<String> stderrTail) implements TeamEvent {}

    record Warning(String role, String text) implements TeamEvent {}

    /** A task changed on the board; {@code role} is who changed it. */
    record TaskChanged(String role, String id, TaskStatus status, String assignee, String title) implements TeamEvent {}

    /** A budget stopped {@code role} for good, or the whole team when {@code role} is null. */
    record BudgetReached(String role, Usd costUsd, Usd budgetUsd) implements TeamEvent {}

    /**
     * The API refused a request of the role's turn ({@code status} 429: the account's rate limit, 529: overloaded, 0:
     * no answer) and its CLI tries again in {@code retryInMs}: attempt {@code attempt} of {@code maxRetries}.
     */
    record ApiRetry(String role, int status, String error, int attempt, int maxRetries, long retryInMs)
            implements TeamEvent {}

    /**
     * New turns wait ({@code paused}) or may start again: {@code reason} says why they wait, {@code untilEpochMs} until
     * when (for a pause that is over: when it was due to end). Running turns are not affected. {@code role} is null.
     */
    record Paced(String role, boolean paused, String reason, long untilEpochMs) implements TeamEvent {}

    /**
     * Every running role is idle and nothing is on its way. {@code outcome}: {@link #DONE} (every task done or
     * cancelled), {@link #STUCK} (tasks are still open, even after a reminder) or {@link #FAILED} (nothing is open and
     * a task failed). Told once for each outcome and board: a team that is busy for a while and settles again on the
     * same board is no news. An empty board settles without a word. {@code role} is always null (the team).
     */
    record Settled(String role, String outcome, String summary) implements TeamEvent {
        public static final String DONE = "done";
        public static final String STUCK = "stuck";
        public static final String FAILED = "failed";
    }
}
