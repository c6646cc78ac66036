package dev.peersteam.git;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MergeBackTest {
    @TempDir
    Path tmp;

    GitFixture fx;
    Path repo;
    GitRepo gitRepo;
    Path qa;
    MergeBack mergeBack = new MergeBack();

    @BeforeEach
    void setUp() {
        fx = new GitFixture(tmp);
        repo = fx.repo("repo");
        gitRepo = fx.open(repo);
        gitRepo.excludeFromGit("/worktrees/");
        qa = fx.worktree(repo, "qa");
        fx.git.run(repo, "branch", "integration"); // a target that is checked out nowhere
    }

    @Test
    void fastForwardsATargetThatIsNotCheckedOutWithoutTouchingAnyWorktree() {
        String work = fx.commit(qa, "feature.txt", "feature\n", "Feature");
        Snapshot main = Snapshot.of(fx, repo);

        MergeResult result = mergeBack.merge(gitRepo, "peers/qa", "integration");

        assertThat(result).isEqualTo(new MergeResult.Merged(work, true, 1));
        assertThat(branchHead("integration")).isEqualTo(work);
        assertThat(Snapshot.of(fx, repo)).isEqualTo(main);
    }

    @Test
    void makesAMergeCommitWhenBothBranchesMoved() {
        String work = fx.commit(qa, "feature.txt", "feature\n", "Feature");
        String theirs = commitOn("integration", "other.txt", "other\n");
        Snapshot main = Snapshot.of(fx, repo);

        MergeResult result = mergeBack.merge(gitRepo, "peers/qa", "integration");

        assertThat(result).isInstanceOf(MergeResult.Merged.class);
        MergeResult.Merged merged = (MergeResult.Merged) result;
        assertThat(merged.fastForward()).isFalse();
        assertThat(merged.filesChanged()).isEqualTo(1);
        assertThat(branchHead("integration")).isEqualTo(merged.commit());
        assertThat(fx.git.run(repo, "log", "-1", "--format=%P%n%s%n%an <%ae>", merged.commit()))
                .isEqualTo(theirs + " " + work + "\nMerge peers/qa into integration (peers-team)\n"
                        + "Test Author <author@example.invalid>");
        assertThat(fx.git.run(repo, "ls-tree", "--name-only", merged.commit()))
                .isEqualTo("README.md\nfeature.txt\nother.txt");
        assertThat(Snapshot.of(fx, repo)).isEqualTo(main);
        assertThat(fx.git.run(repo, "reflog", "-1", "--format=%gs", "integration"))
                .isEqualTo("peers-team: merge peers/qa into integration");
    }

    @Test
    void nothingToMergeIsUpToDate() {
        assertThat(mergeBack.merge(gitRepo, "peers/qa", "integration")).isEqualTo(new MergeResult.UpToDate());

        fx.commit(qa, "feature.txt", "feature\n", "Feature");
        mergeBack.merge(gitRepo, "peers/qa", "integration");
        String merged = branchHead("integration");

        assertThat(mergeBack.merge(gitRepo, "peers/qa", "integration")).isEqualTo(new MergeResult.UpToDate());
        assertThat(branchHead("integration")).isEqualTo(merged);
    }

    @Test
    void conflictsChangeNothingAndNameThePaths() {
        fx.commit(qa, "README.md", "qa's hello\n", "qa edits the readme");
        fx.commit(qa, "notes.txt", "qa's notes\n", "qa adds notes");
        fx.commit(qa, "clean.txt", "merges fine\n", "qa adds a file");
        commitOn("integration", "README.md", "integration's hello\n");
        String target = commitOn("integration", "notes.txt", "integration's notes\n");
        Snapshot main = Snapshot.of(fx, repo);
        Snapshot role = Snapshot.of(fx, qa);

        MergeResult result = mergeBack.merge(gitRepo, "peers/qa", "integration");

        assertThat(result).isEqualTo(new MergeResult.Conflicts(List.of("README.md", "notes.txt")));
        assertThat(branchHead("integration")).isEqualTo(target);
        assertThat(Snapshot.of(fx, repo)).isEqualTo(main);
        assertThat(Snapshot.of(fx, qa)).isEqualTo(role);
    }

    @Test
    void conflictsLeaveACheckedOutTargetAndItsWorktreeExactlyAsTheyWere() {
        fx.commit(qa, "README.md", "qa's hello\n", "qa edits the readme");
        String target = fx.commit(repo, "README.md", "main's hello\n", "main edits the readme");
        GitFixture.write(repo.resolve("scratch.txt"), "the person's untracked notes\n");
        Snapshot main = Snapshot.of(fx, repo);

        MergeResult result = mergeBack.merge(gitRepo, "peers/qa", "main");

        assertThat(result).isEqualTo(new MergeResult.Conflicts(List.of("README.md")));
        assertThat(branchHead("main")).isEqualTo(target);
        assertThat(Snapshot.of(fx, repo)).isEqualTo(main);
        assertThat(repo.resolve(".git/MERGE_HEAD")).doesNotExist();
    }

    @Test
    void aCheckedOutTargetWithUncommittedChangesIsRefused() {
        fx.commit(qa, "feature.txt", "feature\n", "Feature");
        String target = fx.head(repo);
        GitFixture.write(repo.resolve("README.md"), "being edited\n");
        GitFixture.write(repo.resolve("staged.txt"), "staged\n");
        fx.git.run(repo, "add", "staged.txt");
        Snapshot main = Snapshot.of(fx, repo);

        MergeResult result = mergeBack.merge(gitRepo, "peers/qa", "main");

        assertThat(result).isEqualTo(new MergeResult.RefusedDirty(List.of("README.md", "staged.txt")));
        assertThat(branchHead("main")).isEqualTo(target);
        assertThat(Snapshot.of(fx, repo)).isEqualTo(main);
    }

    @Test
    void aCleanCheckedOutTargetIsMergedThereWithItsFilesUpdated() {
        fx.commit(qa, "feature.txt", "feature\n", "Feature");
        String before = fx.commit(repo, "mine.txt", "mine\n", "The person's own work");
        GitFixture.write(repo.resolve("scratch.txt"), "untracked, elsewhere\n");

        MergeResult result = mergeBack.merge(gitRepo, "peers/qa", "main");

        MergeResult.Merged merged = (MergeResult.Merged) result;
        assertThat(merged.fastForward()).isFalse();
        assertThat(fx.head(repo)).isEqualTo(merged.commit());
        assertThat(fx.git.run(repo, "log", "-1", "--format=%P")).startsWith(before + " ");
        assertThat(repo.resolve("feature.txt")).hasContent("feature");
        assertThat(repo.resolve("scratch.txt")).hasContent("untracked, elsewhere");
        assertThat(fx.status(repo)).isEqualTo("?? scratch.txt");
    }

    @Test
    void aCleanCheckedOutTargetIsFastForwardedThere() {
        String work = fx.commit(qa, "feature.txt", "feature\n", "Feature");

        assertThat(mergeBack.merge(gitRepo, "peers/qa", "main")).isEqualTo(new MergeResult.Merged(work, true, 1));
        assertThat(fx.head(repo)).isEqualTo(work);
        assertThat(repo.resolve("feature.txt")).hasContent("feature");
        assertThat(fx.status(repo)).isEmpty();
    }

    @Test
    void anUntrackedFileTheMergeWouldOverwriteIsRefused() {
        fx.commit(qa, "feature.txt", "the role's\n", "Feature");
        fx.commit(qa, "lib/util.txt", "util\n", "Util");
        String target = fx.head(repo);
        GitFixture.write(repo.resolve("feature.txt"), "the person's own, untracked\n");
        GitFixture.write(repo.resolve("lib"), "a file where the role puts a directory\n");

        MergeResult result = mergeBack.merge(gitRepo, "peers/qa", "main");

        assertThat(result).isEqualTo(new MergeResult.RefusedDirty(List.of("feature.txt", "lib")));
        assertThat(branchHead("main")).isEqualTo(target);
        assertThat(repo.resolve("feature.txt")).hasContent("the person's own, untracked");
    }

    @Test
    void theConfiguredIdentityIsPreferredAndAFixedOneOnlyFillsTheGap() {
        Git noIdentity = fx.gitWithoutIdentity();
        fx.git.run(repo, "config", "user.useConfigOnly", "true");
        fx.commit(qa, "feature.txt", "feature\n", "Feature");
        commitOn("integration", "other.txt", "other\n");
        GitRepo anonymous = GitRepo.open(repo, noIdentity);

        MergeResult.Merged merged = (MergeResult.Merged) mergeBack.merge(anonymous, "peers/qa", "integration");

        assertThat(fx.git.run(repo, "log", "-1", "--format=%an <%ae>%n%cn <%ce>", merged.commit()))
                .isEqualTo("peers-team <peers-team@localhost>\npeers-team <peers-team@localhost>");

        fx.git.run(repo, "config", "user.name", "Repo Person");
        fx.commit(qa, "more.txt", "more\n", "More");
        commitOn("integration", "other2.txt", "other\n");

        MergeResult.Merged second = (MergeResult.Merged) mergeBack.merge(anonymous, "peers/qa", "integration");

        assertThat(fx.git.run(repo, "log", "-1", "--format=%an <%ae>", second.commit()))
                .isEqualTo("Repo Person <peers-team@localhost>");
    }

    @Test
    void aMissingBranchIsAClearError() {
        assertThatThrownBy(() -> mergeBack.merge(gitRepo, "peers/nobody", "main"))
                .isInstanceOf(GitException.class)
                .hasMessageContaining("there is no branch `peers/nobody` in " + repo)
                .hasMessageContaining("git branch --list");
    }

    @Test
    void unusableBranchNamesAreRejected() {
        assertThatThrownBy(() -> mergeBack.merge(gitRepo, "main", "main")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> mergeBack.merge(gitRepo, "--force", "main"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aTargetBeingRebasedIsRefusedWithWhatToDo() {
        fx.commit(qa, "feature.txt", "feature\n", "Feature");
        fx.git.run(repo, "switch", "-q", "-c", "side");
        fx.commit(repo, "README.md", "side\n", "Side edits the readme");
        fx.git.run(repo, "switch", "-q", "main");
        String target = fx.commit(repo, "README.md", "main\n", "Main edits the readme");
        assertThat(fx.git.execute(repo, List.of("rebase", "side")).ok()).isFalse(); // stops on the conflict

        assertThatThrownBy(() -> mergeBack.merge(gitRepo, "peers/qa", "main"))
                .isInstanceOf(GitException.class)
                .hasMessageContaining("`main`: it is being rebased in " + repo)
                .hasMessageContaining("git rebase --abort");
        assertThat(branchHead("main")).isEqualTo(target);
    }

    private String branchHead(String branch) {
        return fx.git.run(repo, "rev-parse", "refs/heads/" + branch);
    }

    /** Commits on a branch that is checked out nowhere, through a worktree that is removed again. */
    private String commitOn(String branch, String file, String content) {
        Path scratch = fx.root.resolve("scratch-" + branch);
        fx.git.run(repo, "worktree", "add", "-q", scratch.toString(), branch);
        String sha = fx.commit(scratch, file, content, "Commit on " + branch);
        fx.git.run(repo, "worktree", "remove", scratch.toString());
        return sha;
    }

    /** Everything a merge must not change in a worktree: HEAD, index bytes, status, and every file's bytes. */
    record Snapshot(String head, String index, String status, Map<String, String> files) {
        static Snapshot of(GitFixture fx, Path worktree) {
            Path index = worktree.resolve(fx.git.run(worktree, "rev-parse", "--git-path", "index"));
            Map<String, String> files = new TreeMap<>();
            try (Stream<Path> walk = Files.walk(worktree)) {
                walk.filter(Files::isRegularFile)
                        .filter(p -> !worktree.relativize(p).startsWith(".git"))
                        .filter(p -> !worktree.relativize(p).startsWith("worktrees"))
                        .forEach(p -> files.put(worktree.relativize(p).toString(), GitFixture.sha256(p)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return new Snapshot(fx.head(worktree), GitFixture.sha256(index), fx.status(worktree), files);
        }
    }
}
