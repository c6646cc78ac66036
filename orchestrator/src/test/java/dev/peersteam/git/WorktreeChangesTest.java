package dev.peersteam.git;

import static dev.peersteam.git.ChangeKind.ADDED;
import static dev.peersteam.git.ChangeKind.DELETED;
import static dev.peersteam.git.ChangeKind.MODIFIED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorktreeChangesTest {
    @TempDir
    Path tmp;

    GitFixture fx;
    Path repo;
    String base;
    Path wt;
    WorktreeChanges changes;

    @BeforeEach
    void setUp() {
        fx = new GitFixture(tmp);
        repo = fx.repo("repo");
        for (String name : List.of("a", "b", "c", "d", "e", "f")) {
            GitFixture.write(repo.resolve(name + ".txt"), lines(name, 10));
        }
        GitFixture.write(repo.resolve(".gitignore"), "*.log\n");
        fx.git.run(repo, "add", "--all");
        fx.git.run(repo, "commit", "-q", "-m", "Files");
        base = fx.head(repo);
        wt = fx.worktree(repo, "qa");
        changes = new WorktreeChanges(fx.git);
    }

    @Test
    void aFreshWorktreeHasNoChanges() {
        ChangeSet set = changes.changes(wt, base);

        assertThat(set.isEmpty()).isTrue();
        assertThat(set).isEqualTo(new ChangeSet(base, base, base, List.of()));
        assertThat(changes.diff(wt, base, false)).isEmpty();
        assertThat(changes.headCommit(wt)).isEqualTo(base);
    }

    @Test
    void seesCommittedStagedUnstagedUntrackedDeletedAndRenamedButNotIgnored() {
        fx.commit(wt, "committed.txt", "new\n", "Committed work");
        fx.commit(wt, "a.txt", lines("a", 10) + "more\n", "Committed change");
        GitFixture.write(wt.resolve("b.txt"), lines("b", 10) + "staged\n");
        GitFixture.write(wt.resolve("staged-new.txt"), "staged new\n");
        fx.git.run(wt, "add", "b.txt", "staged-new.txt");
        GitFixture.write(wt.resolve("c.txt"), "unstaged\n");
        GitFixture.write(wt.resolve("new dir/untracked ü.txt"), "untracked\n");
        GitFixture.delete(wt.resolve("d.txt"));
        fx.git.run(wt, "mv", "e.txt", "e-staged-rename.txt");
        move(wt.resolve("f.txt"), wt.resolve("moved/f.txt")); // a plain mv, not told to git
        GitFixture.write(wt.resolve("ignored.log"), "ignored\n");

        ChangeSet set = changes.changes(wt, base);

        assertThat(set.mergeBase()).isEqualTo(base);
        assertThat(set.head()).isEqualTo(fx.head(wt));
        assertThat(set.paths())
                .containsExactly(
                        ChangedPath.of("a.txt", MODIFIED),
                        ChangedPath.of("b.txt", MODIFIED),
                        ChangedPath.of("c.txt", MODIFIED),
                        ChangedPath.of("committed.txt", ADDED),
                        ChangedPath.of("d.txt", DELETED),
                        ChangedPath.renamed("e.txt", "e-staged-rename.txt"),
                        ChangedPath.renamed("f.txt", "moved/f.txt"),
                        ChangedPath.of("new dir/untracked ü.txt", ADDED),
                        ChangedPath.of("staged-new.txt", ADDED));
        assertThat(set.touchedPaths())
                .contains("e.txt", "e-staged-rename.txt", "f.txt", "moved/f.txt")
                .doesNotContain("ignored.log");
    }

    @Test
    void repositoriesNestedInTheWorktreeAreLeftOutAndDoNotBreakIt() {
        fx.emptyRepo("repo/worktrees/qa/scratch-repo"); // `git init` without a commit: `git add --all` fails on it
        fx.repo("repo/worktrees/qa/vendored");
        GitFixture.write(wt.resolve("odd [name]*.txt"), "glob characters\n");

        assertThat(changes.changes(wt, base).paths()).containsExactly(ChangedPath.of("odd [name]*.txt", ADDED));
        assertThat(changes.diff(wt, base, true)).contains("odd [name]*.txt").doesNotContain("vendored", "scratch");
    }

    @Test
    void aSubdirectoryOfTheWorktreeGivesTheSameAnswer() {
        GitFixture.write(wt.resolve("sub/inner.txt"), "inner\n");
        GitFixture.write(wt.resolve("outer.txt"), "outer\n");

        assertThat(changes.changes(wt.resolve("sub"), base)).isEqualTo(changes.changes(wt, base));
        assertThat(changes.summary(wt.resolve("sub"), base, "outer.txt", 3)).startsWith("+1 -0 (new file)");
    }

    @Test
    void aCommittedRenameIsARename() {
        GitFixture.mkdirs(wt.resolve("docs"));
        fx.git.run(wt, "mv", "a.txt", "docs/a.md");
        fx.git.run(wt, "commit", "-q", "-m", "Move a");

        assertThat(changes.changes(wt, base).paths()).containsExactly(ChangedPath.renamed("a.txt", "docs/a.md"));
    }

    @Test
    void commitsOnTheBaseAfterTheForkDoNotCount() {
        fx.commit(wt, "mine.txt", "mine\n", "Role work");
        fx.commit(repo, "theirs.txt", "theirs\n", "Main moves on");
        fx.commit(repo, "a.txt", "rewritten on main\n", "Main changes a");
        String mainHead = fx.head(repo);

        ChangeSet set = changes.changes(wt, mainHead);

        assertThat(set.mergeBase()).isEqualTo(base);
        assertThat(set.paths()).containsExactly(ChangedPath.of("mine.txt", ADDED));
        assertThat(changes.changes(wt, "main").paths()).isEqualTo(set.paths()); // a branch name works too
    }

    @Test
    void aChangeUndoneIsNoChange() {
        GitFixture.write(wt.resolve("a.txt"), "changed\n");
        fx.git.run(wt, "add", "a.txt");
        GitFixture.write(wt.resolve("a.txt"), lines("a", 10));

        assertThat(changes.changes(wt, base).isEmpty()).isTrue();
    }

    @Test
    void aWorktreeInTheMiddleOfAConflictedMergeStillReportsItsChanges() {
        fx.commit(wt, "a.txt", "role version\n", "Role changes a");
        fx.commit(repo, "a.txt", "main version\n", "Main changes a");
        assertThat(fx.git.execute(wt, List.of("merge", "-q", "main")).ok()).isFalse(); // conflict, MERGE_HEAD set

        assertThat(changes.changes(wt, base).paths()).containsExactly(ChangedPath.of("a.txt", MODIFIED));
        assertThat(changes.diff(wt, base, false)).contains("<<<<<<<");
    }

    @Test
    void readingChangesTouchesNeitherTheIndexNorTheFiles() throws IOException {
        fx.commit(wt, "committed.txt", "new\n", "Committed work");
        GitFixture.write(wt.resolve("b.txt"), "staged\n");
        fx.git.run(wt, "add", "b.txt");
        GitFixture.write(wt.resolve("c.txt"), "unstaged\n");
        GitFixture.write(wt.resolve("untracked.txt"), "untracked\n");
        GitFixture.delete(wt.resolve("d.txt"));
        Path index = wt.resolve(fx.git.run(wt, "rev-parse", "--git-path", "index"));
        // A stale stat cache on purpose: a plain `git diff` (or `git status`) would refresh and rewrite the index.
        Files.setLastModifiedTime(
                wt.resolve("e.txt"), FileTime.from(Instant.now().plusSeconds(5)));
        String statusBefore = fx.status(wt);
        String indexBefore = GitFixture.sha256(index);
        FileTime mtimeBefore = Files.getLastModifiedTime(index);
        FileTime untrackedMtime = Files.getLastModifiedTime(wt.resolve("untracked.txt"));

        changes.changes(wt, base);
        changes.diff(wt, base, false);
        changes.diff(wt, base, true);
        changes.summary(wt, base, "untracked.txt", 5);

        assertThat(GitFixture.sha256(index)).as("the real index").isEqualTo(indexBefore);
        assertThat(Files.getLastModifiedTime(index)).isEqualTo(mtimeBefore);
        assertThat(fx.status(wt))
                .isEqualTo(statusBefore)
                .contains("?? untracked.txt", " M c.txt", "M  b.txt", " D d.txt");
        assertThat(Files.getLastModifiedTime(wt.resolve("untracked.txt"))).isEqualTo(untrackedMtime);
        assertThat(fx.git.run(wt, "ls-files", "untracked.txt")).isEmpty(); // not even intent-to-add
    }

    @Test
    void theDiffShowsCommittedAndUncommittedWorkWithUntrackedFilesAsNewFiles() {
        fx.commit(wt, "committed.txt", "committed line\n", "Committed work");
        GitFixture.write(wt.resolve("b.txt"), lines("b", 10) + "staged line\n");
        fx.git.run(wt, "add", "b.txt");
        GitFixture.write(wt.resolve("c.txt"), lines("c", 10) + "unstaged line\n");
        GitFixture.write(wt.resolve("notes/untracked.txt"), "untracked line\n");
        GitFixture.write(wt.resolve("ignored.log"), "ignored line\n");
        fx.commit(repo, "theirs.txt", "main's line\n", "Main moves on");

        String diff = changes.diff(wt, "main", false);

        assertThat(diff)
                .contains("diff --git a/committed.txt b/committed.txt", "+committed line")
                .contains("+staged line", "+unstaged line")
                .contains(
                        "diff --git a/notes/untracked.txt b/notes/untracked.txt",
                        "new file mode 100644",
                        "+untracked line")
                .doesNotContain("ignored", "theirs.txt", "main's line");
    }

    @Test
    void theStatDiffListsEveryChangedFile() {
        fx.commit(wt, "committed.txt", "committed line\n", "Committed work");
        GitFixture.write(wt.resolve("c.txt"), lines("c", 10) + "unstaged line\n");
        GitFixture.write(wt.resolve("untracked.txt"), "one\ntwo\n");
        GitFixture.delete(wt.resolve("d.txt"));

        String stat = changes.diff(wt, base, true);

        assertThat(stat)
                .contains("committed.txt", "c.txt", "untracked.txt", "d.txt")
                .contains("4 files changed, 4 insertions(+), 10 deletions(-)")
                .contains("create mode 100644 untracked.txt", "delete mode 100644 d.txt")
                .doesNotContain("@@");
    }

    @Test
    void aSummaryCountsTheLinesAndShowsTheFirstOnesBounded() {
        GitFixture.write(
                wt.resolve("a.txt"),
                IntStream.rangeClosed(1, 10)
                        .mapToObj(i -> i % 2 == 0 ? "a" + i + " changed" : "a" + i)
                        .collect(Collectors.joining("\n", "", "\n")));

        String summary = changes.summary(wt, base, "a.txt", 4);

        List<String> lines = summary.lines().toList();
        assertThat(lines.getFirst()).isEqualTo("+5 -5");
        assertThat(lines).hasSize(1 + 4 + 1);
        assertThat(lines.get(1)).startsWith("@@ -1,10 +1,10 @@");
        assertThat(lines.getLast()).matches("… \\d+ more lines");
        assertThat(changes.summary(wt, base, "a.txt", 0)).isEqualTo("+5 -5\n… 16 more lines");
    }

    @Test
    void summariesOfNewDeletedRenamedAndUnchangedFiles() {
        GitFixture.write(wt.resolve("new.txt"), "one\ntwo\n");
        GitFixture.delete(wt.resolve("d.txt"));
        fx.git.run(wt, "mv", "e.txt", "e2.txt");

        assertThat(changes.summary(wt, base, "new.txt", 10)).isEqualTo("+2 -0 (new file)\n@@ -0,0 +1,2 @@\n+one\n+two");
        assertThat(changes.summary(wt, base, "d.txt", 1)).startsWith("+0 -10 (deleted)\n@@ -1,10 +0,0 @@\n…");
        assertThat(changes.summary(wt, base, "f.txt", 10)).isEqualTo("no changes");
        assertThat(changes.summary(wt, base, "no-such-file.txt", 10)).isEqualTo("no changes");
        ChangedPath rename = changes.changes(wt, base).paths().stream()
                .filter(p -> p.kind() == ChangeKind.RENAMED)
                .findFirst()
                .orElseThrow();
        assertThat(changes.summary(wt, base, rename, 10)).isEqualTo("+0 -0 (renamed from e.txt)");
    }

    @Test
    void aSummaryTakesThePathLiterallyNotAsAPattern() {
        GitFixture.write(wt.resolve("star*.txt"), "literal\n");
        GitFixture.write(wt.resolve("star-other.txt"), "other\n");

        assertThat(changes.summary(wt, base, "star*.txt", 10)).isEqualTo("+1 -0 (new file)\n@@ -0,0 +1 @@\n+literal");
    }

    @Test
    void anUnknownBaseIsAClearError() {
        assertThatThrownBy(() -> changes.changes(wt, "no-such-branch"))
                .isInstanceOf(GitException.class)
                .hasMessageContaining("base `no-such-branch` is not a commit in the repository of " + wt);
    }

    @Test
    void aBaseWithoutCommonHistoryIsAClearError() {
        fx.git.run(repo, "switch", "-q", "--orphan", "elsewhere");
        fx.commit(repo, "other.txt", "other\n", "Unrelated root");

        assertThatThrownBy(() -> changes.changes(wt, "elsewhere"))
                .isInstanceOf(GitException.class)
                .hasMessageContaining("share no history");
    }

    @Test
    void aDirectoryThatIsNoWorktreeIsAClearError() {
        Path plain = GitFixture.mkdirs(fx.root.resolve("plain"));

        assertThatThrownBy(() -> changes.changes(plain, base))
                .isInstanceOf(GitException.class)
                .hasMessageContaining(plain + " is not a git worktree");
    }

    @Test
    void fingerprintsTellAFileChangedAgainFromOneLeftAsItWas() throws IOException {
        GitFixture.write(wt.resolve("a.txt"), "first edit\n");
        fx.commit(wt, "committed.txt", "new\n", "Committed work");
        GitFixture.delete(wt.resolve("d.txt"));
        fx.git.run(wt, "mv", "e.txt", "e2.txt");

        ChangeSet first = changes.changes(wt, base);

        assertThat(first.fingerprints().keySet()).containsExactlyInAnyOrder("a.txt", "committed.txt", "e2.txt");
        assertThat(first.fingerprint("d.txt")).isNull();
        assertThat(first.fingerprint("e.txt")).isNull(); // the old side of a rename is gone
        assertThat(changes.changes(wt, base)).isEqualTo(first); // nothing changed, same answer

        fx.git.run(wt, "add", "a.txt");
        fx.git.run(wt, "commit", "-q", "-m", "Commit the edit");
        Files.setLastModifiedTime(wt.resolve("a.txt"), FileTime.from(Instant.parse("2001-01-01T00:00:00Z")));
        ChangeSet committed = changes.changes(wt, base);
        assertThat(committed.fingerprints()).isEqualTo(first.fingerprints()); // committing or touching is no change

        GitFixture.write(wt.resolve("a.txt"), "second edit\n");
        ChangeSet second = changes.changes(wt, base);
        assertThat(second.paths()).isEqualTo(first.paths());
        assertThat(second.fingerprint("a.txt")).isNotEqualTo(first.fingerprint("a.txt"));
        assertThat(second.fingerprint("committed.txt")).isEqualTo(first.fingerprint("committed.txt"));
    }

    @Test
    void fingerprintsOfLinksDirectoriesAndVanishedFiles() throws IOException {
        Path file = wt.resolve("x.txt");
        GitFixture.write(file, "x\n");
        Path link = Files.createSymbolicLink(wt.resolve("link"), Path.of("x.txt"));
        String ofFile = ContentFingerprint.of(file);

        assertThat(ContentFingerprint.of(link)).startsWith("link:").isNotEqualTo(ofFile);
        assertThat(ContentFingerprint.of(wt.resolve("nowhere"))).isEqualTo(ContentFingerprint.ABSENT);
        assertThat(ContentFingerprint.of(wt)).isEqualTo("directory");
        GitFixture.write(file, "y\n");
        assertThat(ContentFingerprint.of(file)).isNotEqualTo(ofFile).hasSize(20);
    }

    @Test
    void aChangeSetMadeWithoutFingerprintsHasNone() {
        ChangeSet set = new ChangeSet("b", "m", "h", List.of(ChangedPath.of("a", ADDED)));

        assertThat(set.fingerprints()).isEmpty();
        assertThat(set.fingerprint("a")).isNull();
    }

    @Test
    void parsesNameStatusWithRenamesCopiesAndTypeChanges() {
        String output = String.join(
                        "\0",
                        "M",
                        "b.txt",
                        "R087",
                        "old name.txt",
                        "new\nname.txt",
                        "C100",
                        "src.txt",
                        "copy.txt",
                        "T",
                        "link",
                        "D",
                        "a.txt",
                        "A",
                        "z.txt")
                + "\0";

        assertThat(WorktreeChanges.parseNameStatus(output))
                .containsExactly(
                        ChangedPath.of("a.txt", DELETED),
                        ChangedPath.of("b.txt", MODIFIED),
                        ChangedPath.of("copy.txt", ADDED),
                        ChangedPath.of("link", MODIFIED),
                        ChangedPath.renamed("old name.txt", "new\nname.txt"),
                        ChangedPath.of("z.txt", ADDED));
        assertThat(WorktreeChanges.parseNameStatus("")).isEmpty();
    }

    private static String lines(String prefix, int count) {
        return IntStream.rangeClosed(1, count).mapToObj(i -> prefix + i).collect(Collectors.joining("\n", "", "\n"));
    }

    private static void move(Path from, Path to) {
        try {
            Files.createDirectories(to.getParent());
            Files.move(from, to);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
