package dev.peersteam.overlap;

import java.util.regex.Pattern;

/**
 * The reference for {@link Glob}: the regular expressions claims were matched with before (right, but exponential on
 * some patterns). Only for tests on short inputs.
 */
final class RegexGlob {
    private RegexGlob() {}

    static Pattern of(String glob, Glob.Prefix prefix, Glob.Suffix suffix) {
        String core = toRegex(glob);
        return Pattern.compile(
                (prefix == Glob.Prefix.ANY_FOLDERS ? "(?:.*/)?" : "")
                        + core
                        + switch (suffix) {
                            case EXACT -> "";
                            case OR_BELOW -> "(?:/.*)?";
                            case BELOW -> "/.*";
                        },
                Pattern.DOTALL);
    }

    private static String toRegex(String glob) {
        StringBuilder regex = new StringBuilder();
        int i = 0;
        boolean lastIsSlash = false;
        while (i < glob.length()) {
            char c = glob.charAt(i);
            if (c == '*' && i + 1 < glob.length() && glob.charAt(i + 1) == '*') {
                boolean atStart = i == 0 || glob.charAt(i - 1) == '/';
                if (atStart && i + 2 < glob.length() && glob.charAt(i + 2) == '/') {
                    regex.append("(?:.*/)?");
                    i += 3;
                    lastIsSlash = false;
                    continue;
                }
                if (atStart && i + 2 == glob.length() && i > 0 && lastIsSlash) {
                    regex.setLength(regex.length() - Pattern.quote("/").length());
                    regex.append("(?:/.*)?");
                    i += 2;
                    lastIsSlash = false;
                    continue;
                }
                regex.append(".*");
                i += 2;
            } else if (c == '*') {
                regex.append("[^/]*");
                i++;
            } else if (c == '?') {
                regex.append("[^/]");
                i++;
            } else {
                regex.append(Pattern.quote(String.valueOf(c)));
                i++;
            }
            lastIsSlash = c == '/';
        }
        return regex.toString();
    }
}
