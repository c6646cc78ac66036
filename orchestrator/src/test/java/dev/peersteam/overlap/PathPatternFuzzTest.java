package dev.peersteam.overlap;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Timeout;

/**
 * Claimed patterns from a model: parsing refuses with {@link IllegalArgumentException} only; a match never takes more
 * than {@link PathPattern#maxSteps} steps; and on short inputs it agrees with the regular expressions it replaced
 * ({@link RegexGlob}). An input is a pattern, a newline, and a path.
 */
class PathPatternFuzzTest {
    @FuzzTest
    @Timeout(10)
    void patternsAreRefusedOrMatchLikeTheReferenceInBoundedSteps(byte[] input) {
        String text = new String(input, StandardCharsets.UTF_8);
        int cut = text.indexOf('\n');
        String raw = cut < 0 ? text : text.substring(0, cut);
        String path = cut < 0 ? "" : text.substring(cut + 1);
        PathPattern pattern;
        try {
            pattern = PathPattern.parse(raw);
        } catch (IllegalArgumentException refused) {
            assertThat(refused.getMessage()).isNotBlank().hasSizeLessThan(400);
            return;
        }
        assertThat(pattern.text().length()).isLessThanOrEqualTo(PathPattern.MAX_LENGTH);
        assertThat(PathPattern.parse(pattern.text()))
                .as("normal form is stable")
                .isEqualTo(pattern);

        Glob.Run run = pattern.run(path);
        assertThat(run.matched()).isEqualTo(pattern.matches(path));
        assertThat(run.steps()).isLessThanOrEqualTo(pattern.maxSteps(path));
        assertThat(pattern.mayOverlap(pattern)).isTrue();

        boolean small = Glob.wildcards(pattern.text()) <= 6 && path.length() <= 16;
        boolean bmp = (pattern.text() + path).chars().noneMatch(c -> Character.isSurrogate((char) c));
        if (small && bmp) {
            assertThat(pattern.matches(path))
                    .as("%s on %s", pattern.text(), path)
                    .isEqualTo(reference(pattern.text(), path));
        }
    }

    private static boolean reference(String text, String path) {
        if (!Glob.hasWildcards(text)) {
            return text.endsWith("/") ? path.startsWith(text) : path.equals(text) || path.startsWith(text + "/");
        }
        return text.endsWith("/")
                ? RegexGlob.of(text.substring(0, text.length() - 1), Glob.Prefix.ANCHORED, Glob.Suffix.BELOW)
                        .matcher(path)
                        .matches()
                : RegexGlob.of(text, Glob.Prefix.ANCHORED, Glob.Suffix.EXACT)
                        .matcher(path)
                        .matches();
    }
}
