package dev.peersteam.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.peersteam.init.PatternChecks;
import dev.peersteam.init.TeamPattern;
import dev.peersteam.team.TeamFileLoader;
import dev.peersteam.team.TeamSpec;
import dev.peersteam.testing.TestRepos;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class InitCommandTest {
    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @ParameterizedTest
    @EnumSource(TeamPattern.class)
    void eachPatternWritesATeamFileThatValidatesAndItsPrompts(TeamPattern pattern) throws Exception {
        Path target = dir.resolve("shop");
        TestRepos.init(target);

        int code = run("init", pattern.id(), "--dir", target.toString());

        assertThat(code).as(err.toString()).isEqualTo(ExitCodes.OK);
        assertThat(err.toString()).as("no warning inside a git repository").isEmpty();
        TeamSpec team = TeamFileLoader.load(target.resolve("team.yaml"));
        PatternChecks.assertIsPattern(team, pattern);
        assertThat(team.name()).isEqualTo("shop");
        assertThat(team.repo()).isEqualTo(target.toAbsolutePath().normalize());
        for (String prompt : pattern.prompts()) {
            assertThat(target.resolve("roles/" + prompt + ".md")).hasContent(TeamPattern.rolePrompt(prompt));
        }
        try (var files = Files.walk(target.resolve("roles"))) {
            assertThat(files.filter(Files::isRegularFile).count())
                    .isEqualTo(pattern.prompts().size());
        }
        assertThat(Files.readString(target.resolve("team.yaml")))
                .startsWith("# peers-team team file")
                .doesNotContain("{{");
        assertThat(out.toString())
                .contains("peers-team init " + pattern.id() + ": " + pattern.summary())
                .contains("wrote " + target.resolve("team.yaml"))
                .contains("wrote "
                        + target.resolve("roles").resolve(pattern.prompts().getLast() + ".md"))
                .contains("peers-team validate ")
                .contains("peers-team up ");
    }

    @Test
    void withoutAPatternItWritesAllOfThem() throws Exception {
        int code = run("init", "--dir", dir.toString());

        assertThat(code).as(err.toString()).isEqualTo(ExitCodes.OK);
        PatternChecks.assertIsPattern(TeamFileLoader.load(dir.resolve("team.yaml")), TeamPattern.ALL);
    }

    @Test
    void itRefusesToOverwriteAndWritesNothingThen() throws Exception {
        Files.createDirectories(dir.resolve("roles"));
        Files.writeString(dir.resolve("roles/reviewer.md"), "my own reviewer\n");

        int code = run("init", "review", "--dir", dir.toString());

        assertThat(code).isEqualTo(ExitCodes.FAILED);
        assertThat(dir.resolve("roles/reviewer.md")).hasContent("my own reviewer\n");
        assertThat(dir.resolve("team.yaml")).doesNotExist();
        assertThat(dir.resolve("roles/builder.md")).doesNotExist();
        assertThat(err.toString())
                .contains("would overwrite files that already exist")
                .contains("reviewer.md")
                .contains("Nothing was written")
                .contains("--dir DIR")
                .doesNotContain("builder.md");
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void aFileWhereTheRolesFolderMustGoIsInTheWayToo() throws Exception {
        Files.writeString(dir.resolve("roles"), "not a folder\n");
        Files.createSymbolicLink(dir.resolve("team.yaml"), dir.resolve("nowhere.yaml"));

        assertThat(run("init", "review", "--dir", dir.toString())).isEqualTo(ExitCodes.FAILED);
        assertThat(err.toString()).contains("  " + dir.resolve("team.yaml")).contains("  " + dir.resolve("roles"));
        assertThat(dir.resolve("roles")).hasContent("not a folder\n");
        assertThat(dir.resolve("nowhere.yaml")).doesNotExist();
    }

    @Test
    void anExistingTeamFileIsLeftAsItIs() throws Exception {
        Files.writeString(dir.resolve("team.yaml"), "roles: {solo: {}}\n");

        assertThat(run("init", "qa", "--dir", dir.toString())).isEqualTo(ExitCodes.FAILED);
        assertThat(dir.resolve("team.yaml")).hasContent("roles: {solo: {}}\n");
        assertThat(dir.resolve("roles")).doesNotExist();
    }

    @Test
    void patternsThatShareNoFileCanBeWrittenSideBySideOnlyInOtherFolders() throws Exception {
        assertThat(run("init", "manager", "--dir", dir.resolve("a").toString())).isEqualTo(ExitCodes.OK);
        assertThat(run("init", "manager", "--dir", dir.resolve("a").toString())).isEqualTo(ExitCodes.FAILED);
        assertThat(run("init", "manager", "--dir", dir.resolve("b").toString())).isEqualTo(ExitCodes.OK);
    }

    @Test
    void outsideAGitRepositoryItWarnsButWrites() throws Exception {
        int code = run("init", "qa", "--dir", dir.toString());

        assertThat(code).isEqualTo(ExitCodes.OK);
        assertThat(err.toString())
                .contains("warning: ")
                .contains("is not inside a git repository")
                .contains("git init");
        assertThat(dir.resolve("team.yaml")).exists();
    }

    @Test
    void anUnknownPatternIsABadArgument() {
        int code = run("init", "pairs", "--dir", dir.toString());

        assertThat(code).isEqualTo(ExitCodes.INVALID);
        assertThat(err.toString())
                .contains("unknown pattern 'pairs'")
                .contains("review, fullstack, manager, qa, mixed, all");
        assertThat(dir.resolve("team.yaml")).doesNotExist();
    }

    @Test
    void listShowsEveryPatternOnOneLineAndWritesNothing() {
        int code = run("init", "--list", "--dir", dir.toString());

        assertThat(code).isEqualTo(ExitCodes.OK);
        List<String> lines = out.toString().lines().toList();
        for (TeamPattern pattern : TeamPattern.values()) {
            assertThat(lines)
                    .anySatisfy(line -> assertThat(line)
                            .startsWith("  " + pattern.id() + " ")
                            .contains(pattern.summary()));
        }
        assertThat(dir.resolve("team.yaml")).doesNotExist();
    }

    @Test
    void teamNamesThatAreNotPlainWordsAreQuoted() throws Exception {
        Path odd = dir.resolve("my shop: \"v2\"");

        assertThat(run("init", "review", "--dir", odd.toString()))
                .as(err.toString())
                .isEqualTo(ExitCodes.OK);
        assertThat(TeamFileLoader.load(odd.resolve("team.yaml")).name()).isEqualTo("my shop: \"v2\"");
    }

    private int run(String... args) {
        return Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
    }
}
