package dev.peersteam.permission;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;

/**
 * Decides tool calls the CLI asks about, from one role's rules. The CLI already applies the same allow rules and
 * permission mode itself; the host checks again because the CLI asks about calls its own matching left open
 * (compound shell commands, paths outside the worktree), and because the team tools must never need a prompt.
 */
public final class PermissionPolicy {
    public static final String TEAM_TOOL_PREFIX = "mcp__peers__";
    private static final List<String> EDIT_TOOLS = List.of("Edit", "Write", "MultiEdit", "NotebookEdit");

    private final String role;
    private final List<ToolRule> allowed;
    private final List<ToolRule> approved = new java.util.ArrayList<>();
    private final String permissionMode;
    private final Path worktree;

    public PermissionPolicy(String role, List<String> allowedTools, String permissionMode, Path worktree) {
        this.role = role;
        this.allowed =
                allowedTools.stream().flatMap(t -> ToolRule.parse(t).stream()).toList();
        this.permissionMode = permissionMode;
        this.worktree = worktree.toAbsolutePath().normalize();
    }

    public Decision decide(String toolName, JsonNode input) {
        if (toolName.startsWith(TEAM_TOOL_PREFIX)) {
            return new Decision.Allow("team tool");
        }
        for (ToolRule rule : allowed) {
            if (rule.matches(toolName, input)) {
                return new Decision.Allow("allowed_tools: " + rule);
            }
        }
        for (ToolRule rule : approved) {
            if (rule.matches(toolName, input)) {
                return new Decision.Allow("approved always by the person: " + rule);
            }
        }
        if (permissionMode.equals("acceptEdits") && EDIT_TOOLS.contains(toolName) && insideWorktree(input)) {
            return new Decision.Allow("acceptEdits inside the worktree");
        }
        return new Decision.Ask(describe(toolName, input) + " is not in the allowed_tools of role " + role);
    }

    /** A rule a person approved with "always", for the rest of this session. */
    public void approveAlways(String rule) {
        ToolRule.parse(rule).ifPresent(approved::add);
    }

    /** What a headless team answers when nobody can be asked. */
    public Decision.Deny headlessDefault(String toolName, JsonNode input) {
        return new Decision.Deny("not allowed for role " + role + ": " + describe(toolName, input)
                + " is not in its allowed_tools and no person is there to approve it. Do the work with the tools"
                + " you are allowed, or ask a teammate or the human (mcp__peers__send_message) to do this step.");
    }

    private boolean insideWorktree(JsonNode input) {
        String path = ToolRule.mainArgument("Edit", input);
        if (path == null) {
            return false;
        }
        Path target = worktree.resolve(path).normalize();
        return target.startsWith(worktree);
    }

    public static String describe(String toolName, JsonNode input) {
        String argument = ToolRule.mainArgument(toolName, input);
        if (argument == null) {
            return toolName;
        }
        String oneLine = argument.replaceAll("\\s+", " ").strip();
        return toolName + "(" + (oneLine.length() > 80 ? oneLine.substring(0, 77) + "..." : oneLine) + ")";
    }
}
