package dev.peersteam.coordinator;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What each role has spent. The CLI reports {@code total_cost_usd} as a running total per session, and a resumed
 * session continues its old total; a new session starts again at zero. So a role's cost is the sum, over its
 * sessions, of the highest total each reported.
 */
final class CostLedger {
    private final Map<String, Map<String, Double>> bySession = new LinkedHashMap<>();

    /** Records a session's running total; returns the cost of this turn (the growth since the last report). */
    double record(String role, String sessionId, double sessionTotal) {
        Map<String, Double> sessions = bySession.computeIfAbsent(role, r -> new HashMap<>());
        String key = sessionId == null ? "" : sessionId;
        double before = sessions.getOrDefault(key, 0.0);
        if (sessionTotal > before) {
            sessions.put(key, sessionTotal);
            return sessionTotal - before;
        }
        return 0;
    }

    double roleCost(String role) {
        return bySession.getOrDefault(role, Map.of()).values().stream()
                .mapToDouble(Double::doubleValue)
                .sum();
    }

    double teamCost() {
        return bySession.keySet().stream().mapToDouble(this::roleCost).sum();
    }
}
