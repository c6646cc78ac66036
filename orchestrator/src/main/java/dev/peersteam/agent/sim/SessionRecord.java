package dev.peersteam.agent.sim;

import java.math.BigDecimal;
import java.util.Map;

/** The running totals a session starts from: zero, or what its transcript says on {@code --resume}. */
record SessionRecord(String sessionId, BigDecimal totalCostUsd, int turns, Map<String, ModelTotals> modelUsage) {
    SessionRecord {
        totalCostUsd = totalCostUsd == null ? BigDecimal.ZERO : totalCostUsd;
        modelUsage = modelUsage == null ? Map.of() : modelUsage;
    }

    static SessionRecord fresh(String sessionId) {
        return new SessionRecord(sessionId, BigDecimal.ZERO, 0, Map.of());
    }
}
