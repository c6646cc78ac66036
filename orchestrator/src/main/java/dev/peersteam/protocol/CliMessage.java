package dev.peersteam.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * A line the CLI wrote to its stdout, decoded. Every line becomes exactly one of these; types this host does not
 * know become {@link Unknown} (kept and logged, never fatal), as the protocol asks of hosts.
 */
public sealed interface CliMessage {

    /** The CLI asks the host something and waits for exactly one answer (unless it cancels). */
    record ControlRequest(String requestId, CliRequest request) implements CliMessage {}

    /** The CLI answers a request the host sent. {@code response} is null on error. */
    record ControlResponse(String requestId, boolean success, JsonNode response, String error, String errorCode)
            implements CliMessage {}

    /** The CLI withdraws one of its requests; the host must not answer it any more. */
    record ControlCancel(String requestId) implements CliMessage {}

    record KeepAlive() implements CliMessage {}

    /** {@code system/init}: emitted at the start of every turn. */
    record SystemInit(
            String sessionId,
            String model,
            String permissionMode,
            String cwd,
            List<String> tools,
            List<McpServerStatus> mcpServers)
            implements CliMessage {}

    record McpServerStatus(String name, String status) {}

    /** {@code system/permission_denied}: the CLI refused a tool call by its own rules, without asking the host. */
    record PermissionDenied(String sessionId, String toolName, String message) implements CliMessage {}

    /**
     * {@code system/api_retry}: the API refused a request of the running turn (429 rate limit, 529 overloaded, 5xx)
     * and the CLI tries again after {@code retryDelayMs}; attempt {@code attempt} of {@code maxRetries}.
     * {@code errorStatus} is the HTTP status, 0 when no response came.
     */
    record ApiRetry(String sessionId, int attempt, int maxRetries, long retryDelayMs, int errorStatus, String error)
            implements CliMessage {
        /** The account's limit or the API's capacity, as opposed to a broken request or connection. */
        public boolean isLimit() {
            return errorStatus == 429 || errorStatus == 529;
        }
    }

    /** Any other {@code system} frame (status, task_*, ...). */
    record SystemEvent(String sessionId, String subtype, JsonNode raw) implements CliMessage {}

    /**
     * One content block of an assistant message; the CLI emits one frame per block, all carrying the same
     * {@code messageId}, so consumers merge by id (see {@link MessageMerger}).
     */
    record Assistant(
            String sessionId, String messageId, List<ContentBlock> content, String parentToolUseId, boolean aborted)
            implements CliMessage {}

    /** Tool results and interruption markers the CLI adds to the conversation (and replays, when asked). */
    record User(String sessionId, List<ContentBlock> content, String parentToolUseId, boolean replay)
            implements CliMessage {}

    /**
     * The end of a turn. {@code totalCostUsd} is the running total of the whole process, not of this turn.
     * {@code sessionNotFound}: the CLI could not resume the session it was started with (its transcript is gone); it
     * exits after this frame.
     */
    record Result(
            String sessionId,
            ResultSubtype subtype,
            boolean isError,
            String result,
            double totalCostUsd,
            int numTurns,
            int queuedTurnCount,
            String terminalReason,
            List<String> errors,
            List<String> userMessageUuids,
            boolean sessionNotFound,
            int apiErrorStatus)
            implements CliMessage {

        /**
         * The turn ended because the API kept refusing it for the account's limit (429) or its own load (529) after
         * the CLI's retries: the work was not done, and was not wrong either.
         */
        public boolean stoppedByApiLimit() {
            return isError && (apiErrorStatus == 429 || apiErrorStatus == 529);
        }

        /** What went wrong, for people: the CLI's errors, else the subtype; null for a turn that went well. */
        public String errorDetail() {
            if (!isError) {
                return null;
            }
            return errors.isEmpty() ? subtype.wire() : String.join("; ", errors);
        }
    }

    /**
     * Progress of a user message the host sent with a {@code uuid}. {@code rawState} is the state as written, kept
     * for the log when {@code state} is {@link LifecycleState#UNKNOWN}.
     */
    record Lifecycle(String sessionId, String commandUuid, LifecycleState state, String rawState)
            implements CliMessage {}

    record Unknown(String type, JsonNode raw) implements CliMessage {}
}
