package dev.peersteam.agent.sim;

import java.math.BigDecimal;

/**
 * Tokens and cost of one model, summed over a session (the result's {@code modelUsage} entries).
 *
 * @param restored the totals were read back on {@code --resume}: the real CLI then writes the entry's fields in
 *     another order, and so does the sim
 */
record ModelTotals(long inputTokens, long outputTokens, BigDecimal costUsd, boolean restored) {
    static final ModelTotals ZERO = new ModelTotals(0, 0, BigDecimal.ZERO, false);

    ModelTotals plus(long input, long output, BigDecimal cost) {
        return new ModelTotals(inputTokens + input, outputTokens + output, costUsd.add(cost), restored);
    }

    ModelTotals asRestored() {
        return new ModelTotals(inputTokens, outputTokens, costUsd, true);
    }
}
