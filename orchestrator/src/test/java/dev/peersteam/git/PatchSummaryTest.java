package dev.peersteam.git;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PatchSummaryTest {
    @Test
    void countsOnlyHunkLinesSoContentThatLooksLikeAHeaderIsCounted() {
        String patch = """
                diff --git a/notes.md b/notes.md
                index 1111111..2222222 100644
                --- a/notes.md
                +++ b/notes.md
                @@ -1,2 +1,2 @@
                --- a removed line that starts with two dashes
                +++ an added line that starts with two pluses
                 unchanged
                """;

        assertThat(PatchSummary.of(patch, 10)).isEqualTo("""
                +1 -1
                @@ -1,2 +1,2 @@
                --- a removed line that starts with two dashes
                +++ an added line that starts with two pluses
                 unchanged""");
    }

    @Test
    void aBinaryFileIsSaidToBeOne() {
        String patch = """
                diff --git a/logo.png b/logo.png
                new file mode 100644
                index 0000000..3333333
                Binary files /dev/null and b/logo.png differ
                """;

        assertThat(PatchSummary.of(patch, 10)).isEqualTo("+0 -0 (new file, binary)");
    }

    @Test
    void longLinesAreCutWithoutSplittingACharacter() {
        String longLine = "+" + "x".repeat(PatchSummary.MAX_LINE_LENGTH - 2) + "😀" + "tail";
        String patch = "diff --git a/min.js b/min.js\n--- a/min.js\n+++ b/min.js\n@@ -0,0 +1 @@\n" + longLine + "\n";

        String cut = PatchSummary.of(patch, 10).lines().toList().getLast();

        assertThat(cut).isEqualTo("+" + "x".repeat(PatchSummary.MAX_LINE_LENGTH - 2) + "…");
    }

    @Test
    void anEmptyPatchIsNoChangeAndANegativeBoundKeepsOnlyTheCounts() {
        assertThat(PatchSummary.of("", 5)).isEqualTo("no changes");
        assertThat(PatchSummary.of("diff --git a/x b/x\n@@ -1 +1 @@\n-a\n+b\n", -1))
                .isEqualTo("+1 -1\n… 3 more lines");
        assertThat(PatchSummary.of("diff --git a/x b/x\n@@ -1 +1 @@\n-a\n+b\n", 2))
                .isEqualTo("+1 -1\n@@ -1 +1 @@\n-a\n… 1 more line");
    }
}
