package dev.peersteam.coordinator;

import dev.peersteam.permission.PermissionPolicy;
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
     * What "always" adds for a call: the rules the CLI is sent and the rules the host learns are the same ones.
     *
     * @param rules for the rest of this session only (never written into the role's settings); empty when refused
     * @param refused why no rule was added (the call is approved once), or null
     */
    record Always(List<PermissionRule> rules, String refused) {}

    /**
     * The rules "always" may add for this call, never a whole tool: the rules the CLI suggested for it that name
     * something (e.g. {@code Bash(npm test)}); without such a suggestion, rules for exactly this call
     * ({@link PermissionPolicy#exactRulesFor}); or none, with the reason, when no rule can be that narrow.
     */
    static Always always(CliRequest.CanUseTool request, PermissionPolicy policy) {
        List<PermissionRule> suggested = request.suggestedRules().stream()
                .filter(rule -> !rule.wholeTool() && !rule.ruleContent().strip().equals("*"))
                .toList();
        if (!suggested.isEmpty()) {
            return new Always(suggested, null);
        }
        return switch (policy.exactRulesFor(request.toolName(), request.input())) {
            case PermissionPolicy.Always.Refused(String why) -> new Always(List.of(), why);
            case PermissionPolicy.Always.Rules(List<String> exact) ->
                new Always(
                        exact.stream()
                                .map(rule -> {
                                    int open = rule.indexOf('(');
                                    return new PermissionRule(
                                            rule.substring(0, open), rule.substring(open + 1, rule.length() - 1));
                                })
                                .toList(),
                        null);
        };
    }

    static HostMessage.PermissionAllow allow(Pending pending, List<PermissionRule> remember) {
        return new HostMessage.PermissionAllow(
                pending.requestId(), pending.request().input().raw(), remember);
    }

    static HostMessage.PermissionDeny deny(Pending pending, String message) {
        return new HostMessage.PermissionDeny(pending.requestId(), message, false);
    }
}
