package dev.peersteam.overlap;

import static dev.peersteam.git.ChangeKind.ADDED;
import static dev.peersteam.git.ChangeKind.DELETED;
import static dev.peersteam.git.ChangeKind.MODIFIED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.peersteam.git.ChangeSet;
import dev.peersteam.git.ChangedPath;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OverlapTrackerTest {
    private final OverlapTracker tracker = new OverlapTracker();

    /** A change set built by hand: path → fingerprint (content) per changed path. */
    private static final class Changes {
        private final List<ChangedPath> paths = new ArrayList<>();
        private final Map<String, String> fingerprints = new LinkedHashMap<>();

        Changes modified(String path, String content) {
            return add(ChangedPath.of(path, MODIFIED), content);
        }

        Changes added(String path, String content) {
            return add(ChangedPath.of(path, ADDED), content);
        }

        Changes deleted(String path) {
            paths.add(ChangedPath.of(path, DELETED));
            return this;
        }

        Changes renamed(String from, String to, String content) {
            return add(ChangedPath.renamed(from, to), content);
        }

        private Changes add(ChangedPath change, String content) {
            paths.add(change);
            fingerprints.put(change.path(), content);
            return this;
        }

        ChangeSet set() {
            return new ChangeSet("base", "base", "head", paths, fingerprints);
        }
    }

    private static Changes changes() {
        return new Changes();
    }

    @Test
    void twoRolesOnTheSameFileAreBothAlertedOnce() {
        assertThat(tracker.update(
                        "backend",
                        changes()
                                .modified("src/api.ts", "b1")
                                .added("b.txt", "x")
                                .set()))
                .isEmpty();

        List<OverlapAlert> alerts = tracker.update(
                "frontend",
                changes().modified("src/api.ts", "f1").added("f.txt", "y").set());

        assertThat(alerts)
                .containsExactly(new OverlapAlert(
                        "src/api.ts",
                        new OverlapAlert.Side("frontend", ChangedPath.of("src/api.ts", MODIFIED)),
                        new OverlapAlert.Side("backend", ChangedPath.of("src/api.ts", MODIFIED))));
        assertThat(alerts.getFirst().roles()).containsExactly("frontend", "backend");
        assertThat(alerts.getFirst().otherSide("backend").role()).isEqualTo("frontend");
        assertThat(alerts.getFirst().otherSide("frontend").role()).isEqualTo("backend");
    }

    @Test
    void anUnchangedOverlapIsNotReportedAgainByEitherSide() {
        tracker.update("backend", changes().modified("a.txt", "b1").set());
        assertThat(tracker.update("frontend", changes().modified("a.txt", "f1").set()))
                .hasSize(1);

        assertThat(tracker.update("frontend", changes().modified("a.txt", "f1").set()))
                .isEmpty();
        assertThat(tracker.update(
                        "backend",
                        changes().modified("a.txt", "b1").added("new.txt", "n").set()))
                .isEmpty();
    }

    @Test
    void anOverlapIsReportedAgainWhenEitherSideChangesThePathAgain() {
        tracker.update("backend", changes().modified("a.txt", "b1").set());
        tracker.update("frontend", changes().modified("a.txt", "f1").set());

        assertThat(tracker.update("backend", changes().modified("a.txt", "b2").set()))
                .extracting(
                        OverlapAlert::path,
                        a -> a.updated().role(),
                        a -> a.other().role())
                .containsExactly(org.assertj.core.groups.Tuple.tuple("a.txt", "backend", "frontend"));
        assertThat(tracker.update("backend", changes().modified("a.txt", "b2").set()))
                .isEmpty();
        assertThat(tracker.update("frontend", changes().deleted("a.txt").set())).hasSize(1);
    }

    @Test
    void anOverlapThatWentAwayIsReportedAfreshWhenItComesBack() {
        tracker.update("backend", changes().modified("a.txt", "b1").set());
        tracker.update("frontend", changes().modified("a.txt", "f1").set());

        assertThat(tracker.update("frontend", changes().set())).isEmpty(); // reverted
        assertThat(tracker.update("frontend", changes().modified("a.txt", "f1").set()))
                .hasSize(1);
    }

    @Test
    void withoutFingerprintsOnlyTheKindOfChangeCounts() {
        ChangeSet modified = new ChangeSet("b", "b", "h", List.of(ChangedPath.of("a.txt", MODIFIED)));
        tracker.update("backend", modified);
        assertThat(tracker.update("frontend", modified)).hasSize(1);
        assertThat(tracker.update("frontend", modified)).isEmpty();
        assertThat(tracker.update("frontend", new ChangeSet("b", "b", "h", List.of(ChangedPath.of("a.txt", DELETED)))))
                .hasSize(1);
    }

    @Test
    void threeRolesOnOneFileMakeThreePairs() {
        tracker.update("api", changes().modified("shared.ts", "a").set());
        assertThat(tracker.update("web", changes().modified("shared.ts", "w").set()))
                .extracting(a -> a.other().role())
                .containsExactly("api");

        List<OverlapAlert> third =
                tracker.update("qa", changes().modified("shared.ts", "q").set());

        assertThat(third)
                .extracting(a -> a.updated().role() + "+" + a.other().role())
                .containsExactly("qa+api", "qa+web");
        assertThat(tracker.update("api", changes().modified("shared.ts", "a").set()))
                .isEmpty();
        assertThat(tracker.update("api", changes().modified("shared.ts", "a2").set()))
                .extracting(a -> a.other().role())
                .containsExactly("qa", "web");
    }

    @Test
    void renamesCountWithBothNames() {
        tracker.update("backend", changes().renamed("old.txt", "new.txt", "r").set());

        assertThat(tracker.update("docs", changes().modified("old.txt", "d").set()))
                .singleElement()
                .satisfies(a -> {
                    assertThat(a.path()).isEqualTo("old.txt");
                    assertThat(a.other().change()).isEqualTo(ChangedPath.renamed("old.txt", "new.txt"));
                });
        assertThat(tracker.update("web", changes().added("new.txt", "w").set()))
                .extracting(OverlapAlert::path, a -> a.other().role())
                .containsExactly(org.assertj.core.groups.Tuple.tuple("new.txt", "backend"));
    }

    @Test
    void ignoredChangesAreNoRolesWork() {
        OverlapTracker withCopies = new OverlapTracker(CopiedFiles.of(List.of(".env", "config/local/"), List.of()));
        withCopies.update(
                "a",
                changes()
                        .added(".env", "same")
                        .added("config/local/x.yml", "x")
                        .modified("config/local/tracked.yml", "a")
                        .set());

        List<OverlapAlert> alerts = withCopies.update(
                "b",
                changes()
                        .added(".env", "same")
                        .added("config/local/x.yml", "x")
                        .modified("config/local/tracked.yml", "b")
                        .set());

        // additions of copied files are ignored; a change of a tracked file under a copied folder still counts
        assertThat(alerts).extracting(OverlapAlert::path).containsExactly("config/local/tracked.yml");
    }

    @Test
    void aRoleDoesNotOverlapWithItself() {
        ChangeSet set = changes().modified("a.txt", "1").set();
        assertThat(tracker.update("solo", set)).isEmpty();
        assertThat(tracker.update("solo", changes().modified("a.txt", "2").set()))
                .isEmpty();
        assertThat(tracker.lastChanges("solo"))
                .map(ChangeSet::paths)
                .contains(List.of(ChangedPath.of("a.txt", MODIFIED)));
        assertThat(tracker.lastChanges("nobody")).isEmpty();
    }

    @Test
    void forgettingARoleEndsItsOverlaps() {
        tracker.update("backend", changes().modified("a.txt", "b1").set());
        tracker.update("frontend", changes().modified("a.txt", "f1").set());

        tracker.forget("backend");

        assertThat(tracker.update("frontend", changes().modified("a.txt", "f2").set()))
                .isEmpty();
        assertThat(tracker.update("backend", changes().modified("a.txt", "b1").set()))
                .hasSize(1);
    }

    // ---- claims ----

    @Test
    void whoeverEditsAClaimedPathIsToldWhoClaimedItAndWhyOnce() {
        ClaimResult result = tracker.claim("backend", List.of("src/api/"), "reworking the auth endpoints");
        assertThat(result.claimed())
                .extracting(Claim::role, Claim::pattern, Claim::reason)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("backend", "src/api/", "reworking the auth endpoints"));

        ChangeSet edit = changes()
                .modified("src/api/users.ts", "1")
                .modified("src/web/page.ts", "p")
                .set();
        List<ClaimAlert> alerts = tracker.checkClaims("frontend", edit);

        assertThat(alerts).singleElement().satisfies(a -> {
            assertThat(a.editor()).isEqualTo("frontend");
            assertThat(a.path()).isEqualTo("src/api/users.ts");
            assertThat(a.claim().role()).isEqualTo("backend");
            assertThat(a.claim().reason()).isEqualTo("reworking the auth endpoints");
            assertThat(a.change()).isEqualTo(ChangedPath.of("src/api/users.ts", MODIFIED));
        });
        assertThat(tracker.checkClaims("frontend", edit)).isEmpty();
        assertThat(tracker.checkClaims(
                        "frontend", changes().modified("src/api/users.ts", "2").set()))
                .hasSize(1);
        assertThat(tracker.checkClaims("backend", edit))
                .as("the claimer's own edits")
                .isEmpty();
    }

    @Test
    void claimsCoverExactFilesFoldersAndGlobs() {
        tracker.claim("backend", List.of("README.md", "lib", "src/**/*.ts"), "mine");

        List<ClaimAlert> alerts = tracker.checkClaims(
                "qa",
                changes()
                        .modified("README.md", "r")
                        .modified("README.md.bak", "b")
                        .modified("lib/x/y.c", "l")
                        .modified("library.c", "l2")
                        .added("src/a.ts", "a")
                        .added("src/deep/er/b.ts", "b")
                        .added("src/c.tsx", "c")
                        .set());

        assertThat(alerts)
                .extracting(ClaimAlert::path, a -> a.claim().pattern())
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("README.md", "README.md"),
                        org.assertj.core.groups.Tuple.tuple("lib/x/y.c", "lib"),
                        org.assertj.core.groups.Tuple.tuple("src/a.ts", "src/**/*.ts"),
                        org.assertj.core.groups.Tuple.tuple("src/deep/er/b.ts", "src/**/*.ts"));
    }

    @Test
    void aRenameOutOfAClaimedFolderCountsAsEditingIt() {
        tracker.claim("backend", List.of("src/api/"), "");

        assertThat(tracker.checkClaims(
                        "web",
                        changes().renamed("src/api/x.ts", "src/web/x.ts", "x").set()))
                .extracting(ClaimAlert::path)
                .containsExactly("src/api/x.ts");
    }

    @Test
    void releasedClaimsNoLongerAlertAndReleasingWhatIsNotHeldIsSaid() {
        tracker.claim("backend", List.of("src/api/", "docs/"), "why");
        ReleaseResult result = tracker.release("backend", List.of("./src/api/", "nothing/"));

        assertThat(result.released()).extracting(Claim::pattern).containsExactly("src/api/");
        assertThat(result.notHeld()).containsExactly("nothing/");
        assertThat(tracker.claims()).extracting(Claim::pattern).containsExactly("docs/");
        assertThat(tracker.checkClaims(
                        "web", changes().modified("src/api/x.ts", "1").set()))
                .isEmpty();
        assertThat(tracker.release("web", List.of("docs/")).released())
                .as("only the claimer releases")
                .isEmpty();
    }

    @Test
    void claimingAgainReplacesTheReasonAndAlertsAnew() {
        tracker.claim("backend", List.of("src/api/"), "first");
        ChangeSet edit = changes().modified("src/api/x.ts", "1").set();
        assertThat(tracker.checkClaims("web", edit)).hasSize(1);

        tracker.claim("backend", List.of("src/api"), "second"); // another pattern: src/api covers the same
        tracker.claim("backend", List.of("src/api/"), "third");

        assertThat(tracker.claims())
                .extracting(Claim::pattern, Claim::reason)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("src/api", "second"),
                        org.assertj.core.groups.Tuple.tuple("src/api/", "third"));
        assertThat(tracker.checkClaims("web", edit))
                .extracting(a -> a.claim().reason())
                .containsExactly("second", "third");
        assertThat(tracker.releaseAll("backend").released()).hasSize(2);
        assertThat(tracker.claims()).isEmpty();
    }

    @Test
    void aClaimTellsTheClaimerAboutOthersClaimsAndChanges() {
        tracker.update(
                "web",
                changes()
                        .modified("src/api/client.ts", "w")
                        .modified("src/web/x.ts", "x")
                        .set());
        tracker.claim("web", List.of("src/**/*.ts"), "typescript cleanup");
        tracker.claim("docs", List.of("docs/"), "docs");

        ClaimResult result = tracker.claim("backend", List.of("src/api/"), "auth");

        assertThat(result.claimedByOthers()).extracting(Claim::role).containsExactly("web");
        assertThat(result.changedByOthers()).isEqualTo(Map.of("web", List.of("src/api/client.ts")));
    }

    @Test
    void badClaimPathsAreRefusedWithAReason() {
        assertThatThrownBy(() -> tracker.claim("a", List.of("/etc/passwd"), "")).hasMessageContaining("absolute");
        assertThatThrownBy(() -> tracker.claim("a", List.of("src/../../x"), "")).hasMessageContaining("..");
        assertThatThrownBy(() -> tracker.claim("a", List.of(), "")).hasMessageContaining("no paths");
        assertThat(tracker.claims()).isEmpty();
    }

    @Test
    void afterTurnGivesBothKindsOfAlerts() {
        tracker.claim("backend", List.of("src/api/"), "auth");
        tracker.update("backend", changes().modified("src/api/a.ts", "b").set());

        TurnAlerts alerts =
                tracker.afterTurn("web", changes().modified("src/api/a.ts", "w").set());

        assertThat(alerts.overlaps()).hasSize(1);
        assertThat(alerts.claims()).hasSize(1);
        assertThat(tracker.afterTurn(
                                "web", changes().modified("src/api/a.ts", "w").set())
                        .isEmpty())
                .isTrue();
    }

    @Test
    @org.junit.jupiter.api.Timeout(120) // a hang guard only; the bound is asserted on steps
    void replayingHostileClaimsAndMatchingThemAgainstLongPathsTakesBoundedWork() {
        List<String> hostile = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            hostile.add("**?".repeat(10).substring(i % 3) + "!" + i); // up to 30 wildcard characters, each different
        }
        hostile.forEach(pattern -> tracker.claim("alice", List.of(pattern), "replayed from the journal"));
        tracker.claim("carol", List.of("src/api/"), "a literal claim, which every glob is checked against");
        Changes changes = changes();
        List<String> paths = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            paths.add(("d" + i + "/").repeat(1400).substring(0, 3990) + "x" + i);
        }
        paths.forEach(path -> changes.modified(path, "v1"));

        long steps = 0;
        long bound = 0;
        for (String pattern : hostile) {
            PathPattern parsed = PathPattern.parse(pattern);
            for (String path : paths) {
                steps += parsed.run(path).steps();
                bound += parsed.maxSteps(path);
            }
        }
        assertThat(steps).isLessThanOrEqualTo(bound).isLessThan(20L * 20 * 2 * 40 * 4001);
        assertThat(tracker.afterTurn("bob", changes.set()).claims()).isEmpty();
    }
}
