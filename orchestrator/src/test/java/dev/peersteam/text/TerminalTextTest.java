package dev.peersteam.text;

import static org.assertj.core.api.Assertions.assertThat;

import dev.peersteam.text.HostileStrings.Hostile;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class TerminalTextTest {
    static List<Hostile> hostile() {
        return HostileStrings.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostile")
    void everyHostileStringIsShownAsEscapesOnOneLine(Hostile hostile) {
        String line = TerminalText.line(hostile.text());
        HostileStrings.assertInert(line, "");
        assertThat(line).contains(hostile.shows()).doesNotContain("\n");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostile")
    void everyHostileStringIsShownAsEscapesInLines(Hostile hostile) {
        HostileStrings.assertShown(TerminalText.lines(hostile.text()), hostile, false);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostile")
    void sanitizingTwiceChangesNothing(Hostile hostile) {
        String once = TerminalText.line(hostile.text());
        assertThat(TerminalText.line(once)).isEqualTo(once);
        String lines = TerminalText.lines(hostile.text());
        assertThat(TerminalText.lines(lines)).isEqualTo(lines);
    }

    @Test
    void plainTextIsTheSameString() {
        String text = "backend    uses Write(src/Login.java) — ünïcödé, 日本語, emoji 🎉, tab-free";
        assertThat(TerminalText.line(text)).isSameAs(text);
        assertThat(TerminalText.lines("two\nlines\twith a tab")).isEqualTo("two\nlines\twith a tab");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "a\\nb        | a\\x0ab",
                "a\\tb        | a\\x09b",
                "a\\r\\nb     | a\\x0d\\x0ab",
            })
    void oneLineEscapesLineBreaksAndTabs(String escapedInput, String expected) {
        String input = escapedInput.replace("\\n", "\n").replace("\\t", "\t").replace("\\r", "\r");
        assertThat(TerminalText.line(input)).isEqualTo(expected);
    }

    @Test
    void linesKeepNewlinesAndTabsTurnWindowsLineEndsIntoNewlinesAndEscapeLoneCarriageReturns() {
        assertThat(TerminalText.lines("a\r\nb\rc\n\r")).isEqualTo("a\nb\\x0dc\n\\x0d");
    }

    @Test
    void everyControlAndFormatCharacterOfTheWholeRangeIsEscapedAndNothingElse() {
        int escapedCount = 0;
        StringBuilder all = new StringBuilder();
        for (int c = 0; c <= Character.MAX_CODE_POINT; c++) {
            all.appendCodePoint(c);
        }
        String line = TerminalText.line(all.toString());
        HostileStrings.assertInert(line, "");
        for (int c = 0; c <= Character.MAX_CODE_POINT; c++) {
            if (TerminalText.escaped(c)) {
                escapedCount++;
            }
        }
        // C0 (32) + DEL + C1 (32) + 2048 surrogates + the format characters + U+2028/2029
        assertThat(escapedCount).isGreaterThan(32 + 1 + 32 + 2048 + 2 + 150);
        assertThat(IntStream.rangeClosed(0x202a, 0x202e)).allMatch(TerminalText::escaped);
        assertThat(IntStream.rangeClosed(0x2066, 0x2069)).allMatch(TerminalText::escaped);
        assertThat(IntStream.of('a', ' ', 'é', '日', 0x1f389, 0xa0, 0x3000)).noneMatch(TerminalText::escaped);
    }

    @Test
    void escapesUseTheDocumentedForms() {
        assertThat(TerminalText.line("\u0000\u001b\u009f")).isEqualTo("\\x00\\x1b\\x9f");
        assertThat(TerminalText.line("\u200b\ufeff")).isEqualTo("\\u200b\\ufeff");
        assertThat(TerminalText.line(new String(Character.toChars(0xe007f)))).isEqualTo("\\U000e007f");
        assertThat(TerminalText.line(null)).isEqualTo("null");
    }

    @Test
    void aFloodOfEscapesIsLinear() {
        String flood = "\u001b[2J".repeat(200_000);
        String line = TerminalText.line(flood);
        assertThat(line).hasSize(flood.length() + 3 * 200_000).doesNotContain("\u001b");
    }
}
