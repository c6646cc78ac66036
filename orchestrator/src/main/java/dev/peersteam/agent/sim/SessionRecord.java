package dev.peersteam.agent.sim;

import java.math.BigDecimal;
import java.util.Map;

/** What a simulated session keeps on disk so that {@code --resume} continues it. */
record SessionRecord(String sessionId, BigDecimal totalCostUsd, int turns, Map<String, ModelTotals> modelUsage) {
    SessionRecord {
        totalCostUsd = totalCostUsd == null ? BigDecimal.ZERO : totalCostUsd;
        modelUsage = modelUsage == null ? Map.of() : modelUsage;
    }

    static SessionRecord fresh(String sessionId) {
        return new SessionRecord(sessionId, BigDecimal.ZERO, 0, Map.of());
    }
}
