package dev.peersteam.coordinator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.peersteam.permission.PermissionPolicy;
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
     * What "always" adds for a call: the update the CLI is sent and the rules the host learns are the same ones.
     *
     * @param updates  {@code updatedPermissions} entries for the CLI (session only); empty when "always" was refused
     * @param refused  why no rule was added (the call is approved once), or null
     */
    record Always(List<JsonNode> updates, String refused) {}

    /**
     * The rules "always" may add for this call, never a whole tool: the rules the CLI suggested for it that name
     * something (e.g. {@code Bash(npm test)}), for this session only and never written into the role's settings;
     * without such a suggestion, rules for exactly this call ({@link PermissionPolicy#exactRulesFor}); or none,
     * with the reason, when no rule can be that narrow.
     */
    static Always always(CliRequest.CanUseTool request, PermissionPolicy policy) {
        List<JsonNode> updates = new java.util.ArrayList<>();
        for (JsonNode suggestion : request.permissionSuggestions()) {
            if (!suggestion.path("type").asText().equals("addRules")
                    || !suggestion.path("behavior").asText().equals("allow")) {
                continue;
            }
            ArrayNode rules = Json.object().putArray("rules");
            for (JsonNode rule : suggestion.path("rules")) {
                String content = rule.path("ruleContent").asText("").strip();
                if (!content.isEmpty() && !content.equals("*")) { // a bare tool name would allow all of it
                    rules.add(rule.deepCopy());
                }
            }
            if (!rules.isEmpty()) {
                updates.add(addRules(rules));
            }
        }
        if (!updates.isEmpty()) {
            return new Always(updates, null);
        }
        return switch (policy.exactRulesFor(request.toolName(), request.input())) {
            case PermissionPolicy.Always.Refused(String why) -> new Always(List.of(), why);
            case PermissionPolicy.Always.Rules(List<String> exact) -> {
                ArrayNode rules = Json.object().putArray("rules");
                for (String rule : exact) {
                    int open = rule.indexOf('(');
                    rules.addObject()
                            .put("toolName", rule.substring(0, open))
                            .put("ruleContent", rule.substring(open + 1, rule.length() - 1));
                }
                yield new Always(List.of(addRules(rules)), null);
            }
        };
    }

    private static ObjectNode addRules(ArrayNode rules) {
        ObjectNode update = Json.object();
        update.put("type", "addRules");
        update.set("rules", rules);
        update.put("behavior", "allow");
        update.put("destination", "session");
        return update;
    }

    /** The CLI's answer allowing the call, with the "always" rules, if any, for the rest of the session. */
    static ObjectNode allow(CliRequest.CanUseTool request, List<JsonNode> alwaysUpdates) {
        ObjectNode body = Json.object();
        body.put("behavior", "allow");
        body.set("updatedInput", request.input());
        if (!alwaysUpdates.isEmpty()) {
            body.putArray("updatedPermissions").addAll(alwaysUpdates);
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
