package dev.peersteam.overlap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PathPatternTest {
    @ParameterizedTest
    @CsvSource({
        "src/api/,          src/api/",
        "./src//api/,       src/api/",
        "'  a.txt ',        a.txt",
        "src/./x,           src/x",
        "**,                **",
        "dir/sub,           dir/sub",
    })
    void normalises(String raw, String normal) {
        assertThat(PathPattern.normalize(raw)).isEqualTo(normal);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/etc/passwd", "~/x", "C:\\x", "c:/x", "\\\\server\\share"})
    void refusesAbsolutePaths(String raw) {
        assertThatThrownBy(() -> PathPattern.parse(raw))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("absolute")
                .hasMessageContaining("relative to the repository");
    }

    @ParameterizedTest
    @ValueSource(strings = {"..", "../x", "src/../../x", "a/.."})
    void refusesDotDot(String raw) {
        assertThatThrownBy(() -> PathPattern.parse(raw)).hasMessageContaining("`..`");
    }

    @Test
    void refusesEmptyWholeRepositoryAndControlCharacters() {
        assertThatThrownBy(() -> PathPattern.parse(" ")).hasMessageContaining("empty");
        assertThatThrownBy(() -> PathPattern.parse(null)).hasMessageContaining("empty");
        assertThatThrownBy(() -> PathPattern.parse("./")).hasMessageContaining("whole repository");
        assertThatThrownBy(() -> PathPattern.parse("a\nb"))
                .hasMessageContaining("control characters")
                .hasMessageContaining("a\\u000ab");
    }

    @ParameterizedTest
    @CsvSource({
        "README.md,     README.md,          true",
        "README.md,     README.md.bak,      false",
        "src/api,       src/api,            true",
        "src/api,       src/api/x.ts,       true",
        "src/api,       src/apix/x.ts,      false",
        "src/api/,      src/api/x/y.ts,     true",
        "src/api/,      src/api,            false",
        "*.md,          README.md,          true",
        "*.md,          docs/a.md,          false",
        "**/*.md,       docs/a.md,          true",
        "**/*.md,       a.md,               true",
        "src/**/*.ts,   src/a.ts,           true",
        "src/**/*.ts,   src/x/y/b.ts,       true",
        "src/**/*.ts,   src/x/y/b.tsx,      false",
        "src/**/*.ts,   lib/a.ts,           false",
        "src/**,        src,                true",
        "src/**,        src/a/b,            true",
        "src/**,        srcx,               false",
        "src/*/,        src/a/b/c,          true",
        "src/*/,        src/a,              false",
        "a?c.txt,       abc.txt,            true",
        "a?c.txt,       a/c.txt,            false",
        "**,            anything/at/all,    true",
        "a/**/b,        a/b,                true",
        "a/**/b,        a/x/y/b,            true",
        "[x].txt,       [x].txt,            true",
        "[x].txt,       x.txt,              false",
    })
    void matches(String pattern, String path, boolean expected) {
        assertThat(PathPattern.parse(pattern).matches(path)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({
        "src/api/,       src/api/,          true",
        "src/api/,       src/api/x.ts,      true",
        "src/api,        src/api/x.ts,      true",
        "src/api/,       src/web/,          false",
        "src/api/x.ts,   src/api/y.ts,      false",
        "src/**/*.ts,    src/api/,          true",
        "src/**/*.ts,    src/api/x.ts,      true",
        "src/**/*.ts,    lib/,              false",
        "src/**/*.ts,    src/**/*.css,      false",
        "src/**/*.ts,    src/api/*.ts,      true",
        "src/**/*.ts,    src/api/*,         true",
        "**,             docs/x.md,         true",
        "src/api/*.ts,   src/,              true",
    })
    void mayOverlap(String a, String b, boolean expected) {
        assertThat(PathPattern.parse(a).mayOverlap(PathPattern.parse(b))).isEqualTo(expected);
        assertThat(PathPattern.parse(b).mayOverlap(PathPattern.parse(a))).isEqualTo(expected);
    }

    @Test
    void theFreezingClaimOfTheIssueIsRefusedWithAMessageTheModelCanActOn() {
        assertThatThrownBy(() -> PathPattern.parse("**?**?**?**?**?**?**?**?**?**?**?**?!"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("36 wildcard characters")
                .hasMessageContaining("at most 32")
                .hasMessageContaining("src/api/");
    }

    @Test
    void overLongPathsAndPatternsAreRefusedShowingOnlyTheirStart() {
        String longPath = "a/".repeat(600) + "x";
        assertThatThrownBy(() -> PathPattern.parse(longPath))
                .hasMessageContaining("1201 characters long")
                .hasMessageContaining("at most 1024")
                .satisfies(e -> assertThat(e.getMessage()).hasSizeLessThan(300));
        assertThatThrownBy(() -> PathPattern.normalize("x".repeat(5_000_000))).hasMessageContaining("at most 1024");
        assertThat(PathPattern.parse("a/".repeat(511) + "x").text()).hasSize(1023);
    }

    @Test
    void patternsAtTheBoundsMatchLongPathsInBoundedWork() {
        String hostile = "**?**?**?**?**?**?**?**?**?**?!"; // 30 wildcard characters: taken
        PathPattern pattern = PathPattern.parse(hostile);
        String path = "a".repeat(4096);
        Glob.Run run = pattern.run(path);
        assertThat(run.matched()).isFalse();
        assertThat(pattern.nodes()).isLessThanOrEqualTo(hostile.length() + 8);
        assertThat(run.steps()).isLessThanOrEqualTo(pattern.maxSteps(path));
        assertThat(pattern.matches("a".repeat(20) + "!")).isTrue();
    }

    @Test
    void doubleStarFolderPatternsThatUsedToBreakTheRegexWork() {
        assertThat(PathPattern.parse("**/**").matches("a/b")).isTrue();
        assertThat(PathPattern.parse("src/**/**").matches("src/a/b")).isTrue();
    }

    @Test
    void aSingleLeadingBackslashIsStillAbsolute() {
        assertThatThrownBy(() -> PathPattern.parse("\\x")).hasMessageContaining("absolute");
    }

    @Test
    void aPatternFullOfControlCharactersGetsAShortError() {
        // found by PathPatternFuzzTest: each NUL was echoed as six characters, a kilobyte of them as six
        String nuls = "a" + "\0".repeat(1000);
        assertThatThrownBy(() -> PathPattern.parse(nuls))
                .hasMessageContaining("control characters")
                .satisfies(e -> assertThat(e.getMessage()).hasSizeLessThan(300));
    }

    @ParameterizedTest
    @ValueSource(strings = {"C:\\", "/", "x/../", "~"})
    void everyErrorShowsOnlyTheStartOfALongPattern(String start) {
        // found by PathPatternFuzzTest: "is absolute" echoed the whole kilobyte
        assertThatThrownBy(() -> PathPattern.parse(start + "x".repeat(1000)))
                .isInstanceOf(IllegalArgumentException.class)
                .satisfies(e -> assertThat(e.getMessage()).hasSizeLessThan(300));
    }

    @ParameterizedTest
    @ValueSource(strings = {"./ /x", "x/ /", "./  /./x"})
    void aNormalFormNeverStartsOrEndsBlank(String raw) {
        // found by PathPatternFuzzTest: "./ /x" became " /x", which read again is the absolute "/x"
        assertThatThrownBy(() -> PathPattern.parse(raw)).hasMessageContaining("blank name");
    }

    @ParameterizedTest
    @ValueSource(strings = {"./~*x", ".//~", "./C:/x", "./C:/", "./\\\\server"})
    void aNormalFormNeverReadsAsAbsolute(String raw) {
        // found by PathPatternFuzzTest: "./~*x" became "~*x", which read again is refused as absolute
        assertThatThrownBy(() -> PathPattern.parse(raw)).hasMessageContaining("absolute");
    }
}
