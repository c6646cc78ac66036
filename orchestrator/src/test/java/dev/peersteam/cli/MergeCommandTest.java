package dev.peersteam.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MergeCommandTest {
    @TempDir
    Path tmp;

    TeamRepo team;

    @BeforeEach
    void setUp() throws Exception {
        team = new TeamRepo(tmp, "main", "backend", "qa");
    }

    private String repo() {
        return team.repo.toString();
    }

    @Test
    void aCleanMergeFastForwardsTheBaseBranchAndItsCheckout() throws Exception {
        team.commit("backend", "api.txt", "endpoint\n", "Add api");
        String work = team.head("peers/backend");

        assertThat(team.run("merge", "-C", repo(), "backend")).isZero();

        assertThat(team.out.toString().strip())
                .isEqualTo("Merged peers/backend into main: fast-forward to " + work.substring(0, 12)
                        + " (1 file changed).");
        assertThat(team.head("main")).isEqualTo(work);
        assertThat(Files.readString(team.repo.resolve("api.txt"))).isEqualTo("endpoint\n");
        assertThat(team.err.toString()).isEmpty();

        assertThat(team.run("merge", "-C", repo(), "backend")).isZero();
        assertThat(team.out.toString()).contains("main already has every commit of peers/backend");
    }

    @Test
    void whenBothMovedAMergeCommitIsMade() throws Exception {
        team.commit("backend", "api.txt", "endpoint\n", "Add api");
        team.write(team.repo.resolve("main.txt"), "main\n");
        team.git("add", "main.txt");
        team.git("commit", "-q", "-m", "main moves on");

        assertThat(team.run("merge", "-C", repo(), "backend")).isZero();

        assertThat(team.out.toString()).startsWith("Merged peers/backend into main: merge commit ");
        assertThat(team.git("log", "-1", "--format=%s", "main").strip())
                .isEqualTo("Merge peers/backend into main (peers-team)");
        assertThat(team.git("ls-tree", "--name-only", "main")).contains("api.txt", "main.txt");
    }

    @Test
    void aConflictListsThePathsLeavesTheTargetAsItWasAndFails() throws Exception {
        team.commit("backend", "shared.txt", "one\nBACKEND\nthree\n", "backend edits shared");
        team.write(team.repo.resolve("shared.txt"), "one\nMAIN\nthree\n");
        team.git("commit", "-q", "-am", "main edits shared");
        String mainBefore = team.head("main");
        String status = team.git("status", "--porcelain");

        assertThat(team.run("merge", "-C", repo(), "backend")).isEqualTo(ExitCodes.FAILED);

        assertThat(team.err.toString())
                .contains("Cannot merge peers/backend into main: 1 path conflicts:\n"
                        + "  shared.txt\nmain was left as it was");
        assertThat(team.head("main")).isEqualTo(mainBefore);
        assertThat(team.git("status", "--porcelain")).isEqualTo(status);
        assertThat(Files.readString(team.repo.resolve("shared.txt"))).isEqualTo("one\nMAIN\nthree\n");
        assertThat(Files.exists(team.repo.resolve(".git/MERGE_HEAD"))).isFalse();
    }

    @Test
    void aDirtyTargetIsRefusedWithItsPaths() throws Exception {
        team.commit("backend", "api.txt", "endpoint\n", "Add api");
        team.write(team.repo.resolve("shared.txt"), "person's edit\n");
        String mainBefore = team.head("main");

        assertThat(team.run("merge", "-C", repo(), "backend")).isEqualTo(ExitCodes.FAILED);

        assertThat(team.err.toString())
                .contains("the checkout of main has uncommitted changes")
                .contains("  shared.txt\n")
                .contains("Nothing was changed");
        assertThat(team.head("main")).isEqualTo(mainBefore);
        assertThat(Files.readString(team.repo.resolve("shared.txt"))).isEqualTo("person's edit\n");
    }

    @Test
    void intoAnotherBranchLeavesTheBaseBranchAlone() throws Exception {
        team.git("branch", "release");
        team.commit("qa", "tests.txt", "tests\n", "Add tests");
        String mainBefore = team.head("main");

        assertThat(team.run("merge", "-C", repo(), "qa", "--into", "release")).isZero();

        assertThat(team.out.toString()).contains("Merged peers/qa into release");
        assertThat(team.head("release")).isEqualTo(team.head("peers/qa"));
        assertThat(team.head("main")).isEqualTo(mainBefore);
    }

    @Test
    void uncommittedWorkOfTheRoleIsAWarningAndIsNotMerged() throws Exception {
        team.commit("backend", "api.txt", "endpoint\n", "Add api");
        team.write(team.worktree("backend").resolve("wip.txt"), "not committed\n");

        assertThat(team.run("merge", "-C", repo(), "backend")).isZero();

        assertThat(team.err.toString())
                .contains("Warning: backend has uncommitted work that a merge does not take")
                .contains("  wip.txt\n")
                .contains("peers-team down");
        assertThat(team.git("ls-tree", "--name-only", "main"))
                .contains("api.txt")
                .doesNotContain("wip.txt");
    }

    @Test
    void withoutAKnownBaseBranchItAsksForInto() throws Exception {
        TeamRepo old = new TeamRepo(tmp.resolve("old"), null, "backend");

        assertThat(old.run("merge", "-C", old.repo.toString(), "backend")).isEqualTo(ExitCodes.INVALID);

        assertThat(old.err.toString())
                .contains("the team's base branch is not known")
                .contains("--into BRANCH");
    }

    @Test
    void badTargetsAndRolesAreClearErrors() {
        assertThat(team.run("merge", "-C", repo(), "nobody")).isEqualTo(ExitCodes.INVALID);
        assertThat(team.err.toString()).contains("its roles are backend, qa");

        assertThat(team.run("merge", "-C", repo(), "qa", "--into", "no-such-branch"))
                .isEqualTo(ExitCodes.FAILED);
        assertThat(team.err.toString()).contains("there is no branch `no-such-branch`");

        assertThat(team.run("merge", "-C", repo(), "qa", "--into", "peers/qa")).isEqualTo(ExitCodes.INVALID);
        assertThat(team.err.toString()).contains("cannot merge `peers/qa` into itself");
    }
}
