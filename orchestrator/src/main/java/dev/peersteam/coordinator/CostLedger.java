package dev.peersteam.coordinator;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What each role has spent. The CLI reports {@code total_cost_usd} as a running total per session, and a resumed
 * session continues its old total; a new session starts again at zero. So a role's cost is the sum, over its
 * sessions, of the highest total each reported. Kept in millionths of a dollar, so that sums are exact and a cost
 * reads {@code 0.41}, not {@code 0.41000000000000003}.
 */
final class CostLedger {
    private static final double MICROS = 1_000_000;

    private final Map<String, Map<String, Long>> bySession = new LinkedHashMap<>();

    /** Records a session's running total; returns the cost of this turn (the growth since the last report). */
    double record(String role, String sessionId, double sessionTotalUsd) {
        long total = Math.round(sessionTotalUsd * MICROS);
        Map<String, Long> sessions = bySession.computeIfAbsent(role, r -> new HashMap<>());
        String key = sessionId == null ? "" : sessionId;
        long before = sessions.getOrDefault(key, 0L);
        if (total > before) {
            sessions.put(key, total);
            return (total - before) / MICROS;
        }
        return 0;
    }

    double roleCost(String role) {
        return roleMicros(role) / MICROS;
    }

    double teamCost() {
        return bySession.keySet().stream().mapToLong(this::roleMicros).sum() / MICROS;
    }

    private long roleMicros(String role) {
        return bySession.getOrDefault(role, Map.of()).values().stream()
                .mapToLong(Long::longValue)
                .sum();
    }
}
