package dev.peersteam.agent.codex;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.peersteam.agent.TeamPrompt;
import dev.peersteam.json.Json;
import dev.peersteam.permission.PermissionPolicy;
import dev.peersteam.protocol.McpTool;
import dev.peersteam.team.RoleSpec;
import dev.peersteam.team.TeamSpec;
import java.nio.file.Path;
import java.util.List;

/**
 * What a role's Codex thread is started (or resumed) with: its worktree, model, approval policy and sandbox from the
 * role's settings, the team prompt as developer instructions, and the team tools as dynamic tools.
 *
 * <p>The permission modes of the team file map onto Codex's two knobs so that a Codex role asks about what a Claude
 * role with the same mode would: {@code default} asks for every command that is not known safe ({@code untrusted});
 * {@code acceptEdits} and {@code auto} let the model work inside its worktree's sandbox and ask to leave it
 * ({@code on-request}); {@code plan} only reads; {@code dontAsk} never asks (what needs a person is refused by
 * Codex's sandbox); {@code bypassPermissions} never asks and runs without a sandbox. {@code sandbox: false} turns
 * Codex's sandbox off as it does Claude Code's.
 */
record CodexThreadSettings(
        Path cwd,
        String model,
        String approvalPolicy,
        String sandbox,
        String developerInstructions,
        List<McpTool> tools) {
    /** The dynamic-tool namespace the team tools are offered in. */
    static final String NAMESPACE = "peers";

    static CodexThreadSettings of(TeamSpec team, RoleSpec role, List<McpTool> teamTools) {
        String mode = role.permissionMode();
        String approval = switch (mode) {
            case "default" -> "untrusted";
            case "dontAsk", "bypassPermissions" -> "never";
            default -> "on-request";
        };
        String sandbox;
        if (mode.equals("bypassPermissions") || Boolean.FALSE.equals(role.sandbox())) {
            sandbox = "danger-full-access";
        } else if (mode.equals("plan")) {
            sandbox = "read-only";
        } else {
            sandbox = "workspace-write";
        }
        return new CodexThreadSettings(
                team.worktreeOf(role),
                role.model(),
                approval,
                sandbox,
                forCodex(TeamPrompt.forRole(team, role)),
                teamTools);
    }

    /** The parameters of {@code thread/start}. */
    ObjectNode start() {
        ObjectNode params = common();
        params.set("dynamicTools", dynamicTools());
        return params;
    }

    /** The parameters of {@code thread/resume} (the thread keeps its dynamic tools). */
    ObjectNode resume(String threadId) {
        ObjectNode params = common();
        params.put("threadId", threadId);
        // the answer need not carry the whole history (0.171.0 calls that "deprecated"); the model still gets it
        params.put("excludeTurns", true);
        return params;
    }

    private ObjectNode common() {
        ObjectNode params = Json.object();
        params.put("cwd", cwd.toString());
        if (model != null) {
            params.put("model", model);
        }
        params.put("approvalPolicy", approvalPolicy);
        params.put("sandbox", sandbox);
        params.put("developerInstructions", developerInstructions);
        return params;
    }

    /**
     * The team tools as one namespace of dynamic tools, {@code peers}: codex reserves the {@code mcp__} prefix of
     * Claude's names for its own MCP clients, and a namespace keeps the tools apart from codex's built-in ones. The
     * schemas are the catalog's, unchanged; the model calls {@code send_message} in namespace {@code peers}.
     */
    private ArrayNode dynamicTools() {
        ArrayNode list = Json.MAPPER.createArrayNode();
        ObjectNode namespace = list.addObject();
        namespace.put("type", "namespace");
        namespace.put("name", NAMESPACE);
        namespace.put("description", "The team tools: talk to your teammates, the board, file claims.");
        ArrayNode inside = namespace.putArray("tools");
        for (McpTool tool : tools) {
            ObjectNode spec = inside.addObject();
            spec.put("type", "function");
            spec.put("name", tool.name());
            spec.put("description", tool.description());
            spec.set("inputSchema", tool.inputSchema());
        }
        return list;
    }

    /**
     * The team prompt names the tools as Claude sees them ({@code mcp__peers__send_message}); a Codex model sees
     * them in the {@code peers} namespace.
     */
    static String forCodex(String teamPrompt) {
        return teamPrompt.replace(PermissionPolicy.TEAM_TOOL_PREFIX, NAMESPACE + ".");
    }
}
