package dev.peersteam.agent.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.peersteam.permission.ToolRule;
import dev.peersteam.protocol.Json;
import dev.peersteam.protocol.ToolInput;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Decides whether a tool call may run, the way the real CLI does, in a simplified form: the permission mode
 * ({@code bypassPermissions} allows everything; {@code acceptEdits} allows {@code Write}/{@code Edit} inside the
 * cwd), then the {@code --allowedTools} rules ({@code Tool}, {@code Tool(glob)}, {@code mcp__server} for a whole MCP
 * server) and the rules the host added during the session; anything else is asked of the host with a
 * {@code can_use_tool} request when the agent runs with {@code --permission-prompt-tool stdio}, and denied without
 * asking otherwise (or in {@code dontAsk} mode).
 */
final class PermissionGate {

    /** What may happen to a tool call. */
    sealed interface Verdict {
        /** Run it, with this (possibly host-rewritten) input. {@code decision} goes into {@code tool_result_meta}. */
        record Allow(JsonNode input, ObjectNode decision) implements Verdict {}

        /** Do not run it; the turn goes on. {@code askedHost} is false when no one was asked. */
        record Deny(String message, boolean askedHost) implements Verdict {}

        /** The host denied it with {@code interrupt:true}: the turn stops. */
        record DenyAndStop(String message) implements Verdict {}

        /** The host answered the permission request with a control error; the turn goes on. */
        record Failed(String error) implements Verdict {}
    }

    /** A tool call to decide about; {@code mcpServer} is null for built-in tools. */
    record Call(String toolName, JsonNode input, String toolUseId, String mcpServer, String mcpTool) {}

    private final List<ToolRule> rules = new CopyOnWriteArrayList<>();
    private final List<String> mcpServerRules = new CopyOnWriteArrayList<>();
    private final boolean askHost;
    private final Path cwd;
    private final LiveSettings settings;
    private final HostRequests host;

    PermissionGate(List<String> allowedTools, boolean askHost, Path cwd, LiveSettings settings, HostRequests host) {
        this.askHost = askHost;
        this.cwd = cwd;
        this.settings = settings;
        this.host = host;
        allowedTools.forEach(this::allow);
    }

    Verdict check(Call call, Waiter waiter) throws TurnAborted {
        String mode = settings.permissionMode();
        if (mode.equals("bypassPermissions")) {
            return new Verdict.Allow(call.input(), accepted("config", "mode"));
        }
        if (allowedByRules(call)) {
            return new Verdict.Allow(call.input(), accepted("config", "rule"));
        }
        if (mode.equals("acceptEdits") && isEditInsideCwd(call)) {
            return new Verdict.Allow(call.input(), accepted("config", "mode"));
        }
        if (!askHost || mode.equals("dontAsk")) {
            return new Verdict.Deny(
                    call.toolName() + " needs approval: " + subject(call) + ". This session cannot ask"
                            + " for it (no --permission-prompt-tool stdio) and no --allowedTools rule allows it.",
                    false);
        }
        return switch (waiter.await(host.send(canUseTool(call)))) {
            case HostAnswer.Failure(String error) -> new Verdict.Failed(error);
            case HostAnswer.Success(JsonNode answer) -> {
                if (!answer.path("behavior").asText().equals("allow")) {
                    String message = answer.path("message").asText("Permission denied");
                    yield answer.path("interrupt").asBoolean(false)
                            ? new Verdict.DenyAndStop(message)
                            : new Verdict.Deny(message, true);
                }
                for (JsonNode update : answer.path("updatedPermissions")) {
                    addRules(update);
                }
                JsonNode updated = answer.get("updatedInput");
                yield new Verdict.Allow(
                        updated != null && updated.isObject() ? updated : call.input(),
                        accepted("user_temporary", null));
            }
        };
    }

    private void allow(String rule) {
        if (rule.startsWith("mcp__") && !rule.substring(5).contains("__")) {
            mcpServerRules.add(rule.substring(5)); // mcp__peers: every tool of the server
        } else if (rule.startsWith("mcp__") && rule.endsWith("__*")) {
            mcpServerRules.add(rule.substring(5, rule.length() - 3));
        } else {
            ToolRule.parse(rule).ifPresent(rules::add);
        }
    }

