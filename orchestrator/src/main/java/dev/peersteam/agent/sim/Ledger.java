package dev.peersteam.agent.sim;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The session's running totals: cost and tokens per model (the result's {@code total_cost_usd} and
 * {@code modelUsage} are cumulative, and continue after a resume, as in the real CLI), the session's turn count
 * (which decides the {@code start} trigger) and, per process, the results written so far.
 */
final class Ledger {
    private BigDecimal totalCost;
    private final Map<String, ModelTotals> byModel;
    private int sessionTurns;
    private int processResults;
    private boolean lastResultWasError;

    Ledger(SessionRecord resumed) {
        totalCost = resumed.totalCostUsd();
        byModel = new LinkedHashMap<>();
        resumed.modelUsage().forEach((model, totals) -> byModel.put(model, totals.asRestored()));
        sessionTurns = resumed.turns();
    }

    void record(String model, long inputTokens, long outputTokens, BigDecimal cost, boolean error) {
        totalCost = totalCost.add(cost);
        byModel.merge(
                model,
                ModelTotals.ZERO.plus(inputTokens, outputTokens, cost),
                (old, added) -> old.plus(added.inputTokens(), added.outputTokens(), added.costUsd()));
        sessionTurns++;
        processResults++;
        lastResultWasError = error;
    }

    BigDecimal totalCost() {
        return totalCost;
    }

    Map<String, ModelTotals> byModel() {
        return Map.copyOf(byModel);
    }

    /** {@code modelUsage} in first-use order, for the result frame. */
    Map<String, ModelTotals> byModelInOrder() {
        return new LinkedHashMap<>(byModel);
    }

    int sessionTurns() {
        return sessionTurns;
    }

    /** Results written by this process so far; the next result's {@code result_index}. */
    int processResults() {
        return processResults;
    }

    boolean lastResultWasError() {
        return lastResultWasError;
    }
}
