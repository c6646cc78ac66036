package dev.peersteam.agent.sim;

import com.fasterxml.jackson.databind.node.ArrayNode;
import java.math.BigDecimal;
import java.util.List;

/**
 * What one turn amounted to, for its {@code result} frame.
 *
 * @param terminalReason {@code completed}, {@code aborted_streaming} or {@code aborted_tools}
 * @param resultText the final assistant text; null when the turn was aborted
 * @param numTurns model round-trips (assistant messages) in the turn
 */
record TurnReport(
        String terminalReason,
        String stopReason,
        String resultText,
        int numTurns,
        long durationMs,
        long inputTokens,
        long outputTokens,
        BigDecimal cost,
        String model,
        ArrayNode permissionDenials,
        List<String> userUuids,
        int queuedTurnCount) {

    TurnReport {
        userUuids = List.copyOf(userUuids);
    }

    boolean isError() {
        return !terminalReason.equals("completed");
    }
}
