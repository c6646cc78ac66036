package dev.peersteam.team;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code agent_file}: a Claude Code agent file as a role's prompt and settings. */
class AgentFileTest {
    @TempDir
    Path dir;

    private static final String REVIEWER = """
            ---
            name: reviewer
            description: Reviews each change for correctness and security.
            tools: Read, Grep, Glob, Bash(git diff:*, git log:*)
            model: opus
            permissionMode: plan
            color: purple
            ---

            # Reviewer
            You review the team's changes.
            """;

    @Test
    void theFrontMatterGivesSettingsAndTheBodyIsThePrompt() throws Exception {
        Path agent = agentFile("reviewer.md", REVIEWER);
        TeamSpec team = load("""
                defaults:
                  model: sonnet
                  allowed_tools: [Read]
                  budget_usd: 3
                roles:
                  backend:
                  reviewer:
                    agent_file: .claude/agents/reviewer.md
                """);

        RoleSpec reviewer = team.role("reviewer").orElseThrow();
        assertThat(reviewer.agentFile()).isEqualTo(agent.toAbsolutePath().normalize());
        assertThat(reviewer.promptFile()).isEqualTo(reviewer.agentFile());
        assertThat(reviewer.prompt()).isEqualTo("# Reviewer\nYou review the team's changes.\n");
        assertThat(reviewer.description()).isEqualTo("Reviews each change for correctness and security.");
        // The agent file's settings win over defaults; what it does not set still comes from defaults.
        assertThat(reviewer.model()).isEqualTo("opus");
        assertThat(reviewer.permissionMode()).isEqualTo("plan");
        assertThat(reviewer.allowedTools()).containsExactly("Read", "Grep", "Glob", "Bash(git diff:*, git log:*)");
        assertThat(reviewer.budgetUsd()).isEqualTo(3.0);

        RoleSpec backend = team.role("backend").orElseThrow();
        assertThat(backend.agentFile()).isNull();
        assertThat(backend.description()).isNull();
    }

    @Test
    void theTeamFileWinsOverTheFrontMatter() throws Exception {
        agentFile("reviewer.md", REVIEWER);
        TeamSpec team = load("""
                roles:
                  reviewer:
                    agent_file: .claude/agents/reviewer.md
                    description: Reads every commit of the builders.
                    model: sonnet
                    allowed_tools: [Read]
                    permission_mode: default
                """);

        RoleSpec reviewer = team.lead();
        assertThat(reviewer.description()).isEqualTo("Reads every commit of the builders.");
        assertThat(reviewer.model()).isEqualTo("sonnet");
        assertThat(reviewer.allowedTools()).containsExactly("Read");
        assertThat(reviewer.permissionMode()).isEqualTo("default");
        assertThat(reviewer.prompt()).contains("You review the team's changes.");
    }

    @Test
    void toolsMayBeAListAndModelInheritMeansNoModelOfItsOwn() throws Exception {
        agentFile("qa.md", """
                ---
                name: qa
                description: Tests things
                tools:
                  - Read
                  - "Bash(npm test:*)"
                model: inherit
                ---
                Test it.
                """);
        TeamSpec team = load("""
                defaults:
                  model: haiku
                roles:
                  qa:
                    agent_file: .claude/agents/qa.md
                """);

        assertThat(team.lead().allowedTools()).containsExactly("Read", "Bash(npm test:*)");
        assertThat(team.lead().model()).isEqualTo("haiku");
        assertThat(team.lead().prompt()).isEqualTo("Test it.\n");
    }

    @Test
    void aFileWithoutFrontMatterIsAllPrompt() throws Exception {
        agentFile("plain.md", "You help.\n");
        TeamSpec team = load("roles:\n  helper:\n    agent_file: .claude/agents/plain.md\n");

        assertThat(team.lead().prompt()).isEqualTo("You help.\n");
        assertThat(team.lead().description()).isNull();
        assertThat(team.lead().allowedTools()).isEmpty();
    }

    @Test
    void aDescriptionMayAlsoBeWrittenInTheTeamFile() throws Exception {
        TeamSpec team = load("""
                roles:
                  qa:
                    description: "  Tests what the builders finish.  "
                """);

        assertThat(team.lead().description()).isEqualTo("Tests what the builders finish.");
    }

