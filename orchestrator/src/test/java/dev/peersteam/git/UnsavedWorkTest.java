package dev.peersteam.git;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UnsavedWorkTest {
    private static final Instant NOW = Instant.parse("2030-01-02T03:04:05.678Z");

    @TempDir
    Path tmp;

    GitFixture fx;
    Path repo;
    Path qa;
    Worktrees worktrees;
    UnsavedWork unsaved;

    @BeforeEach
    void setUp() {
        fx = new GitFixture(tmp);
        repo = fx.repo("repo");
        GitFixture.write(repo.resolve(".gitignore"), "*.log\n");
        GitFixture.write(repo.resolve("old-name.txt"), "to be renamed\n");
        GitFixture.write(repo.resolve("doomed.txt"), "to be deleted\n");
        fx.git.run(repo, "add", "--all");
        fx.git.run(repo, "commit", "-q", "-m", "Files");
        GitRepo gitRepo = fx.open(repo);
        gitRepo.excludeFromGit("/worktrees/");
        worktrees = new Worktrees(gitRepo);
        qa = fx.worktree(repo, "qa");
        unsaved = new UnsavedWork(fx.git, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @Test
    void savesEveryKindOfUncommittedWorkInOneMarkedCommitOnTheRoleBranch() {
        String before = fx.head(qa);
        GitFixture.write(qa.resolve("README.md"), "staged\n");
        fx.git.run(qa, "add", "README.md");
        GitFixture.write(qa.resolve("README.md"), "staged, then edited again\n");
        GitFixture.write(qa.resolve("src/new dir/untracked.txt"), "untracked\n");
        GitFixture.delete(qa.resolve("doomed.txt"));
        GitFixture.mkdirs(qa.resolve("moved"));
        move(qa.resolve("old-name.txt"), qa.resolve("moved/new-name.txt"));
        GitFixture.write(qa.resolve("debug.log"), "ignored\n");

        WipResult result = unsaved.commitWip(qa, "qa");

        assertThat(result).isInstanceOf(WipResult.Committed.class);
        WipResult.Committed committed = (WipResult.Committed) result;
        assertThat(committed.branch()).isEqualTo("peers/qa");
        assertThat(committed.commit()).isEqualTo(fx.git.run(repo, "rev-parse", "peers/qa"));
        assertThat(fx.git.run(qa, "rev-parse", "HEAD~1")).isEqualTo(before);
        assertThat(fx.git.run(qa, "log", "-1", "--format=%s"))
                .isEqualTo("WIP(peers-team): uncommitted work of qa saved at 2030-01-02T03:04:05Z");
        assertThat(fx.git.run(qa, "log", "-1", "--format=%(trailers:key=Peers-Team-Wip,valueonly)"))
                .isEqualTo("true");
        assertThat(fx.git.run(qa, "diff-tree", "--no-commit-id", "-r", "--name-status", "-M", "HEAD"))
                .isEqualTo("""
                M\tREADME.md
                D\tdoomed.txt
                R100\told-name.txt\tmoved/new-name.txt
                A\tsrc/new dir/untracked.txt""");
        assertThat(fx.git.run(qa, "show", "HEAD:README.md")).isEqualTo("staged, then edited again");
        assertThat(fx.status(qa)).isEmpty();
        assertThat(qa.resolve("debug.log")).hasContent("ignored"); // still there, not committed
        assertThat(fx.git.run(qa, "ls-files", "debug.log")).isEmpty();
    }

    @Test
    void nestedRepositoriesAreNotCommittedButNamedAndKeepTheWorktree() {
        fx.emptyRepo("repo/worktrees/qa/scratch-repo"); // `git add --all` would fail on it
        GitFixture.write(qa.resolve("work.txt"), "work\n");

        WipResult result = unsaved.commitWip(qa, "qa");

        assertThat(result).isInstanceOf(WipResult.Committed.class);
        assertThat(((WipResult.Committed) result).nestedRepositories()).containsExactly("scratch-repo/");
        assertThat(fx.git.run(qa, "show", "HEAD:work.txt")).isEqualTo("work");
        assertThat(fx.git.run(qa, "ls-tree", "--name-only", "HEAD")).doesNotContain("scratch-repo");

        RemoveResult removed = unsaved.removeIfClean(worktrees, qa);

        assertThat(removed).isInstanceOf(RemoveResult.Kept.class);
        assertThat(((RemoveResult.Kept) removed).paths()).containsExactly("scratch-repo/");
        assertThat(((RemoveResult.Kept) removed).reason()).contains("scratch-repo/ is a git repository of its own");
        assertThat(qa.resolve("scratch-repo/.git")).exists();
    }

    @Test
    void aNestedRepositoryAloneIsNotCommittedAndSaysSo() {
        fx.repo("repo/worktrees/qa/vendored");

        WipResult result = unsaved.commitWip(qa, "qa");

        assertThat(result).isInstanceOf(WipResult.Blocked.class);
        assertThat(((WipResult.Blocked) result).reason()).contains("vendored/ is a git repository of its own");
    }

    @Test
    void aSubdirectoryOfTheWorktreeSavesTheWholeWorktree() {
        GitFixture.write(qa.resolve("top.txt"), "top\n");
        GitFixture.write(qa.resolve("sub/inner.txt"), "inner\n");

        WipResult.Committed saved = (WipResult.Committed) unsaved.commitWip(qa.resolve("sub"), "qa");

        assertThat(saved.paths()).isEqualTo(2);
        assertThat(fx.status(qa)).isEmpty();
    }

    @Test
    void noHookRunsAndNoneCanStopTheSave() throws IOException {
        Path hooks = GitFixture.mkdirs(repo.resolve(".git/hooks"));
        Path ran = fx.root.resolve("hooks-that-ran");
        for (String hook : List.of("pre-commit", "prepare-commit-msg", "commit-msg", "post-commit")) {
            Path script = hooks.resolve(hook);
            GitFixture.write(script, "#!/bin/sh\necho " + hook + " >> '" + ran + "'\nexit 1\n");
            Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        GitFixture.write(qa.resolve("work.txt"), "work\n");

        assertThat(unsaved.commitWip(qa, "qa")).isInstanceOf(WipResult.Committed.class);
        assertThat(ran).doesNotExist();
        assertThat(fx.status(qa)).isEmpty();
    }

    @Test
    void aCleanWorktreeIsLeftAlone() {
        String before = fx.head(qa);

        assertThat(unsaved.commitWip(qa, "qa")).isEqualTo(new WipResult.Clean());
        assertThat(fx.head(qa)).isEqualTo(before);
    }

    @Test
    void onlyIgnoredFilesIsClean() {
        GitFixture.write(qa.resolve("build.log"), "ignored\n");

        assertThat(unsaved.commitWip(qa, "qa")).isEqualTo(new WipResult.Clean());
    }

    @Test
    void aWorktreeInTheMiddleOfAMergeIsNotCommitted() {
        fx.commit(qa, "README.md", "qa's\n", "qa edits");
        fx.commit(repo, "README.md", "main's\n", "main edits");
        assertThat(fx.git.execute(qa, List.of("merge", "-q", "main")).ok()).isFalse();
        GitFixture.write(qa.resolve("more.txt"), "more\n");
        String before = fx.head(qa);
        String status = fx.status(qa);

        WipResult result = unsaved.commitWip(qa, "qa");

        assertThat(result).isInstanceOf(WipResult.Blocked.class);
        assertThat(((WipResult.Blocked) result).reason())
                .contains("a merge is in progress in " + qa)
                .contains("git merge --abort");
        assertThat(fx.head(qa)).isEqualTo(before);
        assertThat(fx.status(qa)).isEqualTo(status);
    }

    @Test
    void aDetachedHeadIsNotCommitted() {
        fx.git.run(qa, "switch", "-q", "--detach");
        GitFixture.write(qa.resolve("work.txt"), "work\n");

        WipResult result = unsaved.commitWip(qa, "qa");

        assertThat(result).isInstanceOf(WipResult.Blocked.class);
        assertThat(((WipResult.Blocked) result).reason())
                .contains("HEAD is detached", "git -C " + qa + " switch peers/qa");
        assertThat(qa.resolve("work.txt")).exists();
    }

    @Test
    void withoutAnyIdentityTheFixedOneIsUsedAndAConfiguredOneIsPreferred() {
        fx.git.run(repo, "config", "user.useConfigOnly", "true");
        UnsavedWork anonymous = new UnsavedWork(fx.gitWithoutIdentity(), Clock.fixed(NOW, ZoneOffset.UTC));
        GitFixture.write(qa.resolve("work.txt"), "work\n");

        anonymous.commitWip(qa, "qa");

        assertThat(fx.git.run(qa, "log", "-1", "--format=%an <%ae>|%cn <%ce>"))
                .isEqualTo("peers-team <peers-team@localhost>|peers-team <peers-team@localhost>");

        fx.git.run(repo, "config", "user.name", "Repo Person");
        fx.git.run(repo, "config", "user.email", "person@example.invalid");
        GitFixture.write(qa.resolve("work.txt"), "more work\n");

        anonymous.commitWip(qa, "qa");

        assertThat(fx.git.run(qa, "log", "-1", "--format=%an <%ae>")).isEqualTo("Repo Person <person@example.invalid>");
    }

    @Test
    void anInvalidRoleIsRejected() {
        assertThatThrownBy(() -> unsaved.commitWip(qa, "../qa")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aCleanWorktreeIsRemovedAndItsBranchKept() {
        String work = fx.commit(qa, "work.txt", "work\n", "Work");
        GitFixture.write(qa.resolve("build.log"), "ignored files go with the worktree\n");

        RemoveResult result = unsaved.removeIfClean(worktrees, qa);

        assertThat(result).isEqualTo(new RemoveResult.Removed(qa, "peers/qa"));
        assertThat(qa).doesNotExist();
        assertThat(fx.git.run(repo, "rev-parse", "peers/qa")).isEqualTo(work);
        assertThat(worktrees.list()).extracting(RegisteredWorktree::path).containsExactly(repo);
    }

    @Test
    void aWorktreeWithUncommittedWorkIsKeptAndSaysWhat() {
        GitFixture.write(qa.resolve("README.md"), "changed\n");
        GitFixture.write(qa.resolve("notes/untracked.txt"), "untracked\n");

        RemoveResult result = unsaved.removeIfClean(worktrees, qa);

        assertThat(result).isInstanceOf(RemoveResult.Kept.class);
        RemoveResult.Kept kept = (RemoveResult.Kept) result;
        assertThat(kept.paths()).containsExactly("README.md", "notes/untracked.txt");
        assertThat(kept.reason()).contains("2 paths with uncommitted changes", "commit them");
        assertThat(qa.resolve("notes/untracked.txt")).hasContent("untracked");
        assertThat(worktrees.list()).hasSize(2);
    }

    @Test
    void savingFirstThenRemovingLosesNothing() {
        GitFixture.write(qa.resolve("work.txt"), "work\n");

        WipResult.Committed saved = (WipResult.Committed) unsaved.commitWip(qa, "qa");
        RemoveResult removed = unsaved.removeIfClean(worktrees, qa);

        assertThat(removed).isInstanceOf(RemoveResult.Removed.class);
        assertThat(fx.git.run(repo, "show", "peers/qa:work.txt")).isEqualTo("work");
        assertThat(fx.git.run(repo, "rev-parse", "peers/qa")).isEqualTo(saved.commit());
    }

    @Test
    void aWorktreeInTheMiddleOfAMergeIsKept() {
        fx.commit(qa, "README.md", "qa's\n", "qa edits");
        fx.commit(repo, "README.md", "main's\n", "main edits");
        fx.git.execute(qa, List.of("merge", "-q", "main"));

        RemoveResult result = unsaved.removeIfClean(worktrees, qa);

        assertThat(result).isInstanceOf(RemoveResult.Kept.class);
        assertThat(((RemoveResult.Kept) result).reason()).contains("a merge is in progress");
        assertThat(qa).exists();
    }

    @Test
    void aDetachedHeadOnNoBranchIsKept() {
        fx.git.run(qa, "switch", "-q", "--detach");
        fx.commit(qa, "orphaned.txt", "on no branch\n", "Commit on a detached HEAD");

        RemoveResult result = unsaved.removeIfClean(worktrees, qa);

        assertThat(result).isInstanceOf(RemoveResult.Kept.class);
        assertThat(((RemoveResult.Kept) result).reason()).contains("on no branch or tag", "switch -c");
    }

    @Test
    void aWorktreeDeletedByHandIsPruned() throws IOException {
        deleteTree(qa);

        assertThat(unsaved.removeIfClean(worktrees, qa)).isEqualTo(new RemoveResult.Removed(qa, "peers/qa"));
        assertThat(worktrees.list()).hasSize(1);
    }

    @Test
    void theMainWorktreeAndStrangersAreNeverRemoved() {
        Path plain = GitFixture.mkdirs(fx.root.resolve("plain"));

        assertThatThrownBy(() -> unsaved.removeIfClean(worktrees, repo))
                .isInstanceOf(GitException.class)
                .hasMessageContaining("main worktree");
        assertThatThrownBy(() -> unsaved.removeIfClean(worktrees, plain))
                .isInstanceOf(GitException.class)
                .hasMessageContaining(plain + " is not a worktree of the repository " + repo);
        assertThat(repo.resolve("README.md")).exists();
        assertThat(plain).exists();
    }

    @Test
    void aLockedWorktreeIsNotRemoved() {
        fx.git.run(repo, "worktree", "lock", qa.toString());

        assertThatThrownBy(() -> unsaved.removeIfClean(worktrees, qa))
                .isInstanceOf(GitException.class)
                .hasMessageContaining("git worktree unlock " + qa);
        assertThat(qa).exists();
    }

    private static void move(Path from, Path to) {
        try {
            Files.move(from, to);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
