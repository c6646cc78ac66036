package dev.peersteam.protocol;

/**
 * One allow rule in the CLI's terms: a tool, and optionally the content it is limited to ({@code Bash} +
 * {@code npm test} is the rule the CLI writes as {@code Bash(npm test)}).
 */
public record PermissionRule(String toolName, String ruleContent) {
    public PermissionRule {
        if (toolName == null || toolName.isBlank()) {
            throw new IllegalArgumentException("a permission rule needs a tool name");
        }
        ruleContent = ruleContent == null || ruleContent.isEmpty() ? null : ruleContent;
    }

    /** Whether it allows every call of the tool. */
    public boolean wholeTool() {
        return ruleContent == null;
    }

    /** The rule in Claude Code's settings syntax. */
    @Override
    public String toString() {
        return ruleContent == null ? toolName : toolName + "(" + ruleContent + ")";
    }
}
