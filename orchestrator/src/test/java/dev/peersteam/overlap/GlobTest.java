package dev.peersteam.overlap;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class GlobTest {
    private static final String PATTERN_ALPHABET = "ab/*?.";
    private static final String PATH_ALPHABET = "ab/.";

    @Test
    void agreesWithTheRegexReferenceOnEveryShortInput() {
        Random random = new Random(11);
        int compared = 0;
        for (int round = 0; round < 4_000; round++) {
            String glob = word(random, PATTERN_ALPHABET, 1 + random.nextInt(7));
            for (Glob.Prefix prefix : Glob.Prefix.values()) {
                for (Glob.Suffix suffix : Glob.Suffix.values()) {
                    Glob mine = Glob.compile(glob, prefix, suffix);
                    Pattern reference = RegexGlob.of(glob, prefix, suffix);
                    for (int p = 0; p < 12; p++) {
                        String path = word(random, PATH_ALPHABET, random.nextInt(9));
                        assertThat(mine.matches(path))
                                .as("%s %s %s on %s", glob, prefix, suffix, path)
                                .isEqualTo(reference.matcher(path).matches());
                        compared++;
                    }
                }
            }
        }
        assertThat(compared).isEqualTo(4_000 * 2 * 3 * 12);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "**?**?**?**?**?**?**?**?**?**?**?**?!",
                "*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*b",
                "**/**/**/**/**/**/**/**/**/**/**/x",
                "?????????????????????????????????????!",
                "a**a**a**a**a**a**a**a**a**a**a**a**a**b",
            })
    void hostilePatternsTakeAtMostNodesTimesPathLengthSteps(String hostile) {
        Glob glob = Glob.compile(hostile, Glob.Prefix.ANY_FOLDERS, Glob.Suffix.OR_BELOW);
        assertThat(glob.nodes()).isLessThanOrEqualTo(hostile.length() + 8);
        for (String path : new String[] {"a".repeat(4096), "a/".repeat(2048), "aaaa/".repeat(800) + "c"}) {
            Glob.Run run = glob.run(path);
            assertThat(run.matched()).isFalse();
            assertThat(run.steps()).isLessThanOrEqualTo(glob.maxSteps(path));
        }
    }

    @Test
    void aMatchOnAHugePathStaysLinear() {
        Glob glob = Glob.compile("**?**?**?**?**?**?**?**?**?**?**?**?!", Glob.Prefix.ANCHORED, Glob.Suffix.EXACT);
        String path = "x".repeat(1_000_000);
        Glob.Run run = glob.run(path);
        assertThat(run.matched()).isFalse();
        assertThat(run.steps()).isLessThanOrEqualTo(glob.maxSteps(path));
        assertThat(glob.run(path + "!").matched()).isTrue();
    }

    @Test
    void wildcardsAreCodePoints() {
        Glob glob = Glob.compile("?.txt", Glob.Prefix.ANCHORED, Glob.Suffix.EXACT);
        assertThat(glob.matches("🎉.txt")).isTrue();
        assertThat(glob.matches("ab.txt")).isFalse();
    }

    @Test
    void doubleStarsThatFollowAFolderGroupStayTheirOwn() {
        Glob glob = Glob.compile("**/**", Glob.Prefix.ANCHORED, Glob.Suffix.EXACT);
        assertThat(glob.matches("a")).isTrue();
        assertThat(glob.matches("a/b/c")).isTrue();
        assertThat(glob.matches("")).isTrue();
    }

    private static String word(Random random, String alphabet, int length) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < length; i++) {
            out.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return out.toString();
    }
}
