package dev.peersteam.text;

/**
 * Makes a string safe to print on a terminal, at the print edge: every character that a terminal would act on
 * rather than show, or that hides or reorders text, is written as a visible escape instead.
 *
 * <p>Escaped: C0 controls (ESC, CR, BEL, backspace, NUL, ...), DEL and C1 controls (U+0080–U+009F, which some
 * terminals take as CSI/OSC/DCS), Unicode format characters (bidi embeddings, overrides and isolates U+202A–U+202E
 * and U+2066–U+2069, zero-width spaces and joiners, the byte order mark, the soft hyphen, tag characters), the line
 * and paragraph separators U+2028/U+2029, and lone surrogates. Because ESC itself is escaped, a whole ESC/CSI/OSC/DCS
 * sequence shows as text: {@code ESC [2J} prints as {@code \x1b[2J}, an OSC 52 clipboard write as
 * {@code \x1b]52;c;...\x07}.
 *
 * <p>The escapes: <code>\xHH</code> below U+0100, <code>&#92;uHHHH</code> for the rest of the BMP (lone surrogates
 * included), <code>\U00HHHHHH</code> above it; lower-case hex. They are for reading, not for decoding: a backslash is not escaped,
 * so a model that writes {@code \x1b} literally looks the same as a real ESC, and sanitizing twice changes nothing.
 * Joined emoji lose their zero-width joiners (shown as <code>&#92;u200d</code>); a price worth an unforgeable screen.
 */
public final class TerminalText {
    private TerminalText() {}

    /** For one line: line breaks and tabs are escaped too. */
    public static String line(String text) {
        return sanitize(text, false);
    }

    /** For text of several lines: {@code \n} and tab are kept ({@code \r\n} becomes {@code \n}); the rest as in {@link #line}. */
    public static String lines(String text) {
        return sanitize(text, true);
    }

    /** Whether {@link #line} shows this code point as an escape. */
    public static boolean escaped(int codePoint) {
        return switch (Character.getType(codePoint)) {
            case Character.CONTROL,
                    Character.FORMAT,
                    Character.SURROGATE,
                    Character.LINE_SEPARATOR,
                    Character.PARAGRAPH_SEPARATOR -> true;
            default -> false;
        };
    }

    private static String sanitize(String text, boolean multiLine) {
        if (text == null) {
            return "null";
        }
        int first = firstUnsafe(text, multiLine);
        if (first < 0) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length() + 16).append(text, 0, first);
        int i = first;
        while (i < text.length()) {
            int c = text.codePointAt(i);
            int width = Character.charCount(c);
            if (multiLine && (c == '\n' || c == '\t')) {
                out.append((char) c);
            } else if (multiLine && c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                // a Windows line end is a line end; a lone CR (which returns to the line's start) is not
            } else if (escaped(c)) {
                appendEscape(out, c);
            } else {
                out.appendCodePoint(c);
            }
            i += width;
        }
        return out.toString();
    }

    private static int firstUnsafe(String text, boolean multiLine) {
        for (int i = 0; i < text.length(); ) {
            int c = text.codePointAt(i);
            boolean layout = multiLine && (c == '\n' || c == '\t');
            if (!layout && escaped(c)) {
                return i;
            }
            i += Character.charCount(c);
        }
        return -1;
    }

    private static void appendEscape(StringBuilder out, int c) {
        String hex = Integer.toHexString(c);
        if (c < 0x100) {
            out.append("\\x").append(hex.length() < 2 ? "0" : "").append(hex);
        } else if (c < 0x10000) {
            out.append("\\u").append("0".repeat(4 - hex.length())).append(hex);
        } else {
            out.append("\\U").append("0".repeat(8 - hex.length())).append(hex);
        }
    }
}
