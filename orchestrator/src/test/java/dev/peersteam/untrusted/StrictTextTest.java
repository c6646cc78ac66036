package dev.peersteam.untrusted;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StrictTextTest {

    @Test
    void utf8IsDecodedAndAByteOrderMarkDropped() throws Exception {
        assertThat(StrictText.utf8("\uFEFFcafé ✓ 😀".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo("café ✓ 😀");
    }

    @Test
    void aBadByteIsNamedWithItsLineAndColumn() {
        byte[] bytes = "name: a\nrole: caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1);

        InputRejected e = catchThrowableOfType(InputRejected.class, () -> StrictText.utf8(bytes));

        assertThat(e.line() + ":" + e.column()).isEqualTo("2:10");
        assertThat(e.problem())
                .isEqualTo("byte 0xE9 (byte 17 of the file) is not UTF-8 (the file looks like Latin-1 or Windows-1252"
                        + " text)");
        assertThat(e.fix()).startsWith("save the file as UTF-8");
    }

    @Test
    void aTruncatedSequenceAtTheEndIsABadByteToo() {
        byte[] bytes = {'a', 'b', (byte) 0xE2, (byte) 0x9C};

        InputRejected e = catchThrowableOfType(InputRejected.class, () -> StrictText.utf8(bytes));

        assertThat(e.line() + ":" + e.column()).isEqualTo("1:3");
        assertThat(e.problem()).startsWith("byte 0xE2 (byte 2 of the file) is not UTF-8");
    }

    @Test
    void utf16IsNamed() {
        InputRejected e = catchThrowableOfType(
                InputRejected.class, () -> StrictText.utf8("\uFEFFroles:".getBytes(StandardCharsets.UTF_16BE)));

        assertThat(e.problem()).contains("UTF-16");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "0|U+0000 (NULL)",
                "7|U+0007 (BEL)",
                "27|U+001B (ESCAPE)",
                "127|U+007F (DELETE)",
                "155|U+009B",
                "65534|U+FFFE",
            })
    void controlCharactersAreRefusedWhereTheyAre(int codePoint, String named) {
        String text = "ok\nab" + Character.toString(codePoint) + "c\n";

        InputRejected e = catchThrowableOfType(InputRejected.class, () -> StrictText.requirePlain(text));

        assertThat(e.line() + ":" + e.column()).isEqualTo("2:3");
        assertThat(e.problem()).startsWith("the control character " + named);
    }

    @Test
    void bidiControlsAreRefused() {
        InputRejected e = catchThrowableOfType(
                InputRejected.class, () -> StrictText.requirePlain("// check \u2067admin\u2069 only"));

        assertThat(e.line() + ":" + e.column()).isEqualTo("1:10");
        assertThat(e.problem()).startsWith("the bidi control U+2067 (RIGHT-TO-LEFT ISOLATE) is not allowed");
    }

    @Test
    void tabsNewlinesAndWritingInAnyScriptArePlain() throws Exception {
        StrictText.requirePlain("a\tb\r\nשלום עולם, 你好, emoji 😀, marks \u200E\u200F\n");
    }

    @Test
    void columnsCountCharactersNotUtf16Units() {
        assertThat(StrictText.position("😀😀x", 4)).isEqualTo(new StrictText.Position(1, 3));
        assertThat(StrictText.position("a\r\nb\rc", 5)).isEqualTo(new StrictText.Position(3, 1));
    }
}
