package dev.peersteam.agent.codex;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.peersteam.protocol.McpTool;
import dev.peersteam.team.AgentKind;
import dev.peersteam.team.RoleSpec;
import dev.peersteam.team.TeamSpec;
import dev.peersteam.tools.TeamToolCatalog;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** How a role's settings become a Codex thread's: policy and sandbox per permission mode, the team tools. */
class CodexThreadSettingsTest {
    @ParameterizedTest
    @CsvSource({
        "default, , untrusted, workspace-write",
        "acceptEdits, , on-request, workspace-write",
        "auto, , on-request, workspace-write",
        "plan, , on-request, read-only",
        "dontAsk, , never, workspace-write",
        "bypassPermissions, , never, danger-full-access",
        "acceptEdits, false, on-request, danger-full-access",
        "default, true, untrusted, workspace-write"
    })
    void permissionModesMapOntoPolicyAndSandbox(String mode, Boolean sandbox, String policy, String codexSandbox) {
        CodexThreadSettings settings = CodexThreadSettings.of(team(), role(mode, sandbox), List.of());
        assertThat(settings.approvalPolicy()).isEqualTo(policy);
        assertThat(settings.sandbox()).isEqualTo(codexSandbox);
        assertThat(settings.start().path("approvalPolicy").asText()).isEqualTo(policy);
        assertThat(settings.start().path("sandbox").asText()).isEqualTo(codexSandbox);
    }

    @Test
    void theTeamToolsAreOfferedInThePeersNamespaceWithTheCatalogsSchemas() {
        List<McpTool> catalog = new TeamToolCatalog().definitions();
        JsonNode start = CodexThreadSettings.of(team(), role("acceptEdits", null), catalog)
                .start();
        JsonNode namespace = start.path("dynamicTools").path(0);
        assertThat(namespace.path("type").asText()).isEqualTo("namespace");
        assertThat(namespace.path("name").asText()).isEqualTo("peers");
        assertThat(namespace.path("tools")).hasSize(catalog.size());
        for (int i = 0; i < catalog.size(); i++) {
            JsonNode tool = namespace.path("tools").path(i);
            assertThat(tool.path("name").asText())
                    .isEqualTo(catalog.get(i).name())
                    .doesNotStartWith("mcp__");
            assertThat(tool.path("inputSchema")).isEqualTo(catalog.get(i).inputSchema());
        }
        assertThat(start.path("cwd").asText()).endsWith("worktrees/rev");
        assertThat(start.path("model").asText()).isEqualTo("gpt-x");
    }

    @Test
    void thePromptNamesTheToolsAsACodexModelSeesThem() {
        String prompt =
                CodexThreadSettings.of(team(), role("default", null), List.of()).developerInstructions();
        assertThat(prompt).contains("peers.send_message").doesNotContain("mcp__peers__");
    }

    @Test
    void aResumeNamesTheThreadAndKeepsTheToolsItHas() {
        JsonNode resume = CodexThreadSettings.of(team(), role("default", null), new TeamToolCatalog().definitions())
                .resume("T1");
        assertThat(resume.path("threadId").asText()).isEqualTo("T1");
        assertThat(resume.has("dynamicTools")).isFalse();
        assertThat(resume.path("excludeTurns").asBoolean()).isTrue();
    }

    private static RoleSpec role(String mode, Boolean sandbox) {
        return new RoleSpec(
                "rev",
                true,
                "You review.",
                null,
                AgentKind.CODEX,
                "gpt-x",
                mode,
                List.of(),
                null,
                null,
                null,
                null,
                null,
                null,
                sandbox);
    }

    private static TeamSpec team() {
        Path repo = Path.of("/repo");
        return new TeamSpec(
                repo.resolve("team.yaml"),
                "t",
                repo,
                null,
                repo.resolve("worktrees"),
                null,
                null,
                List.of(),
                List.of(),
                List.of(role("default", null)));
    }
}
