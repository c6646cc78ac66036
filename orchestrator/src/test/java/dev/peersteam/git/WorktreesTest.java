package dev.peersteam.git;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WorktreesTest {
    @TempDir
    Path tmp;

    GitFixture fx;
    Path repo;
    Worktrees worktrees;

    @BeforeEach
    void setUp() {
        fx = new GitFixture(tmp);
        repo = fx.repo("repo");
        worktrees = new Worktrees(fx.open(repo));
    }

    @Test
    void createsTheWorktreeOnItsBranchFromTheCurrentHead() {
        Worktree qa = worktrees.ensure("qa", Path.of("worktrees"), null);

        assertThat(qa).isEqualTo(new Worktree("qa", repo.resolve("worktrees/qa"), "peers/qa", true));
        assertThat(qa.path().resolve("README.md")).hasContent("hello");
        assertThat(fx.git.run(qa.path(), "branch", "--show-current")).isEqualTo("peers/qa");
        assertThat(fx.head(qa.path())).isEqualTo(fx.head(repo));
    }

    @Test
    void theSecondEnsureReusesTheWorktreeAndChangesNothing() {
        Worktree first = worktrees.ensure("qa", Path.of("worktrees"), null);
        String work = fx.commit(first.path(), "work.txt", "done", "Work of qa");
        GitFixture.write(first.path().resolve("uncommitted.txt"), "wip");
        List<RegisteredWorktree> before = worktrees.list();

        Worktree second = worktrees.ensure("qa", Path.of("worktrees"), "main");

        assertThat(second).isEqualTo(new Worktree("qa", first.path(), "peers/qa", false));
        assertThat(fx.head(second.path())).isEqualTo(work);
        assertThat(second.path().resolve("uncommitted.txt")).hasContent("wip");
        assertThat(worktrees.list()).isEqualTo(before);
    }

    @Test
    void anAbsoluteWorktreesDirectoryOutsideTheRepositoryWorks() {
        Path outside = fx.root.resolve("elsewhere");

        Worktree qa = worktrees.ensure("qa", outside, null);

        assertThat(qa.path()).isEqualTo(outside.resolve("qa"));
        assertThat(worktrees.ensure("qa", outside, null).created()).isFalse();
    }

    @Test
    void aNewBranchStartsFromTheBase() {
        fx.git.run(repo, "switch", "-q", "-c", "dev");
        String devHead = fx.commit(repo, "dev.txt", "dev", "Dev work");
        fx.git.run(repo, "switch", "-q", "main");

        Worktree qa = worktrees.ensure("qa", Path.of("worktrees"), "dev");

        assertThat(fx.head(qa.path())).isEqualTo(devHead);
        assertThat(qa.path().resolve("dev.txt")).exists();
    }

    @Test
    void aRemoteBranchBaseDoesNotBecomeTheUpstream() {
        Path clone = fx.root.resolve("clone");
        fx.git.run(fx.root, "clone", "-q", repo.toString(), clone.toString());
        Worktrees inClone = new Worktrees(fx.open(clone));

        Worktree qa = inClone.ensure("qa", Path.of("worktrees"), "origin/main");

        assertThat(fx.head(qa.path())).isEqualTo(fx.head(repo));
        // With the ref instead of its sha, git would set peers/qa to track origin/main: a plain `git push` from the
        // role would then go to main.
        assertThat(fx.git
                        .execute(clone, List.of("config", "branch.peers/qa.merge"))
                        .ok())
                .isFalse();
    }

    @Test
    void aMissingBaseIsAClearErrorAndCreatesNothing() {
        assertThatThrownBy(() -> worktrees.ensure("qa", Path.of("worktrees"), "develop"))
                .isInstanceOf(GitException.class)
                .hasMessageContaining("base `develop` does not exist")
                .hasMessageContaining("main");

        assertThat(repo.resolve("worktrees/qa")).doesNotExist();
        assertThat(branchExists("peers/qa")).isFalse();
        assertThat(worktrees.list()).hasSize(1);
    }

    @Test
    void aRepositoryWithoutCommitsIsAClearError() {
        Path empty = fx.emptyRepo("empty");

        assertThatThrownBy(() -> new Worktrees(fx.open(empty)).ensure("qa", Path.of("worktrees"), null))
                .isInstanceOf(GitException.class)
                .hasMessageContaining("make a first commit");
    }

    @Test
    void aPlainDirectoryInTheWayIsAnErrorAndNothingChanges() {
        Path inTheWay = repo.resolve("worktrees/qa");
        GitFixture.write(inTheWay.resolve("notes.txt"), "mine");

        assertThatThrownBy(() -> worktrees.ensure("qa", Path.of("worktrees"), null))
                .isInstanceOf(GitException.class)
                .hasMessageContaining("role `qa`")
                .hasMessageContaining(inTheWay + " already exists and is a directory that is not empty")
                .hasMessageContaining("notes.txt")
                .hasMessageContaining("Move it away, or set `worktrees:`");

        assertThat(inTheWay.resolve("notes.txt")).hasContent("mine");
        assertThat(inTheWay.resolve(".git")).doesNotExist();
        // git itself would have created the branch before failing on the path
        assertThat(branchExists("peers/qa")).isFalse();
        assertThat(worktrees.list()).hasSize(1);
    }

    @Test
    void aFileInTheWayIsAnError() {
        GitFixture.write(repo.resolve("worktrees/qa"), "a file");

        assertThatThrownBy(() -> worktrees.ensure("qa", Path.of("worktrees"), null))
                .isInstanceOf(GitException.class)
                .hasMessageContaining("already exists and is a file");
    }

    @Test
    void anEmptyDirectoryIsUsed() {
        GitFixture.mkdirs(repo.resolve("worktrees/qa"));

        Worktree qa = worktrees.ensure("qa", Path.of("worktrees"), null);

        assertThat(qa.created()).isTrue();
        assertThat(qa.path().resolve("README.md")).exists();
    }

    @Test
    void aWorktreeOfAnotherBranchInTheWayIsAnError() {
        Path path = repo.resolve("worktrees/qa");
        fx.git.run(repo, "worktree", "add", "-q", "-b", "feature", path.toString());

        assertThatThrownBy(() -> worktrees.ensure("qa", Path.of("worktrees"), null))
                .isInstanceOf(GitException.class)
                .hasMessageContaining("Cannot use " + path + " for role `qa`")
                .hasMessageContaining("on branch `feature`, not on `peers/qa`")
                .hasMessageContaining("git -C " + path + " switch peers/qa");
        assertThat(branchExists("peers/qa")).isFalse();
    }

    @Test
    void aDetachedWorktreeInTheWayIsAnError() {
        Path path = repo.resolve("worktrees/qa");
        fx.git.run(repo, "worktree", "add", "-q", "--detach", path.toString());

        assertThatThrownBy(() -> worktrees.ensure("qa", Path.of("worktrees"), null))
                .isInstanceOf(GitException.class)
                .hasMessageContaining("detached HEAD");
    }

    @Test
    void aWorktreeOfAnotherRepositoryInTheWayIsAnError() {
        Path other = fx.repo("other");
        Path path = repo.resolve("worktrees/qa");
        fx.git.run(other, "worktree", "add", "-q", "-b", "peers/qa", path.toString());

        assertThatThrownBy(() -> worktrees.ensure("qa", Path.of("worktrees"), null))
                .isInstanceOf(GitException.class)
                .hasMessageContaining(path + " already exists and is a git worktree not registered in this repository")
                .hasMessageContaining(other.resolve(".git").toString());
        assertThat(branchExists("peers/qa")).isFalse();
    }

    @Test
    void anotherRepositoryInTheWayIsAnError() {
        fx.repo("repo/worktrees/qa");

        assertThatThrownBy(() -> worktrees.ensure("qa", Path.of("worktrees"), null))
                .isInstanceOf(GitException.class)
                .hasMessageContaining("already exists and is another git repository");
    }

    @Test
    void anExistingBranchWithoutWorktreeIsCheckedOutWithItsCommits() {
        Worktree first = worktrees.ensure("qa", Path.of("worktrees"), null);
        String work = fx.commit(first.path(), "work.txt", "done", "Work of qa");
        fx.git.run(repo, "worktree", "remove", first.path().toString());
        fx.commit(repo, "later.txt", "later", "Main moves on");

        Worktree again = worktrees.ensure("qa", Path.of("worktrees"), "main");

        assertThat(again).isEqualTo(new Worktree("qa", first.path(), "peers/qa", true));
        assertThat(fx.head(again.path())).isEqualTo(work);
        assertThat(again.path().resolve("work.txt")).hasContent("done");
    }

    @Test
    void aStaleWorktreeWhoseDirectoryWasDeletedIsPrunedAndCreatedAgain() throws IOException {
        Worktree first = worktrees.ensure("qa", Path.of("worktrees"), null);
        String work = fx.commit(first.path(), "work.txt", "done", "Work of qa");
        deleteTree(first.path());

        Worktree again = worktrees.ensure("qa", Path.of("worktrees"), null);

        assertThat(again.created()).isTrue();
        assertThat(fx.head(again.path())).isEqualTo(work); // the branch kept the commit
        assertThat(worktrees.list()).extracting(RegisteredWorktree::path).containsOnlyOnce(again.path());
    }

    @Test
    void aStaleWorktreeReplacedByAPlainDirectoryIsPrunedAndThenReportedAsInTheWay() throws IOException {
        Worktree first = worktrees.ensure("qa", Path.of("worktrees"), null);
        deleteTree(first.path());
        GitFixture.write(first.path().resolve("notes.txt"), "mine");

        assertThatThrownBy(() -> worktrees.ensure("qa", Path.of("worktrees"), null))
                .isInstanceOf(GitException.class)
                .hasMessageContaining("is a directory that is not empty");
        assertThat(first.path().resolve("notes.txt")).hasContent("mine");
    }

    @Test
    void aStaleButLockedWorktreeAsksToUnlockIt() throws IOException {
        Worktree first = worktrees.ensure("qa", Path.of("worktrees"), null);
        fx.git.run(repo, "worktree", "lock", first.path().toString());
        deleteTree(first.path());

        assertThatThrownBy(() -> worktrees.ensure("qa", Path.of("worktrees"), null))
                .isInstanceOf(GitException.class)
                .hasMessageContaining("git worktree unlock " + first.path());
    }

    @Test
    void theBranchCheckedOutInAnotherWorktreeIsAClearError() {
        Path elsewhere = fx.root.resolve("old-place/qa");
        fx.git.run(repo, "worktree", "add", "-q", "-b", "peers/qa", elsewhere.toString());

        assertThatThrownBy(() -> worktrees.ensure("qa", Path.of("worktrees"), null))
                .isInstanceOf(GitException.class)
                .hasMessageContaining("`peers/qa` is already checked out in " + elsewhere)
                .hasMessageContaining("git worktree move " + elsewhere + " " + repo.resolve("worktrees/qa"));
    }

    @Test
    void rolesGetTheirOwnWorktrees() {
        Worktree qa = worktrees.ensure("qa", Path.of("worktrees"), null);
        Worktree backend = worktrees.ensure("backend-2", Path.of("worktrees"), null);

        assertThat(backend.path()).isEqualTo(repo.resolve("worktrees/backend-2"));
        assertThat(backend.branch()).isEqualTo("peers/backend-2");
        List<RegisteredWorktree> listed = worktrees.list();
        assertThat(listed.getFirst().branch()).isEqualTo("main"); // the main worktree comes first, the rest by name
        assertThat(listed)
                .extracting(RegisteredWorktree::branch)
                .containsExactlyInAnyOrder("main", qa.branch(), backend.branch());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "QA",
                "1qa",
                "-qa",
                "qa/x",
                "../qa",
                "qa x",
                "qa.",
                "q_a",
                "qa\n",
                "abcdefghijklmnopqrstuvwxyz0123456"
            })
    void invalidRoleNamesAreRejected(String role) {
        assertThatThrownBy(() -> worktrees.ensure(role, Path.of("worktrees"), null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("invalid role name");
        assertThat(repo.resolve("worktrees")).doesNotExist();
    }

    @Test
    void aNullRoleIsRejected() {
        assertThatThrownBy(() -> worktrees.ensure(null, Path.of("worktrees"), null))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theLongestValidRoleNameIsAccepted() {
        String role = "a" + "b".repeat(31);

        assertThat(worktrees.ensure(role, Path.of("worktrees"), null).branch()).isEqualTo("peers/" + role);
    }

    private boolean branchExists(String branch) {
        return fx.git
                .execute(repo, List.of("rev-parse", "--verify", "--quiet", "refs/heads/" + branch))
                .ok();
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