    /** The {@code addRules} updates of an allow answer ({@code updatedPermissions}) apply for the rest of the session. */
    private void addRules(JsonNode update) {
        if (!update.path("type").asText().equals("addRules")
                || !update.path("behavior").asText().equals("allow")) {
            return;
        }
        for (JsonNode rule : update.path("rules")) {
            String tool = rule.path("toolName").asText("");
            String content = rule.path("ruleContent").asText(null);
            allow(content == null ? tool : tool + "(" + content + ")");
        }
    }

    private boolean allowedByRules(Call call) {
        if (call.mcpServer() != null && mcpServerRules.contains(call.mcpServer())) {
            return true;
        }
        Optional<JsonNode> relative = relativePathInput(call);
        for (ToolRule rule : rules) {
            if (rule.matches(call.toolName(), ToolInput.of(call.input()))
                    || relative.map(input -> rule.matches(call.toolName(), ToolInput.of(input)))
                            .orElse(false)) {
                return true;
            }
        }
        return false;
    }

    /** File rules such as {@code Write(src/*)} are written relative to the cwd; tool inputs carry absolute paths. */
    private Optional<JsonNode> relativePathInput(Call call) {
        Optional<Path> path = filePath(call);
        if (path.isEmpty() || !path.get().startsWith(cwd)) {
            return Optional.empty();
        }
        ObjectNode copy = call.input().deepCopy();
        copy.put("file_path", cwd.relativize(path.get()).toString());
        return Optional.of(copy);
    }

    private boolean isEditInsideCwd(Call call) {
        return (call.toolName().equals("Write") || call.toolName().equals("Edit"))
                && filePath(call).map(path -> path.startsWith(cwd)).orElse(false);
    }

    private static Optional<Path> filePath(Call call) {
        JsonNode path = call.input().get("file_path");
        return path != null && path.isTextual()
                ? Optional.of(Path.of(path.asText()).normalize())
                : Optional.empty();
    }

    private static String subject(Call call) {
        JsonNode command = call.input().get("command");
        if (command != null) {
            return command.asText();
        }
        JsonNode path = call.input().get("file_path");
        return path != null ? path.asText() : call.toolName();
    }

    /** The {@code can_use_tool} request, shaped like the real CLI's for each kind of tool. */
    private ObjectNode canUseTool(Call call) {
        ObjectNode request = Json.object();
        request.put("subtype", "can_use_tool");
        request.put("tool_name", call.toolName());
        if (call.mcpServer() != null) {
            request.putObject("mcp_server").put("name", call.mcpServer()).put("source", "sdk");
            request.put("display_name", SimCatalog.displayName(call.mcpTool()));
        } else {
            request.put("display_name", call.toolName());
        }
        request.set("input", call.input());
        JsonNode description = call.input().get("description");
        if (description != null) {
            request.set("description", description);
        }
        ObjectNode suggestion = request.putArray("permission_suggestions").addObject();
        if (call.toolName().equals("Write") || call.toolName().equals("Edit")) {
            suggestion.put("type", "setMode").put("mode", "acceptEdits").put("destination", "session");
            request.put("blocked_path", subject(call));
        } else {
            suggestion.put("type", "addRules");
            ObjectNode rule = suggestion.putArray("rules").addObject().put("toolName", call.toolName());
            if (call.mcpServer() == null) {
                rule.put("ruleContent", subject(call));
            }
            suggestion.put("behavior", "allow").put("destination", "localSettings");
        }
        if (call.mcpServer() != null) {
            request.put("server_policy_ask_only", true);
        }
        request.put("tool_use_id", call.toolUseId());
        return request;
    }

    private static ObjectNode accepted(String source, String reasonType) {
        ObjectNode decision = Json.object().put("decision", "accept").put("source", source);
        if (reasonType != null) {
            decision.put("reason_type", reasonType);
        }
        return decision;
    }
}
