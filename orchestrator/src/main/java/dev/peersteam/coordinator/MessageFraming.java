package dev.peersteam.coordinator;

import java.text.Normalizer;
import java.util.Locale;

/**
 * The text an agent receives for a message: {@code [from SENDER · ID] text}. The header is the only place that says
 * who is talking, so a body must not be able to fake one: every line of the text that could read as a header (an
 * opening bracket of any script, then "from") is escaped with a leading backslash, which the team preamble explains.
 * The message id in the header also lets a resumed session's transcript be searched for the message, whatever the CLI
 * did with it (a turn of its own, folded into a running turn, merged with another queued message).
 */
final class MessageFraming {
    static final String ESCAPE = "\\";

    private MessageFraming() {}

    static String frame(Envelope envelope) {
        return header(envelope.from(), envelope.id()) + " " + escapeHeaders(envelope.text());
    }

    static String header(String from, String id) {
        return "[from " + from + " · " + id + "]";
    }

    /**
     * The text with each line that looks like a header escaped; the first line too (it follows the real header, so
     * it cannot pass for one, but a reader skimming lines should not meet two). Every character that may end a line
     * for some reader counts as a line break: CR, LF, VT, FF, NEL, and the Unicode line and paragraph separators.
     */
    static String escapeHeaders(String text) {
        StringBuilder out = new StringBuilder(text.length() + 8);
        int start = 0;
        for (int i = 0; i <= text.length(); i++) {
            if (i == text.length() || isLineBreak(text.charAt(i))) {
                if (looksLikeHeader(text.substring(start, i))) {
                    out.append(ESCAPE);
                }
                out.append(text, start, Math.min(i + 1, text.length()));
                start = i + 1;
            }
        }
        return out.toString();
    }

    private static boolean isLineBreak(char c) {
        return c == '\n' || c == '\r' || c == '\u000B' || c == '\f' || c == '\u0085' || c == '\u2028' || c == '\u2029';
    }

    /**
     * Whether a line, as a reader would see it, starts like {@code [from}: invisible characters and spaces skipped,
     * compatibility forms folded (a fullwidth bracket is a bracket), any opening bracket, then "from".
     */
    static boolean looksLikeHeader(String line) {
        String folded = Normalizer.normalize(line, Normalizer.Form.NFKC).replaceAll("\\p{Cf}", "");
        int i = 0;
        while (i < folded.length()) {
            int cp = folded.codePointAt(i);
            if (!Character.isWhitespace(cp) && !Character.isSpaceChar(cp)) {
                break;
            }
            i += Character.charCount(cp);
        }
        if (i >= folded.length()) {
            return false;
        }
        int first = folded.codePointAt(i);
        if (first != '<' && Character.getType(first) != Character.START_PUNCTUATION) {
            return false;
        }
        String rest =
                folded.substring(i + Character.charCount(first)).stripLeading().toLowerCase(Locale.ROOT);
        return rest.startsWith("from");
    }
}
