package dev.peersteam.untrusted;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;

/**
 * Text from a file someone else wrote: strict UTF-8 (a bad byte is named with its line and column, not replaced), and
 * only characters YAML calls printable, without the bidi controls that make text display in another order than a
 * program reads it ("Trojan Source"). Control characters are refused because they reach terminals (an ESC sequence
 * can rewrite what a person sees) and command lines (a NUL cannot be passed to a program at all).
 */
public final class StrictText {
    private StrictText() {}

    /** A line and column, both counted from 1; the column in characters (code points), as editors count. */
    public record Position(int line, int column) {}

    /**
     * Why a character is not plain text, and what to do.
     *
     * @param character names it, e.g. "the control character U+001B (ESCAPE)"
     * @param problem   the whole complaint, starting with {@code character}
     */
    public record Objection(String character, String problem, String fix) {}

    /** The text of {@code bytes}, which must be UTF-8; a leading byte-order mark is dropped (it is not content). */
    public static String utf8(byte[] bytes) throws InputRejected {
        if (bytes.length >= 2
                && ((bytes[0] == (byte) 0xFF && bytes[1] == (byte) 0xFE)
                        || (bytes[0] == (byte) 0xFE && bytes[1] == (byte) 0xFF))) {
            throw new InputRejected(
                    1, 1, "the file is UTF-16 text (it starts with a UTF-16 byte-order mark), not UTF-8", SAVE_AS_UTF8);
        }
        CharsetDecoder decoder = StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length + 1);
        CoderResult result = decoder.decode(in, out, true);
        if (result.isUnderflow()) {
            result = decoder.flush(out);
        }
        if (result.isError()) {
            throw badByte(bytes, in.position(), out.flip().toString());
        }
        String text = out.flip().toString();
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }

    /** Refuses the first character that is not plain text: see the class comment. */
    public static void requirePlain(String text) throws InputRejected {
        for (int i = 0; i < text.length(); ) {
            int codePoint = text.codePointAt(i);
            Optional<InputRejected> refused = refusal(codePoint, text, i);
            if (refused.isPresent()) {
                throw refused.get();
            }
            i += Character.charCount(codePoint);
        }
    }

    /**
     * Why {@code codePoint} is not plain text, as the problem and the fix of a refusal, or empty when it is fine.
     * Tab, line feed and carriage return are fine.
     */
    public static Optional<Objection> whyNotPlain(int codePoint) {
        if (isBidiControl(codePoint)) {
            String character = "the bidi control " + name(codePoint);
            return Optional.of(new Objection(
                    character,
                    character + " is not allowed: it makes text display in another order than it is read",
                    "delete it; right-to-left text needs no override characters"));
        }
        if (!isYamlPrintable(codePoint)) {
            String character = "the control character " + name(codePoint);
            return Optional.of(new Objection(
                    character,
                    character + " is not allowed",
                    "delete it: these files hold plain text, and control characters could change what a terminal"
                            + " shows or cut a command line short"));
        }
        return Optional.empty();
    }

    /** For example "U+001B (ESCAPE)". */
    public static String name(int codePoint) {
        String name = Character.getName(codePoint);
        return String.format(Locale.ROOT, "U+%04X", codePoint) + (name != null ? " (" + name + ")" : "");
    }

    /** The line and column of the character at {@code index} of {@code text}. */
    public static Position position(String text, int index) {
        int line = 1;
        int column = 1;
        for (int i = 0; i < index && i < text.length(); ) {
            int c = text.codePointAt(i);
            i += Character.charCount(c);
            boolean crlf = c == '\r' && i < text.length() && text.charAt(i) == '\n';
            if (!crlf && isLineBreak(c)) {
                line++;
                column = 1;
            } else if (!crlf) {
                column++;
            }
        }
        return new Position(line, column);
    }

    private static Optional<InputRejected> refusal(int codePoint, String text, int index) {
        return whyNotPlain(codePoint).map(why -> {
            Position at = position(text, index);
            return new InputRejected(at.line(), at.column(), why.problem(), why.fix());
        });
    }

    /** The line breaks YAML (and SnakeYAML's line counting) knows. */
    private static boolean isLineBreak(int c) {
        return c == '\n' || c == '\r' || c == 0x85 || c == 0x2028 || c == 0x2029;
    }

    /** YAML 1.1's printable characters, the set SnakeYAML accepts. */
    private static boolean isYamlPrintable(int c) {
        return c == 0x9
                || c == 0xA
                || c == 0xD
                || (c >= 0x20 && c <= 0x7E)
                || c == 0x85
                || (c >= 0xA0 && c <= 0xD7FF)
                || (c >= 0xE000 && c <= 0xFFFD)
                || (c >= 0x10000 && c <= 0x10FFFF);
    }

    /** Embeddings, overrides and isolates; the plain marks (U+200E, U+200F) only affect neutral characters. */
    private static boolean isBidiControl(int c) {
        return (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069);
    }

    private static final String SAVE_AS_UTF8 =
            "save the file as UTF-8 (most editors offer it under 'Save with encoding')";

    /** The first byte of a bad sequence, where it is, and a guess at what the file is instead. */
    private static InputRejected badByte(byte[] bytes, int offset, String decodedSoFar) {
        String text = decodedSoFar.startsWith("\uFEFF") ? decodedSoFar.substring(1) : decodedSoFar;
        Position at = position(text, text.length());
        int value = bytes[offset] & 0xFF;
        boolean singleHighByte = value >= 0xA0 && (offset + 1 >= bytes.length || (bytes[offset + 1] & 0x80) == 0);
        String guess = singleHighByte ? " (the file looks like Latin-1 or Windows-1252 text)" : "";
        return new InputRejected(
                at.line(),
                at.column(),
                String.format(Locale.ROOT, "byte 0x%02X (byte %d of the file) is not UTF-8%s", value, offset, guess),
                SAVE_AS_UTF8);
    }
}
