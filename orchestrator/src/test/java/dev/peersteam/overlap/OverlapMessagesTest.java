package dev.peersteam.overlap;

import static dev.peersteam.git.ChangeKind.ADDED;
import static dev.peersteam.git.ChangeKind.DELETED;
import static dev.peersteam.git.ChangeKind.MODIFIED;
import static org.assertj.core.api.Assertions.assertThat;

import dev.peersteam.git.ChangedPath;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OverlapMessagesTest {
    private static final OverlapAlert API = new OverlapAlert(
            "src/api.ts",
            new OverlapAlert.Side("frontend", ChangedPath.of("src/api.ts", MODIFIED)),
            new OverlapAlert.Side("backend", ChangedPath.of("src/api.ts", DELETED)));

    @Test
    void aMessageNamesTheOtherRoleThePathTheirChangeAndWhatToDo() {
        assertThat(OverlapMessages.message(API, "frontend", "+0 -3 (deleted)\n@@ -1,3 +0,0 @@\n-a\n-b\n-c"))
                .isEqualTo("""
                        backend has also changed src/api.ts, which you changed too (backend deleted it; you modified \
                        it).
                        backend's change so far (against the team's base, committed or not):
                            +0 -3 (deleted)
                            @@ -1,3 +0,0 @@
                            -a
                            -b
                            -c
                        Talk to backend now with send_message: agree who owns src/api.ts, or who changes which part \
                        of it, before either of you changes it further, so that your branches merge cleanly. Whoever \
                        takes it can say so with claim_files.""");
        assertThat(OverlapMessages.message(API, "backend", ""))
                .startsWith(
                        "frontend has also changed src/api.ts, which you changed too (frontend modified it; you deleted it).\n"
                                + "Talk to frontend now");
    }

    @Test
    void renamesAreToldFromTheSideOfThePath() {
        OverlapAlert alert = new OverlapAlert(
                "old.txt",
                new OverlapAlert.Side("docs", ChangedPath.of("old.txt", MODIFIED)),
                new OverlapAlert.Side("backend", ChangedPath.renamed("old.txt", "new.txt")));
        OverlapAlert newSide = new OverlapAlert(
                "new.txt",
                new OverlapAlert.Side("web", ChangedPath.of("new.txt", ADDED)),
                new OverlapAlert.Side("backend", ChangedPath.renamed("old.txt", "new.txt")));

        assertThat(OverlapMessages.message(alert, "docs", null))
                .startsWith(
                        "backend has also changed old.txt, which you changed too (backend renamed it to new.txt; you "
                                + "modified it).");
        assertThat(OverlapMessages.logLine(newSide))
                .isEqualTo(
                        "overlap: web and backend both changed new.txt (web added it, backend renamed old.txt to it)");
    }

    @Test
    void messagesGoToBothRolesOfEachAlertOneMessagePerRole() {
        OverlapAlert other = new OverlapAlert(
                "b.ts",
                new OverlapAlert.Side("frontend", ChangedPath.of("b.ts", ADDED)),
                new OverlapAlert.Side("qa", ChangedPath.of("b.ts", ADDED)));
        List<String> asked = new ArrayList<>();

        Map<String, String> texts = OverlapMessages.messages(List.of(API, other), side -> {
            asked.add(side.role() + ":" + side.change().path());
            return "+1 -0";
        });

        assertThat(texts).containsOnlyKeys("frontend", "backend", "qa");
        assertThat(texts.get("backend")).isEqualTo(OverlapMessages.message(API, "backend", "+1 -0"));
        assertThat(texts.get("frontend")).isEqualTo("""
                Other roles have changed files you changed too (against the team's base, committed or not):
                - src/api.ts: backend deleted it; you modified it.
                  backend's change so far:
                      +1 -0
                - b.ts: qa added it; you added it.
                  qa's change so far:
                      +1 -0
                Talk to backend and qa now with send_message: agree who owns each of these files, or who changes \
                which part, before either of you changes them further, so that your branches merge cleanly. \
                Whoever takes a file can say so with claim_files.""");
        assertThat(asked)
                .containsExactlyInAnyOrder("backend:src/api.ts", "frontend:src/api.ts", "qa:b.ts", "frontend:b.ts");
    }

    @Test
    void manyOverlapsQuoteOnlyTheFirstFewSummaries() {
        List<OverlapAlert> alerts = new ArrayList<>();
        for (int i = 1; i <= OverlapMessages.MAX_DETAILED + 2; i++) {
            alerts.add(new OverlapAlert(
                    "f" + i,
                    new OverlapAlert.Side("a", ChangedPath.of("f" + i, MODIFIED)),
                    new OverlapAlert.Side("b", ChangedPath.of("f" + i, MODIFIED))));
        }
        int[] summaries = {0};

        String text = OverlapMessages.messages(alerts, side -> "+" + ++summaries[0] + " -0")
                .get("a");

        assertThat(text)
                .contains("- f5: b modified it")
                .contains("- and 2 more files changed by b too: f6, f7\n")
                .doesNotContain("- f6:");
        assertThat(summaries[0]).isEqualTo(2 * OverlapMessages.MAX_DETAILED);
    }

    @Test
    void claimTexts() {
        Claim claim = new Claim(1, "backend", "src/api/", " reworking auth ");
        ClaimAlert alert = new ClaimAlert(claim, "web", "src/api/x.ts", ChangedPath.of("src/api/x.ts", MODIFIED));

        assertThat(OverlapMessages.message(alert))
                .isEqualTo("You changed src/api/x.ts, which backend has claimed "
                        + "(src/api/: \"reworking auth\"). Claims are advisory and nothing is locked, but backend is working "
                        + "there: talk to backend with send_message before you change it further. Agree who makes this "
                        + "change, or leave it until backend releases the claim (release_files).");
        assertThat(OverlapMessages.noticeToClaimer(alert))
                .isEqualTo("web changed src/api/x.ts, which you claimed "
                        + "(src/api/: \"reworking auth\"); web has been told. If you need to agree who changes it, talk to "
                        + "web with send_message. Call release_files when you are done with it.");
        assertThat(OverlapMessages.logLine(alert))
                .isEqualTo("claim: web changed src/api/x.ts, claimed by backend (src/api/: \"reworking auth\")");
    }

    @Test
    void claimAndReleaseResults() {
        ClaimResult plain = new ClaimResult(
                List.of(new Claim(3, "backend", "src/api/", "auth"), new Claim(4, "backend", "docs/api.md", "auth")),
                List.of(),
                Map.of());
        assertThat(OverlapMessages.describe(plain)).isEqualTo("""
                Claimed src/api/, docs/api.md ("auth"). Claims are advisory: nothing is locked, but whoever else \
                changes these paths is told that you claimed them and why.
                Call release_files with the same paths when you are done.""");

        ClaimResult busy = new ClaimResult(
                List.of(new Claim(5, "backend", "src/api/", "")),
                List.of(new Claim(1, "web", "src/**/*.ts", "cleanup")),
                Map.of("web", List.of("src/api/client.ts", "src/api/x.ts")));
        assertThat(OverlapMessages.describe(busy)).isEqualTo("""
                Claimed src/api/. Claims are advisory: nothing is locked, but whoever else changes these paths is \
                told that you claimed them and why.
                Also claimed by others: web (src/**/*.ts: "cleanup"). Agree with them who does what (send_message).
                Already changed by others: web: src/api/client.ts, src/api/x.ts. Talk to them (send_message) before \
                you change these.
                Call release_files with the same paths when you are done.""");

        assertThat(OverlapMessages.describe(
                        new ReleaseResult(List.of(new Claim(5, "backend", "src/api/", "")), List.of("nothing/"))))
                .isEqualTo("Released src/api/. You held no claim on nothing/ (release_files "
                        + "takes the paths exactly as you claimed them).");
    }
}
