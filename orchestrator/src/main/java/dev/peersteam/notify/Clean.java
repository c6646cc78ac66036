package dev.peersteam.notify;

/**
 * Text for a notice: one line, without control, format (bidi, zero-width, tags) or separator characters, which a
 * desktop notification, a chat or a terminal that shows a command's output could act on; each run of them, and of
 * white space, becomes one space.
 */
final class Clean {
    private Clean() {}

    static String line(String text, int max) {
        StringBuilder out = new StringBuilder(Math.min(text.length(), max + 2));
        boolean space = false;
        for (int i = 0; i < text.length() && out.length() <= max; ) {
            int c = text.codePointAt(i);
            i += Character.charCount(c);
            int type = Character.getType(c);
            if (Character.isWhitespace(c)
                    || Character.isISOControl(c)
                    || type == Character.FORMAT
                    || type == Character.LINE_SEPARATOR
                    || type == Character.PARAGRAPH_SEPARATOR
                    || type == Character.SURROGATE) {
                space = out.length() > 0;
                continue;
            }
            if (space) {
                out.append(' ');
                space = false;
            }
            out.appendCodePoint(c);
        }
        if (out.length() <= max) {
            return out.toString();
        }
        int cut = max - 1;
        if (Character.isHighSurrogate(out.charAt(cut - 1))) {
            cut--; // never half a character
        }
        return out.substring(0, cut) + "…";
    }
}
