package dev.peersteam.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.peersteam.testing.TestRepos;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ValidateCommandTest {
    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    /** An agent program that exists, so validate's check of it passes. */
    private static final Map<String, String> ENVIRONMENT =
            Map.of("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"), "PEERS_TEAM_CLAUDE", "/bin/true");

    @Test
    void aValidFilePrintsTheResolvedTeamAndExitsZero() throws Exception {
        TestRepos.init(dir);
        Path file = Files.writeString(dir.resolve("shop.yaml"), """
                goal: Ship the login flow
                budget_usd: 20
                defaults:
                  model: sonnet
                  allowed_tools: [Read, Grep]
                roles:
                  manager:
                    prompt: |
                      You lead the team.
                      Split the goal into tasks.
                  qa:
                    lead: true
                    permission_mode: plan
                """);

        int code = run("validate", file.toString());

        assertThat(code).as(err.toString()).isEqualTo(ExitCodes.OK);
        assertThat(err.toString()).isEmpty();
        assertThat(out.toString())
                .contains("team:        shop")
                .contains("base:        current HEAD")
                .contains("worktrees:   " + dir.toAbsolutePath().normalize().resolve("worktrees"))
                .contains("goal:        Ship the login flow")
                .contains("budget:      $20.00 for the team")
                .contains("  manager" + System.lineSeparator())
                .contains("  qa  [lead]")
                .contains("model:       sonnet")
                .contains("permissions: plan")
                .contains("tools:       Read, Grep")
                .contains("prompt:      inline: You lead the team.")
                .contains("prompt:      (none)")
                .contains("(branch peers/qa)")
                .endsWith("shop.yaml is valid: 2 roles, lead qa." + System.lineSeparator());
    }

    @Test
    void anInvalidFilePrintsEveryProblemToStderrAndExitsTwo() throws Exception {
        Path file = Files.writeString(dir.resolve("team.yaml"), """
                roles:
                  qa:
                    alowed_tools: [Read]
                  all:
                """);

        int code = run("validate", file.toString());

        assertThat(code).isEqualTo(ExitCodes.INVALID);
        assertThat(out.toString()).isEmpty();
        assertThat(err.toString())
                .contains("team.yaml:3:5: unknown key 'alowed_tools' in role 'qa'")
                .contains("  fix: did you mean 'allowed_tools'?")
                .contains("team.yaml:4:3: role name 'all' is reserved")
                .contains("2 problems in ");
    }

    @Test
    void aNonexistentFileIsAnInvalidInput() {
        int code = run("validate", dir.resolve("absent.yaml").toString());

        assertThat(code).isEqualTo(ExitCodes.INVALID);
        assertThat(err.toString()).contains("absent.yaml: team file not found");
    }

    @Test
    void aMissingFileArgumentIsAUsageError() {
        int code = run("validate");

        assertThat(code).isEqualTo(ExitCodes.INVALID);
        assertThat(err.toString()).contains("Missing required parameter: 'FILE'");
    }

    @Test
    void theExampleTeamFileValidates() {
        int code = run("validate", "../team.yaml.example");

        assertThat(code).as(err.toString()).isEqualTo(ExitCodes.OK);
        assertThat(out.toString()).contains("manager  [lead]").contains("team.yaml.example is valid: 5 roles");
    }

    @Test
    void theSummaryShowsSharedFilesWatchesDescriptionsAndAgentFiles() throws Exception {
        TestRepos.init(dir);
        Files.createDirectories(dir.resolve(".claude/agents"));
        Files.writeString(dir.resolve(".claude/agents/reviewer.md"), """
                ---
                name: reviewer
                description: Reviews each commit.
                ---
                You review.
                """);
        Path file = Files.writeString(dir.resolve("team.yaml"), """
                shared:
                  - {path: api/openapi.yaml, owners: [backend]}
                roles:
                  backend:
                  reviewer:
                    agent_file: .claude/agents/reviewer.md
                    watches: {commits: [backend], tasks: [backend]}
                """);

        int code = run("validate", file.toString());

        assertThat(code).as(err.toString()).isEqualTo(ExitCodes.OK);
        assertThat(out.toString())
                .contains("shared:      api/openapi.yaml (owners: backend)")
                .contains("description: Reviews each commit.")
                .contains("prompt:      agent file "
                        + dir.toAbsolutePath().normalize().resolve(".claude/agents/reviewer.md") + ": You review.")
                .contains("watches:     commits of backend; tasks of backend");
    }

    @Test
    void helpShowsAnExampleAndTheExitCodes() {
        int code = run("validate", "--help");

        assertThat(code).isZero();
        assertThat(out.toString())
                .contains("Usage: peers-team validate")
                .contains("peers-team validate team.yaml")
                .contains("Exit codes:");
    }

    private int run(String... args) {
        return Main.run(new PrintWriter(out, true), new PrintWriter(err, true), ENVIRONMENT, args);
    }
}
