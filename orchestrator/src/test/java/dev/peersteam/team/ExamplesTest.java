package dev.peersteam.team;

import static org.assertj.core.api.Assertions.assertThat;

import dev.peersteam.init.PatternChecks;
import dev.peersteam.init.TeamPattern;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code examples/} at the project root, and the role prompts {@code init} ships: they must match the project's. */
class ExamplesTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Path EXAMPLES = ROOT.resolve("examples");

    static Stream<Path> exampleTeamFiles() throws IOException {
        try (Stream<Path> dirs = Files.list(EXAMPLES)) {
            return dirs.filter(Files::isDirectory).sorted().map(dir -> dir.resolve("team.yaml")).toList().stream();
        }
    }

    @ParameterizedTest
    @MethodSource("exampleTeamFiles")
    void everyExampleValidatesWithTheProjectsRolePromptsAndAGoal(Path file) throws Exception {
        TeamSpec team = TeamFileLoader.load(file);

        assertThat(team.goal()).as(file.toString()).isNotBlank();
        for (RoleSpec role : team.roles()) {
            assertThat(role.promptFile()).as(file + " " + role.name()).isNotNull();
            assertThat(role.promptFile().getParent()).isEqualTo(ROOT.resolve("roles"));
        }
    }

    @Test
    void thereIsOneExampleForEachPatternButAll() {
        List<String> expected = Stream.of(TeamPattern.values())
                .filter(pattern -> pattern != TeamPattern.ALL)
                .map(TeamPattern::id)
                .sorted()
                .toList();

        assertThat(exampleTeamFilesUnchecked())
                .extracting(file -> file.getParent().getFileName().toString())
                .containsExactlyElementsOf(expected);
        assertThat(EXAMPLES.resolve("README.md")).content().contains("agent: sim");
    }

    @ParameterizedTest
    @EnumSource(value = TeamPattern.class, names = "ALL", mode = EnumSource.Mode.EXCLUDE)
    void eachExampleIsTheTeamThatInitWritesForItsPattern(TeamPattern pattern) throws Exception {
        TeamSpec example = TeamFileLoader.load(EXAMPLES.resolve(pattern.id()).resolve("team.yaml"));

        PatternChecks.assertIsPattern(example, pattern);
    }

    @Test
    void theProjectExampleIsThePatternAll() throws Exception {
        PatternChecks.assertIsPattern(TeamFileLoader.load(ROOT.resolve("team.yaml.example")), TeamPattern.ALL);
    }

    /** init ships copies of roles/*.md (the jar cannot reach the checkout); a change to one must reach the other. */
    @Test
    void theRolePromptsInitWritesAreTheProjectsRolePrompts() throws Exception {
        List<String> shipped = Stream.of(TeamPattern.values())
                .flatMap(pattern -> pattern.prompts().stream())
                .distinct()
                .sorted()
                .toList();
        List<String> inProject;
        try (Stream<Path> files = Files.list(ROOT.resolve("roles"))) {
            inProject = files.map(file -> file.getFileName().toString().replaceFirst("\\.md$", ""))
                    .sorted()
                    .toList();
        }

        assertThat(shipped).isEqualTo(inProject);
        for (String role : shipped) {
            assertThat(TeamPattern.rolePrompt(role))
                    .as("orchestrator/src/main/resources/dev/peersteam/init/roles/" + role + ".md must be a copy of"
                            + " roles/" + role + ".md")
                    .isEqualTo(Files.readString(ROOT.resolve("roles/" + role + ".md")));
        }
    }

    private static List<Path> exampleTeamFilesUnchecked() {
        try {
            return exampleTeamFiles().toList();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