    @Test
    void aYamlErrorInTheFrontMatterIsLocatedInTheAgentFileByItsOwnLine() throws Exception {
        Path agent = agentFile("reviewer.md", """
                ---
                name: reviewer
                description: Reviews: everything
                ---
                Review.
                """);
        Path team = write("""
                name: shop
                roles:
                  reviewer:
                    agent_file: .claude/agents/reviewer.md
                """);

        TeamFileException e = catchThrowableOfType(TeamFileException.class, () -> TeamFileLoader.load(team));

        assertThat(e.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.file()).isEqualTo(agent.toAbsolutePath().normalize());
            assertThat(problem.line() + ":" + problem.column()).isEqualTo("3:21");
            assertThat(problem.message())
                    .startsWith("YAML syntax error in the front matter: mapping values are" + " not allowed here")
                    .endsWith("(agent file of role 'reviewer', named at "
                            + Problem.displayPath(team.toAbsolutePath().normalize()) + ":4)");
            assertThat(problem.fix()).contains("quote values that contain ': '");
            assertThat(problem.location()).endsWith("reviewer.md:3:21");
        });
    }

    @Test
    void unknownAndUnusableFieldsAndBadValuesAreReportedAtTheirLines() throws Exception {
        agentFile("reviewer.md", """
                ---
                name: reviewer
                descripton: Reviews.
                tools: Read, , Bash(git diff
                model: [opus]
                permissionMode: yolo
                maxTurns: 5
                ---
                Review.
                """);

        TeamFileException e = catchThrowableOfType(TeamFileException.class, () -> TeamFileLoader.load(write("""
                roles:
                  reviewer:
                    agent_file: .claude/agents/reviewer.md
                """)));

        assertThat(e.problems())
                .extracting(problem -> problem.line() + ":" + problem.column() + " "
                        + problem.message().replaceAll(" \\(agent file of role.*", ""))
                .containsExactly(
                        "3:1 unknown key 'descripton' in the front matter",
                        "4:8 'tools' has an empty entry between two commas",
                        "4:8 tools entry 'Bash(git diff' is not a tool rule",
                        "5:8 'model' must be text, not a list",
                        "6:17 unknown permissionMode 'yolo'",
                        "7:1 unknown key 'maxTurns' in the front matter");
        assertThat(e.problems().getFirst().fix()).startsWith("did you mean 'description'?");
        assertThat(e.problems().getLast().fix())
                .contains("Claude Code subagent field that peers-team cannot apply")
                .contains("budget_usd");
    }

    @Test
    void anUnclosedFrontMatterIsReportedAtItsFirstLine() throws Exception {
        agentFile("reviewer.md", "---\nname: reviewer\nReview everything.\n");

        TeamFileException e = catchThrowableOfType(TeamFileException.class, () -> TeamFileLoader.load(write("""
                roles:
                  reviewer:
                    agent_file: .claude/agents/reviewer.md
                """)));

        assertThat(e.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.line()).isEqualTo(1);
            assertThat(problem.message()).startsWith("the front matter that starts on line 1 is not closed");
        });
    }

    @Test
    void problemsInTheTeamFileComeBeforeThoseInAgentFiles() throws Exception {
        agentFile("a.md", "---\nmodel: [x]\n---\nA.\n");
        Path team = write("""
                roles:
                  a:
                    agent_file: .claude/agents/a.md
                  b:
                    budget_usd: 0
                """);

        TeamFileException e = catchThrowableOfType(TeamFileException.class, () -> TeamFileLoader.load(team));

        assertThat(e.problems())
                .extracting(problem -> problem.file().getFileName().toString() + ":" + problem.line())
                .containsExactly("team.yaml:5", "a.md:2");
    }

    @Test
    void commasInsideParenthesesDoNotSplitTools() {
        assertThat(AgentFileReader.splitOutsideParentheses("Read, Bash(git add, git commit), Grep,"))
                .containsExactly("Read", " Bash(git add, git commit)", " Grep");
    }

    private Path agentFile(String name, String text) throws IOException {
        Path agents = Files.createDirectories(dir.resolve(".claude/agents"));
        return Files.writeString(agents.resolve(name), text);
    }

    private TeamSpec load(String yaml) throws Exception {
        return TeamFileLoader.load(write(yaml));
    }

    private Path write(String yaml) throws IOException {
        return Files.writeString(dir.resolve("team.yaml"), yaml);
    }
}
