package dev.peersteam.git;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BranchLogTest {
    @TempDir
    Path temp;

    private GitFixture fx;
    private Path repo;
    private String base;
    private Path wt;
    private BranchLog log;

    @BeforeEach
    void setUp() {
        fx = new GitFixture(temp);
        repo = fx.repo("repo");
        base = fx.head(repo);
        wt = fx.worktree(repo, "builder");
        log = new BranchLog(fx.git);
    }

    @Test
    void aBranchWithoutNewCommitsHasNone() {
        assertThat(log.head(repo, "peers/builder")).isEqualTo(base);
        NewCommits none = log.since(repo, "peers/builder", base, base, 10, 1000);
        assertThat(none.isEmpty()).isTrue();
        assertThat(none.head()).isEqualTo(base);
        assertThat(log.since(repo, "peers/builder", null, base, 10, 1000).isEmpty())
                .as("from the fork point")
                .isTrue();
        assertThat(log.head(repo, "peers/nobody")).isNull();
        assertThat(log.since(repo, "peers/nobody", null, base, 10, 1000)).isEqualTo(NewCommits.none(null));
    }

    @Test
    void newCommitsComeOldestFirstWithMessageStatPathsAndPatch() {
        String first = fx.commit(wt, "src/a.txt", "alpha\n", "Add a\n\nBecause we need it.");
        fx.git.run(wt, "mv", "src/a.txt", "src/b.txt");
        fx.git.run(wt, "commit", "-q", "-m", "Rename a to b");
        String second = fx.head(wt);

        NewCommits news = log.since(repo, "peers/builder", base, base, 10, 10_000);
        assertThat(news.head()).isEqualTo(second);
        assertThat(news.total()).isEqualTo(2);
        assertThat(news.commits()).extracting(CommitInfo::sha).containsExactly(first, second);
        CommitInfo a = news.commits().getFirst();
        assertThat(a.subject()).isEqualTo("Add a");
        assertThat(a.body()).isEqualTo("Because we need it.");
        assertThat(a.merge()).isFalse();
        assertThat(a.paths()).containsExactly("src/a.txt");
        assertThat(a.stat()).contains("src/a.txt").doesNotStartWith("\n");
        assertThat(a.statSummary()).isEqualTo("1 file changed, 1 insertion(+)");
        assertThat(a.patch()).contains("diff --git a/src/a.txt b/src/a.txt").contains("+alpha");
        assertThat(a.patchLength()).isEqualTo(a.patch().length());
        assertThat(news.commits().get(1).paths()).containsExactly("src/a.txt", "src/b.txt");
        assertThat(news.commits().get(1).body()).isEmpty();

        NewCommits after = log.since(repo, "peers/builder", first, base, 10, 10_000);
        assertThat(after.commits()).extracting(CommitInfo::sha).containsExactly(second);
    }

    @Test
    void aPatchOverTheLimitIsLeftOutButItsLengthAndStatAreKept() {
        fx.commit(wt, "big.txt", "x".repeat(5000) + "\n", "Big");
        CommitInfo big =
                log.since(repo, "peers/builder", base, base, 10, 1000).commits().getFirst();
        assertThat(big.patch()).isNull();
        assertThat(big.patchLength()).isGreaterThan(5000);
        assertThat(big.stat()).contains("big.txt");
    }

    @Test
    void onlyTheNewestCommitsAreReadButAllAreCounted() {
        for (int i = 1; i <= 5; i++) {
            fx.commit(wt, "f.txt", "v" + i + "\n", "Step " + i);
        }
        NewCommits news = log.since(repo, "peers/builder", null, base, 2, 10_000);
        assertThat(news.total()).isEqualTo(5);
        assertThat(news.commits()).extracting(CommitInfo::subject).containsExactly("Step 4", "Step 5");
    }

    @Test
    void aCommitThatNoLongerExistsCountsFromTheForkPoint() {
        fx.commit(wt, "f.txt", "one\n", "One");
        NewCommits news =
                log.since(repo, "peers/builder", "0123456789abcdef0123456789abcdef01234567", base, 10, 10_000);
        assertThat(news.commits()).extracting(CommitInfo::subject).containsExactly("One");
    }

    @Test
    void theCommitsPatchCanBeLimitedToSomePaths() {
        fx.write(wt.resolve("api/openapi.yaml"), "openapi: 3.1.0\n");
        fx.write(wt.resolve("src/server.py"), "print('hi')\n");
        fx.git.run(wt, "add", "-A");
        fx.git.run(wt, "commit", "-q", "-m", "Contract and server");
        String sha = fx.head(wt);
        String patch = log.patch(repo, sha, List.of("api/openapi.yaml"), 10_000);
        assertThat(patch).contains("+openapi: 3.1.0").doesNotContain("server.py");
        assertThat(log.patch(repo, sha, List.of("api/openapi.yaml"), 10)).isNull();
        assertThat(log.patch(repo, sha, List.of("README.md"), 10_000)).isEmpty();
    }

    @Test
    void aMergeIsShownAgainstItsFirstParent() {
        fx.commit(repo, "main.txt", "on main\n", "Main moves");
        fx.commit(wt, "mine.txt", "mine\n", "Mine");
        String seen = fx.head(wt);
        fx.git.run(wt, "merge", "-q", "--no-edit", "main");
        NewCommits news = log.since(repo, "peers/builder", seen, base, 10, 10_000);
        assertThat(news.commits()).singleElement().satisfies(c -> {
            assertThat(c.merge()).isTrue();
            assertThat(c.paths()).containsExactly("main.txt");
            assertThat(c.patch()).contains("+on main");
        });
    }

    @Test
    void aFileTakenOverFromAnotherBranchIsTheSameAsOnThatBranch() {
        Path other = fx.worktree(repo, "backend");
        fx.commit(other, "api/openapi.yaml", "openapi: 3.1.0\n", "Contract");
        assertThat(log.sameAsOnBranch(wt, "api/openapi.yaml", "peers/backend"))
                .as("absent here")
                .isFalse();
        fx.git.run(wt, "merge", "-q", "--no-edit", "peers/backend");
        assertThat(log.sameAsOnBranch(wt, "api/openapi.yaml", "peers/backend")).isTrue();
        fx.write(wt.resolve("api/openapi.yaml"), "openapi: 3.1.0\npaths: {}\n");
        assertThat(log.sameAsOnBranch(wt, "api/openapi.yaml", "peers/backend"))
                .as("changed after")
                .isFalse();
        assertThat(log.sameAsOnBranch(wt, "nowhere.txt", "peers/backend"))
                .as("absent from both")
                .isTrue();
    }

    @Test
    void theBranchStateCountsCommitsAndStatsThemAgainstTheBase() {
        fx.commit(repo, "main.txt", "on main\n", "Main moves"); // not the role's
        fx.commit(wt, "a.txt", "a\n", "A");
        fx.commit(wt, "b.txt", "b\n", "B");
        BranchState state = log.state(repo, "peers/builder", fx.head(repo));
        assertThat(state.head()).isEqualTo(fx.head(wt));
        assertThat(state.ahead()).isEqualTo(2);
        assertThat(state.stat())
                .contains("a.txt")
                .contains("b.txt")
                .doesNotContain("main.txt")
                .contains("2 files changed");
        assertThat(state.shortHead()).hasSize(10);
        assertThat(log.state(repo, "peers/nobody", base).head()).isNull();
    }
}
