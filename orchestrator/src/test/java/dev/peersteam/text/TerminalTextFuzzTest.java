package dev.peersteam.text;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Timeout;

/**
 * Whatever string comes in (every UTF-16 code unit, lone surrogates and C1 controls included), what {@link
 * TerminalText} makes of it acts on no terminal, keeps no line break where one line was asked for, and does not change
 * when sanitized again. Inputs are read as UTF-16BE, so the fuzzer reaches every code unit.
 */
class TerminalTextFuzzTest {
    @FuzzTest
    @Timeout(30)
    void sanitizedTextIsInertAndSanitizingIsIdempotent(byte[] input) {
        String text = new String(input, StandardCharsets.UTF_16BE);

        String line = TerminalText.line(text);
        HostileStrings.assertInert(line, "");
        assertThat(TerminalText.line(line)).isEqualTo(line);

        String lines = TerminalText.lines(text);
        HostileStrings.assertInert(lines, "\n\t");
        assertThat(lines).doesNotContain("\r");
        assertThat(TerminalText.lines(lines)).isEqualTo(lines);
    }
}
