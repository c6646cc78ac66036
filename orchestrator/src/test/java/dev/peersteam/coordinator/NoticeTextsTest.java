package dev.peersteam.coordinator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.peersteam.git.CommitInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WatchMessagesTest {
    private static CommitInfo commit(String sha, String patch) {
        return new CommitInfo(
                sha,
                "Subject " + sha,
                "",
                false,
                List.of("f.txt"),
                " f.txt | 1 +\n 1 file changed, 1 insertion(+)",
                patch,
                patch == null ? 0 : patch.length());
    }

    @Test
    void aLongBurstListsTheNewestCommitsAndCountsTheOlderOnes() {
        List<CommitInfo> many = new ArrayList<>();
        for (int i = 1; i <= NoticeTexts.MAX_COMMITS + 5; i++) {
            many.add(commit("c" + i, "+" + i + "\n"));
        }
        String text = NoticeTexts.commits(List.of(
                new NoticeTexts.CommitBatch("api", 30, many.subList(0, 10)),
                new NoticeTexts.CommitBatch("api", 15, many.subList(10, many.size()))));
        assertThat(text)
                .startsWith("45 new commits by api on peers/api (the 20 newest below; see the 25 before"
                        + " them with `git log peers/api`):");
        assertThat(text).doesNotContain("commit c5:").contains("commit c6:").contains("commit c25:");
    }

    @Test
    void aMergeAndABodyAreShown() {
        CommitInfo merge = new CommitInfo(
                "m1", "Merge main", "Brings the new login.\nSecond line.", true, List.of("a"), "", "+x\n", 3);
        assertThat(NoticeTexts.commits(List.of(new NoticeTexts.CommitBatch("web", 1, List.of(merge)))))
                .contains(
                        "commit m1 (merge): Merge main\n    Brings the new login.\n    Second line.\n```diff\n+x\n```");
    }

    @Test
    void aLongStatKeepsItsFirstLinesAndItsSummary() {
        StringBuilder stat = new StringBuilder();
        for (int i = 0; i < 40; i++) {
            stat.append(" file").append(i).append(" | 1 +\n");
        }
        stat.append(" 40 files changed, 40 insertions(+)\n create mode 100644 file1\n");
        String bounded = NoticeTexts.boundedStat(stat.toString());
        assertThat(bounded.lines()).hasSize(NoticeTexts.STAT_LINES + 2);
        assertThat(bounded)
                .contains(" file24 |")
                .doesNotContain(" file25 |")
                .contains(" ... 16 more lines")
                .endsWith(" 40 files changed, 40 insertions(+)\n");
    }

    @Test
    void sharedChangesAndTrespassesNameFilesOwnersAndWhatToDo() {
        CommitInfo c = commit("k1", null);
        String changes = NoticeTexts.sharedChanges(List.of(
                new NoticeTexts.SharedChange("backend", c, Map.of("api/openapi.yaml", List.of("backend")), null)));
        assertThat(changes)
                .contains("(diff not included: too long for this message; see it with `git show k1 --"
                        + " api/openapi.yaml`)");
        String trespass = NoticeTexts.trespass(
                List.of(
                        new NoticeTexts.Trespass("api/openapi.yaml", List.of("backend")),
                        new NoticeTexts.Trespass("db/schema.sql", List.of("backend", "data"))),
                "0123456789abcdef");
        assertThat(trespass)
                .startsWith("You changed api/openapi.yaml, a shared file owned by backend; and "
                        + "db/schema.sql, a shared file owned by backend and data.")
                .contains("`git checkout 0123456789 -- api/openapi.yaml db/schema.sql`")
                .endsWith("propose the change to backend and data with send_message instead.");
    }
}
