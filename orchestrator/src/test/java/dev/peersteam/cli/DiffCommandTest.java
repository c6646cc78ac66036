package dev.peersteam.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DiffCommandTest {
    @TempDir
    Path tmp;

    TeamRepo team;

    @BeforeEach
    void setUp() throws Exception {
        team = new TeamRepo(tmp, "main", "backend", "qa");
    }

    @Test
    void showsCommittedAndUncommittedWorkAgainstTheBase() throws Exception {
        team.commit("backend", "api.txt", "endpoint\n", "Add api");
        team.write(team.worktree("backend").resolve("shared.txt"), "one\nTWO\nthree\n"); // not committed
        team.write(team.worktree("backend").resolve("notes/new.md"), "untracked\n");
        team.commit("qa", "qa-only.txt", "qa\n", "qa work"); // another role's work is not shown

        assertThat(team.run("diff", "-C", team.repo.toString(), "backend")).isZero();

        assertThat(team.out.toString())
                .contains("diff --git a/api.txt b/api.txt")
                .contains("+endpoint")
                .contains("-two")
                .contains("+TWO")
                .contains("b/notes/new.md")
                .contains("+untracked")
                .doesNotContain("qa-only");
        assertThat(Files.readString(team.worktree("backend").resolve("shared.txt")))
                .isEqualTo("one\nTWO\nthree\n");
    }

    @Test
    void statListsTheFilesFromAnywhereInTheTeam() throws Exception {
        team.commit("backend", "api.txt", "endpoint\n", "Add api");
        team.write(team.worktree("backend").resolve("shared.txt"), "changed\n");

        assertThat(team.run("diff", "-C", team.worktree("qa").toString(), "backend", "--stat"))
                .isZero();

        assertThat(team.out.toString())
                .contains("api.txt")
                .contains("shared.txt")
                .contains("2 files changed")
                .doesNotContain("diff --git");
    }

    @Test
    void commitsOnTheBaseBranchSinceTheTeamStartedAreNotTheRoles() throws Exception {
        team.commit("backend", "api.txt", "endpoint\n", "Add api");
        team.write(team.repo.resolve("main-only.txt"), "main\n");
        team.git("add", "main-only.txt");
        team.git("commit", "-q", "-m", "main moves on");

        assertThat(team.run("diff", "-C", team.repo.toString(), "backend", "--stat"))
                .isZero();

        assertThat(team.out.toString()).contains("api.txt").doesNotContain("main-only");
    }

    @Test
    void noChangesIsSaidOnStandardError() {
        assertThat(team.run("diff", "-C", team.repo.toString(), "qa")).isZero();

        assertThat(team.out.toString()).isEmpty();
        assertThat(team.err.toString())
                .contains("qa has no changes against the team's base (" + team.base.substring(0, 12) + ")");
    }

    @Test
    void anUnknownRoleListsTheRoles() {
        assertThat(team.run("diff", "-C", team.repo.toString(), "nobody")).isEqualTo(ExitCodes.INVALID);

        assertThat(team.err.toString()).contains("has no role 'nobody'; its roles are backend, qa");
    }

    @Test
    void aMissingWorktreeIsSaidWithWhereTheWorkIs() throws Exception {
        team.git("worktree", "remove", team.worktree("qa").toString());

        assertThat(team.run("diff", "-C", team.repo.toString(), "qa")).isEqualTo(ExitCodes.FAILED);

        assertThat(team.err.toString())
                .contains("the worktree of qa, " + team.worktree("qa") + ", is missing")
                .contains("still on branch peers/qa")
                .contains("'peers-team up' creates the worktree again");
    }

    @Test
    void withoutATeamItSaysHowToStartOne() {
        assertThat(team.run("diff", "-C", tmp.toString(), "qa")).isEqualTo(ExitCodes.NO_COORDINATOR);
        assertThat(team.err.toString()).contains("no .peers/ folder");
    }
}
