package dev.peersteam.git;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GitRepoTest {
    @TempDir
    Path tmp;

    GitFixture fx;

    @BeforeEach
    void setUp() {
        fx = new GitFixture(tmp);
    }

    @Test
    void opensFromASubdirectoryAndKnowsTheTopLevelAndTheGitDir() {
        Path repo = fx.repo("r");
        Path sub = GitFixture.mkdirs(repo.resolve("src/main"));

        GitRepo opened = fx.open(sub);

        assertThat(opened.topLevel()).isEqualTo(repo);
        assertThat(opened.commonGitDir()).isEqualTo(repo.resolve(".git"));
    }

    @Test
    void opensFromALinkedWorktreeWithTheSharedGitDir() {
        Path repo = fx.repo("r");
        Path linked = fx.root.resolve("linked");
        fx.git.run(repo, "worktree", "add", "-q", "-b", "side", linked.toString());

        GitRepo opened = fx.open(linked);

        assertThat(opened.topLevel()).isEqualTo(linked);
        assertThat(opened.commonGitDir()).isEqualTo(repo.resolve(".git"));
    }

    @Test
    void aDirectoryOutsideAnyRepositoryIsAClearError() {
        Path plain = GitFixture.mkdirs(fx.root.resolve("plain"));

        assertThatThrownBy(() -> fx.open(plain))
                .isInstanceOf(GitException.class)
                .hasMessage("`" + plain + "` is not a git repository: run `git init` there, "
                        + "or set `repo:` in the team file to your project");
    }

    @Test
    void aMissingDirectoryIsAClearError() {
        Path missing = fx.root.resolve("missing");

        assertThatThrownBy(() -> fx.open(missing))
                .isInstanceOf(GitException.class)
                .hasMessageContaining(missing + "` is not a directory");
    }

    @Test
    void theGitDirectoryItselfIsNotAWorkTree() {
        Path repo = fx.repo("r");

        assertThatThrownBy(() -> fx.open(repo.resolve(".git")))
                .isInstanceOf(GitException.class)
                .hasMessageContaining("not a work tree");
    }

    @Test
    void currentHeadIsTheCheckedOutCommit() {
        Path repo = fx.repo("r");

        assertThat(fx.open(repo).currentHead()).isEqualTo(fx.head(repo)).hasSize(40);
    }

    @Test
    void aRepositoryWithoutCommitsAsksForAFirstCommit() {
        Path repo = fx.emptyRepo("r");
        GitRepo opened = fx.open(repo);

        assertThatThrownBy(opened::currentHead)
                .isInstanceOf(GitException.class)
                .hasMessageContaining(repo + " has no commits yet: make a first commit");
        assertThatThrownBy(() -> opened.resolveCommit("main")).hasMessageContaining("make a first commit");
    }

    @Test
    void resolvesBranchesTagsAndShas() {
        Path repo = fx.repo("r");
        String first = fx.head(repo);
        fx.git.run(repo, "tag", "v1");
        fx.git.run(repo, "branch", "dev");
        String second = fx.commit(repo, "a.txt", "a", "Second");
        GitRepo opened = fx.open(repo);

        assertThat(opened.resolveCommit("main")).isEqualTo(second);
        assertThat(opened.resolveCommit("dev")).isEqualTo(first);
        assertThat(opened.resolveCommit("v1")).isEqualTo(first);
        assertThat(opened.resolveCommit(first.substring(0, 10))).isEqualTo(first);
    }

    @Test
    void knowsTheCurrentBranchAndWhichNamesAreLocalBranches() {
        Path repo = fx.repo("r");
        fx.git.run(repo, "tag", "v1");
        fx.git.run(repo, "branch", "dev");
        GitRepo opened = fx.open(repo);

        assertThat(opened.currentBranch()).contains("main");
        assertThat(opened.hasBranch("dev")).isTrue();
        assertThat(opened.hasBranch("main")).isTrue();
        assertThat(opened.hasBranch("v1")).isFalse();
        assertThat(opened.hasBranch(fx.head(repo))).isFalse();
        assertThat(opened.hasBranch("--all")).isFalse();
        assertThat(opened.hasBranch("nope")).isFalse();

        fx.git.run(repo, "switch", "-q", "--detach", "v1");
        assertThat(opened.currentBranch()).isEmpty();
    }

    @Test
    void aMissingBaseListsExistingBranches() {
        Path repo = fx.repo("r");
        fx.git.run(repo, "branch", "dev");

        assertThatThrownBy(() -> fx.open(repo).resolveCommit("mian"))
                .isInstanceOf(GitException.class)
                .hasMessageContaining("base `mian` does not exist in " + repo)
                .hasMessageContaining("Existing branches: ")
                .hasMessageContaining("main")
                .hasMessageContaining("dev")
                .hasMessageContaining("Set `base:` in the team file");
    }

    @Test
    void aBaseThatLooksLikeAnOptionIsRejected() {
        Path repo = fx.repo("r");

        assertThatThrownBy(() -> fx.open(repo).resolveCommit("--output=/tmp/x"))
                .isInstanceOf(GitException.class)
                .hasMessageContaining("not a valid branch or commit name");
    }

    @Test
    void excludeIsWrittenOnceAndMakesGitIgnoreThePath() throws Exception {
        Path repo = fx.repo("r");
        GitRepo opened = fx.open(repo);
        Path exclude = repo.resolve(".git/info/exclude");
        Files.delete(exclude); // git init writes one; start without it to see it created

        opened.excludeFromGit("/worktrees/");
        opened.excludeFromGit("/.peers/");
        opened.excludeFromGit("/worktrees/");
        opened.excludeFromGit("/.peers/");

        assertThat(Files.readAllLines(exclude)).containsExactly("/worktrees/", "/.peers/");
        GitFixture.write(repo.resolve(".peers/journal.jsonl"), "{}\n");
        assertThat(fx.git.run(repo, "status", "--porcelain")).isEmpty();
    }

    @Test
    void excludeKeepsWhatIsThereAndAddsALineBreakIfMissing() throws Exception {
        Path repo = fx.repo("r");
        Path exclude = repo.resolve(".git/info/exclude");
        Files.writeString(exclude, "# mine\n*.log");

        fx.open(repo).excludeFromGit("/.peers/");

        assertThat(Files.readAllLines(exclude)).containsExactly("# mine", "*.log", "/.peers/");
    }

    @Test
    void excludeFromALinkedWorktreeGoesToTheSharedFileAndWorksEverywhere() throws Exception {
        Path repo = fx.repo("r");
        Path linked = fx.root.resolve("linked");
        fx.git.run(repo, "worktree", "add", "-q", "-b", "side", linked.toString());

        fx.open(linked).excludeFromGit("/.peers/");
        fx.open(repo).excludeFromGit("/.peers/");

        assertThat(Files.readAllLines(repo.resolve(".git/info/exclude"))).containsOnlyOnce("/.peers/");
        assertThat(linked.resolve(".git")).isRegularFile(); // nothing written into the linked worktree's .git file
        GitFixture.write(linked.resolve(".peers/x"), "x");
        GitFixture.write(repo.resolve(".peers/x"), "x");
        assertThat(fx.git.run(linked, "status", "--porcelain")).isEmpty();
        assertThat(fx.git.run(repo, "status", "--porcelain")).isEmpty();
    }

    @Test
    void anExcludeThatIsNotOneLineIsRejected() {
        GitRepo opened = fx.open(fx.repo("r"));

        assertThatThrownBy(() -> opened.excludeFromGit("/a/\n!/b")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> opened.excludeFromGit(" ")).isInstanceOf(IllegalArgumentException.class);
    }
}
