package dev.peersteam.coordinator;

import dev.peersteam.control.Usd;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What each role has spent. The CLI reports {@code total_cost_usd} as a running total per session, and a resumed
 * session continues its old total; a new session starts again at zero. So a role's cost is the sum, over its
 * sessions, of the highest total each reported. Kept as {@link Usd} (millionths of a dollar), so that sums are exact
 * and a cost reads {@code 0.41}, not {@code 0.41000000000000003}.
 */
final class CostLedger {
    private final Map<String, Map<String, Usd>> bySession = new LinkedHashMap<>();

    /** Records a session's running total; returns the cost of this turn (the growth since the last report). */
    Usd record(String role, String sessionId, double sessionTotalUsd) {
        Usd total = Usd.ofDollars(sessionTotalUsd);
        Map<String, Usd> sessions = bySession.computeIfAbsent(role, r -> new HashMap<>());
        String key = sessionId == null ? "" : sessionId;
        Usd before = sessions.getOrDefault(key, Usd.ZERO);
        if (total.compareTo(before) > 0) {
            sessions.put(key, total);
            return total.minus(before);
        }
        return Usd.ZERO;
    }

    Usd roleCost(String role) {
        return bySession.getOrDefault(role, Map.of()).values().stream().reduce(Usd.ZERO, Usd::plus);
    }

    Usd teamCost() {
        return bySession.keySet().stream().map(this::roleCost).reduce(Usd.ZERO, Usd::plus);
    }
}
