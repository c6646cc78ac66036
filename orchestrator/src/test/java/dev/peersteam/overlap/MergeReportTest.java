package dev.peersteam.overlap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.peersteam.git.MergeResult;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class MergeReportTest {
    @Test
    void mergedAndUpToDateAreOk() {
        assertThat(MergeReport.of("qa", "peers/qa", "main", new MergeResult.Merged("0123456789abcdef0123", true, 1)))
                .isEqualTo(new MergeReport(
                        true, "Merged peers/qa into main: fast-forward to 0123456789ab (1 file " + "changed)."));
        assertThat(MergeReport.of("qa", "peers/qa", "main", new MergeResult.Merged("abc", false, 3))
                        .text())
                .isEqualTo("Merged peers/qa into main: merge commit abc (3 files changed).");
        assertThat(MergeReport.of("qa", "peers/qa", "main", new MergeResult.UpToDate()))
                .isEqualTo(new MergeReport(true, "main already has every commit of peers/qa; nothing to merge."));
    }

    @Test
    void conflictsListThePathsAndSayTheTargetIsAsItWas() {
        MergeReport report =
                MergeReport.of("qa", "peers/qa", "main", new MergeResult.Conflicts(List.of("a.txt", "b/c.txt")));

        assertThat(report.ok()).isFalse();
        assertThat(report.text()).isEqualTo("""
                Cannot merge peers/qa into main: 2 paths conflict:
                  a.txt
                  b/c.txt
                main was left as it was (no commit, no file changed). Ask qa to merge main into peers/qa and \
                resolve the conflicts there, or merge by hand (git merge peers/qa in a checkout of main), then \
                merge again.""");
    }

    @Test
    void aDirtyTargetIsRefusedWithItsPaths() {
        MergeReport report = MergeReport.of("qa", "peers/qa", "main", new MergeResult.RefusedDirty(List.of("x")));

        assertThat(report.ok()).isFalse();
        assertThat(report.text()).isEqualTo("""
                Cannot merge peers/qa into main: the checkout of main has uncommitted changes (or untracked files \
                the merge would overwrite):
                  x
                Nothing was changed. Commit or stash them there, then merge again.""");
    }

    @Test
    void longListsAreCut() {
        List<String> many = IntStream.rangeClosed(1, MergeReport.MAX_PATHS + 3)
                .mapToObj(i -> "f" + i)
                .toList();

        assertThat(MergeReport.of("qa", "peers/qa", "main", new MergeResult.Conflicts(many))
                        .text())
                .contains("  f20\n  … and 3 more\n")
                .doesNotContain("f21");
    }

    @Test
    void uncommittedWorkIsAWarningWithAdviceForThePersonOrTheLead() {
        assertThat(MergeReport.uncommittedWarning("qa", List.of("a.txt"), true)).isEqualTo("""
                Warning: qa has uncommitted work that a merge does not take (only committed work is merged):
                  a.txt
                Ask qa to commit it, or stop the team with `peers-team down`, which saves it as WIP commits on its \
                branch; then merge again.""");
        assertThat(MergeReport.uncommittedWarning("qa", List.of("a.txt"), false))
                .endsWith("Ask qa to commit it (send_message), then merge again.");
    }
}
