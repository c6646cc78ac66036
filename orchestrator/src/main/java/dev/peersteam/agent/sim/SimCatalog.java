package dev.peersteam.agent.sim;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.peersteam.json.Json;
import java.util.List;
import java.util.Map;

/**
 * The fixed facts a simulated CLI reports about itself: version, built-in tools, commands, models. A plausible
 * subset of what CLI 2.1.328 reports (see the recorded fixtures), so hosts that read them find the same shapes.
 */
final class SimCatalog {
    static final String VERSION = "2.1.328-sim";
    static final String DEFAULT_MODEL_ALIAS = "default";

    /** The real CLI's built-in tools, in its order. */
    static final List<String> BUILTIN_TOOLS = List.of(
            "Task",
            "Bash",
            "Edit",
            "Glob",
            "Grep",
            "NotebookEdit",
            "Read",
            "SendMessage",
            "Skill",
            "TaskCreate",
            "TaskGet",
            "TaskList",
            "TaskStop",
            "TaskUpdate",
            "ToolSearch",
            "WebFetch",
            "WebSearch",
            "Write");

    static final List<String> SLASH_COMMANDS = List.of("compact", "context", "cost", "init", "model", "review");
    static final List<String> AGENTS = List.of("general-purpose", "Explore", "Plan");
    static final List<String> INIT_CAPABILITIES = List.of(
            "interrupt_receipt_v1", "interrupt_cancel_queued_v1", "msg_lifecycle_v1", "sdk_mcp_tools_list_changed");

    /** Aliases and what they resolve to (as {@code set_model} and {@code --model} report them). */
    private static final Map<String, String> ALIASES = Map.of(
            "default", "claude-opus-5-5",
            "opus", "claude-opus-5-5",
            "sonnet", "claude-sonnet-5-5",
            "haiku", "claude-haiku-5-5");

    private SimCatalog() {}

    static String resolveModel(String model) {
        String name = model == null || model.isBlank() ? DEFAULT_MODEL_ALIAS : model.strip();
        return ALIASES.getOrDefault(name, name);
    }

    static ArrayNode commands() {
        ArrayNode commands = Json.MAPPER.createArrayNode();
        for (String name : SLASH_COMMANDS) {
            commands.addObject()
                    .put("name", name)
                    .put("description", "/" + name + " (simulated)")
                    .put("argumentHint", "")
                    .put("builtin", true);
        }
        return commands;
    }

    static ArrayNode agents() {
        ArrayNode agents = Json.MAPPER.createArrayNode();
        for (String name : AGENTS) {
            agents.addObject().put("name", name).put("description", name + " agent (simulated)");
        }
        return agents;
    }

    static ArrayNode models() {
        ArrayNode models = Json.MAPPER.createArrayNode();
        for (String alias : List.of("default", "opus", "sonnet", "haiku")) {
            ObjectNode model = models.addObject();
            model.put("value", alias);
            model.put("resolvedModel", ALIASES.get(alias));
            model.put(
                    "displayName",
                    alias.equals("default")
                            ? "Default (recommended)"
                            : Character.toUpperCase(alias.charAt(0)) + alias.substring(1));
            model.put("description", "Simulated " + ALIASES.get(alias));
            model.put("supportsEffort", true);
            model.putArray("supportedEffortLevels").add("low").add("medium").add("high");
            model.put("supportsAdaptiveThinking", true);
            model.put("supportsAutoMode", true);
            model.put("supportsThinkingOff", false);
        }
        return models;
    }

    /** {@code send_message} as the real CLI shows it: "Send Message". */
    static String displayName(String toolName) {
        StringBuilder out = new StringBuilder();
        for (String word : toolName.split("_")) {
            if (word.isEmpty()) {
                continue;
            }
            if (!out.isEmpty()) {
                out.append(' ');
            }
            out.append(Character.toUpperCase(word.charAt(0))).append(word.substring(1));
        }
        return out.toString();
    }
}
