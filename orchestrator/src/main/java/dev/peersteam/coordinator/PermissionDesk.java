package dev.peersteam.coordinator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.peersteam.protocol.CliRequest;
import dev.peersteam.protocol.Json;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Tool calls waiting for a person. Each gets a short id ({@code p1}, {@code p2}, ...) that the console and
 * {@code approve}/{@code deny} use; the CLI's own request id stays inside, so the answer reaches the right request
 * exactly once (or never, when the CLI cancels it first).
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
     * The CLI's answer allowing the call. With {@code always}, the rules the CLI itself suggested for this call
     * (e.g. {@code Bash(npm test)}, not all of Bash) are added too, for this session only: never written into the
     * role's worktree settings behind the person's back.
     */
    static ObjectNode allow(CliRequest.CanUseTool request, boolean always) {
        ObjectNode body = Json.object();
        body.put("behavior", "allow");
        body.set("updatedInput", request.input());
        if (always) {
            ArrayNode updates = body.putArray("updatedPermissions");
            for (JsonNode suggestion : request.permissionSuggestions()) {
                if (suggestion.path("type").asText().equals("addRules")) {
                    ObjectNode rule = suggestion.deepCopy();
                    rule.put("destination", "session");
                    updates.add(rule);
                }
            }
            if (updates.isEmpty()) {
                ObjectNode rule = updates.addObject();
                rule.put("type", "addRules");
                rule.putArray("rules").addObject().put("toolName", request.toolName());
                rule.put("behavior", "allow");
                rule.put("destination", "session");
            }
        }
        return body;
    }

    /** The same rules in Claude Code's text form, so the host's own policy learns them too. */
    static List<String> rulesOf(ObjectNode allowAnswer) {
        List<String> rules = new java.util.ArrayList<>();
        for (JsonNode update : allowAnswer.path("updatedPermissions")) {
            for (JsonNode rule : update.path("rules")) {
                String content = rule.path("ruleContent").asText("");
                rules.add(rule.path("toolName").asText() + (content.isEmpty() ? "" : "(" + content + ")"));
            }
        }
        return rules;
    }

    static ObjectNode deny(String message) {
        ObjectNode body = Json.object();
        body.put("behavior", "deny");
        body.put("message", message);
        return body;
    }

    static JsonNode describe(Pending p) {
        return Json.object()
                .put("id", p.id())
                .put("role", p.role())
                .put("tool", p.request().toolName())
                .put("summary", p.summary());
    }
}
