package dev.peersteam.overlap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.peersteam.git.Git;
import dev.peersteam.git.WorktreeChanges;
import dev.peersteam.testing.TestRepos;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The tracker fed by real worktrees, the way the coordinator will after each turn. */
class OverlapWithGitTest {
    @TempDir
    Path tmp;

    Path repo;
    String base;
    Path backend;
    Path frontend;
    final WorktreeChanges changes = new WorktreeChanges(new Git());

    @BeforeEach
    void setUp() throws Exception {
        repo = TestRepos.init(tmp.resolve("repo"));
        Files.writeString(repo.resolve("api.ts"), "one\ntwo\nthree\n");
        TestRepos.git(repo, "add", "api.ts");
        TestRepos.git(repo, "commit", "-q", "-m", "api");
        base = TestRepos.git(repo, "rev-parse", "HEAD").strip();
        backend = worktree("backend");
        frontend = worktree("frontend");
        for (Path wt : List.of(backend, frontend)) {
            Files.writeString(wt.resolve(".env"), "SECRET=1\n"); // what `copy: [.env]` does
        }
    }

    private Path worktree(String role) throws Exception {
        Path path = tmp.resolve("worktrees").resolve(role);
        TestRepos.git(repo, "worktree", "add", "-q", "-b", "peers/" + role, path.toString(), base);
        return path;
    }

    @Test
    void twoRolesEditingOneFileAreEachToldAboutTheOtherOnceUntilItChangesAgain() throws Exception {
        OverlapTracker tracker = new OverlapTracker(CopiedFiles.of(List.of(".env"), List.of()));
        Files.writeString(backend.resolve("api.ts"), "one\nTWO (backend)\nthree\n");
        TestRepos.git(backend, "commit", "-q", "-am", "backend work");
        assertThat(tracker.update("backend", changes.changes(backend, base))).isEmpty();

        Files.writeString(frontend.resolve("api.ts"), "one\ntwo\nthree\nfour (frontend)\n"); // uncommitted
        List<OverlapAlert> alerts = tracker.update("frontend", changes.changes(frontend, base));

        assertThat(alerts).extracting(OverlapAlert::path).containsExactly("api.ts"); // not .env
        Map<String, Path> worktrees = Map.of("backend", backend, "frontend", frontend);
        Map<String, String> texts = OverlapMessages.messages(
                alerts,
                side -> changes.summary(
                        worktrees.get(side.role()), base, side.change(), OverlapMessages.SUMMARY_LINES));
        assertThat(texts.get("frontend"))
                .startsWith("backend has also changed api.ts, which you changed too "
                        + "(backend modified it; you modified it).\nbackend's change so far (against the team's base, "
                        + "committed or not):\n    +1 -1\n")
                .contains("+TWO (backend)");
        assertThat(texts.get("backend"))
                .startsWith("frontend has also changed api.ts")
                .contains("+four (frontend)");

        assertThat(tracker.update("frontend", changes.changes(frontend, base))).isEmpty();
        TestRepos.git(frontend, "commit", "-q", "-am", "commit it, same content");
        assertThat(tracker.update("frontend", changes.changes(frontend, base))).isEmpty();
        assertThat(tracker.update("backend", changes.changes(backend, base))).isEmpty();

        Files.writeString(backend.resolve("api.ts"), "one\nTWO (backend, again)\nthree\n");
        assertThat(tracker.update("backend", changes.changes(backend, base))).hasSize(1);
    }
}
