package dev.peersteam.coordinator;

import dev.peersteam.protocol.CliRequest;
import dev.peersteam.protocol.HostMessage;
import dev.peersteam.protocol.PermissionRule;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The registry of tool calls waiting for a person. Each gets a short id ({@code p1}, {@code p2}, ...) that the
 * console and {@code approve}/{@code deny} use; the CLI's own request id stays inside, so the answer reaches the
 * right request exactly once (or never, when the CLI cancels it first).
 */
final class PermissionDesk {

    record Pending(String id, String role, String requestId, CliRequest.CanUseTool request, String summary) {}

    private final Map<String, Pending> pending = new LinkedHashMap<>();
    private int counter;

    Pending open(String role, String requestId, CliRequest.CanUseTool request, String summary) {
        Pending entry = new Pending("p" + (++counter), role, requestId, request, summary);
        pending.put(entry.id(), entry);
        return entry;
    }

    Optional<Pending> take(String id) {
        return Optional.ofNullable(pending.remove(id));
    }

    /** The CLI cancelled its request, or the session ended: nobody can be answered any more. */
    List<Pending> forget(String role, String requestId) {
        List<Pending> gone = pending.values().stream()
                .filter(p -> p.role().equals(role)
                        && (requestId == null || p.requestId().equals(requestId)))
                .toList();
        gone.forEach(p -> pending.remove(p.id()));
        return gone;
    }

    List<Pending> waitingFor(String role) {
        return pending.values().stream().filter(p -> p.role().equals(role)).toList();
    }

    List<String> ids() {
        return List.copyOf(pending.keySet());
    }

    /**
     * The rules "always" adds, for this session only (never written into the role's settings behind the person's
     * back): the ones the CLI itself suggested for this call (e.g. {@code Bash(npm test)}, not all of Bash), minus any
     * that would allow a whole tool. Empty when there is nothing that narrow: the call is then approved once.
     */
    static List<PermissionRule> alwaysRules(CliRequest.CanUseTool request) {
        return request.suggestedRules().stream()
                .filter(rule -> !rule.wholeTool())
                .toList();
    }

    static HostMessage.PermissionAllow allow(Pending pending, List<PermissionRule> remember) {
        return new HostMessage.PermissionAllow(
                pending.requestId(), pending.request().input(), remember);
    }

    static HostMessage.PermissionDeny deny(Pending pending, String message) {
        return new HostMessage.PermissionDeny(pending.requestId(), message, false);
    }
}
