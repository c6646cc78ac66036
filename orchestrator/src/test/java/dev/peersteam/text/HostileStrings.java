package dev.peersteam.text;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.peersteam.protocol.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The corpus of strings that try to take over a terminal ({@code hostile-strings.json} beside this class), and the
 * checks every print point's output must pass when one of them went in.
 */
public final class HostileStrings {
    /**
     * @param name  what the string tries
     * @param text  the string itself
     * @param shows the visible escape the printed text must hold
     */
    public record Hostile(String name, String text, String shows) {
        /** Only whitespace controls (CR, VT, FF): a print point that folds whitespace may show a space instead. */
        public boolean onlyWhitespace() {
            return text.codePoints()
                    .filter(TerminalText::escaped)
                    .allMatch(c -> c == '\r' || c == '\n' || c == 0x0b || c == 0x0c);
        }

        /** Whether the text is the same after UTF-8 (files, the journal, the socket): lone surrogates are not. */
        public boolean survivesUtf8() {
            return new String(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8).equals(text);
        }

        /** The text as it arrives after a trip through UTF-8. */
        public String afterUtf8() {
            return new String(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    private HostileStrings() {}

    public static List<Hostile> all() {
        try (InputStream in = HostileStrings.class.getResourceAsStream("hostile-strings.json")) {
            return Json.MAPPER.readValue(in, new TypeReference<List<Hostile>>() {});
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Nothing in {@code printed} acts on a terminal or hides text: no ESC, no C1 control, no bidi control, no other
     * character {@link TerminalText} escapes; except the layout characters in {@code allowed} (e.g. {@code "\n"}).
     */
    public static void assertInert(String printed, String allowed) {
        printed.codePoints().forEach(c -> {
            if (allowed.indexOf(c) < 0) {
                assertThat(TerminalText.escaped(c))
                        .as("U+%04X in printed text:%n%s", c, printed)
                        .isFalse();
            }
        });
        assertThat(printed).doesNotContain("\u001b");
    }

    /** {@link #assertInert} for text of lines, and the escape of {@code hostile} is visible. */
    public static void assertShown(String printed, Hostile hostile, boolean foldsWhitespace) {
        assertInert(printed, "\n");
        if (!(foldsWhitespace && hostile.onlyWhitespace())) {
            assertThat(printed).as(hostile.name()).contains(hostile.shows());
        }
    }

    /**
     * {@link #assertShown} for text that came through UTF-8 (a file, the journal, the socket): a lone surrogate
     * arrives as {@code ?}, so only inertness is asserted for it.
     */
    public static void assertShownAfterUtf8(String printed, Hostile hostile, boolean foldsWhitespace) {
        if (hostile.survivesUtf8()) {
            assertShown(printed, hostile, foldsWhitespace);
        } else {
            assertInert(printed, "\n");
        }
    }

    /** A YAML double-quoted scalar holding exactly {@code text}, whatever it holds (for team files in tests). */
    public static String yamlQuoted(String text) {
        StringBuilder out = new StringBuilder("\"");
        text.codePoints().forEach(c -> {
            if (c >= 0x20 && c < 0x7f && c != '"' && c != '\\') {
                out.appendCodePoint(c);
            } else if (c <= 0xffff) {
                out.append(String.format("\\u%04x", c));
            } else {
                out.append(String.format("\\U%08x", c));
            }
        });
        return out.append('"').toString();
    }
}
