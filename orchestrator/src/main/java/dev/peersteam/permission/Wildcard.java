package dev.peersteam.permission;

import java.util.ArrayList;
import java.util.List;

/**
 * A wildcard pattern matched in time linear in the text times the pattern (a set of pattern positions is advanced
 * one character at a time), never by a backtracking regex, so no rule or model-given word can make a check slow.
 */
final class Wildcard {
    /** Longer patterns are not compiled: no rule needs them. */
    static final int MAX_PATTERN = 4096;

    private static final int ONE = -1; // ? : one character (not '/' in paths)
    private static final int STAR = -2; // * : any run of characters (not '/' in paths)
    private static final int ANY = -3; // ** : any run of characters, '/' included
    private static final int DIRS = -4; // **/ starts here: go on to the run below, or skip it (matches nothing)
    private static final int DIRS_RUN = -5; // the run of **/ : any characters, left after a '/'

    private final int[] tokens;
    private final boolean stopAtSlash;

    private Wildcard(int[] tokens, boolean stopAtSlash) {
        this.tokens = tokens;
        this.stopAtSlash = stopAtSlash;
    }

    /**
     * A {@code Bash(...)} rule: {@code *} matches any characters, spaces and slashes included; {@code \*} is a
     * literal star and {@code \\} a literal backslash.
     */
    static Wildcard command(String pattern) {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '\\'
                    && i + 1 < pattern.length()
                    && (pattern.charAt(i + 1) == '*' || pattern.charAt(i + 1) == '\\')) {
                out.add((int) pattern.charAt(++i));
            } else if (c == '*') {
                if (out.isEmpty() || out.getLast() != ANY) {
                    out.add(ANY);
                }
            } else {
                out.add((int) c);
            }
        }
        return of(out, false);
    }

    /**
     * A path rule, as in .gitignore: {@code *} and {@code ?} stay inside one path segment, {@code **} crosses
     * segments, {@code **}{@code /} also matches no directory at all; {@code \} escapes the next character.
     */
    static Wildcard path(String pattern) {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '\\' && i + 1 < pattern.length()) {
                out.add((int) pattern.charAt(++i));
            } else if (c == '*' && i + 1 < pattern.length() && pattern.charAt(i + 1) == '*') {
                while (i + 1 < pattern.length() && pattern.charAt(i + 1) == '*') {
                    i++;
                }
                if (i + 1 < pattern.length() && pattern.charAt(i + 1) == '/') {
                    i++;
                    out.add(DIRS);
                    out.add(DIRS_RUN);
                } else {
                    out.add(ANY);
                }
            } else if (c == '*') {
                out.add(STAR);
            } else if (c == '?') {
                out.add(ONE);
            } else {
                out.add((int) c);
            }
        }
        return of(out, true);
    }

    /**
     * A word as the shell would glob it, over-approximated: {@code [...]} counts as any one character. Used only to
     * ask whether a word could name a protected file, where matching too much is the safe side.
     */
    static Wildcard shellGlob(String word) {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < word.length(); i++) {
            char c = word.charAt(i);
            if (c == '*') {
                if (out.isEmpty() || out.getLast() != ANY) {
                    out.add(ANY);
                }
            } else if (c == '?') {
                out.add(ONE);
            } else if (c == '[') {
                int close = word.indexOf(']', i + 2);
                if (close < 0) {
                    out.add((int) c);
                } else {
                    out.add(ONE);
                    i = close;
                }
            } else {
                out.add((int) c);
            }
        }
        // no length cap here: the word comes from a command the parser already bounded, and a word too long to
        // check must not count as "no mention"
        return new Wildcard(out.stream().mapToInt(Integer::intValue).toArray(), false);
    }

    private static Wildcard of(List<Integer> tokens, boolean stopAtSlash) {
        if (tokens.size() > MAX_PATTERN) {
            throw new IllegalArgumentException("pattern longer than " + MAX_PATTERN);
        }
        return new Wildcard(tokens.stream().mapToInt(Integer::intValue).toArray(), stopAtSlash);
    }

    /** Whether the pattern has any wildcard at all. */
    boolean isLiteral() {
        for (int token : tokens) {
            if (token < 0) {
                return false;
            }
        }
        return true;
    }

    /** How many wildcards the pattern holds. */
    int wildcards() {
        int n = 0;
        for (int token : tokens) {
            if (token < 0) {
                n++;
            }
        }
        return n;
    }

    boolean matches(String text) {
        int m = tokens.length;
        boolean[] current = new boolean[m + 1];
        boolean[] next = new boolean[m + 1];
        current[0] = true;
        close(current);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            java.util.Arrays.fill(next, false);
            boolean any = false;
            for (int s = 0; s < m; s++) {
                if (!current[s]) {
                    continue;
                }
                int token = tokens[s];
                boolean slash = c == '/' && stopAtSlash;
                switch (token) {
                    case ONE -> next[s + 1] |= !slash;
                    case STAR -> next[s] |= !slash;
                    case ANY -> next[s] = true;
                    case DIRS -> {} // consumes nothing: its successors were reached by close()
                    case DIRS_RUN -> {
                        next[s] = true;
                        if (c == '/') {
                            next[s + 1] = true;
                        }
                    }
                    default -> next[s + 1] |= token == c;
                }
            }
            close(next);
            for (boolean b : next) {
                any |= b;
            }
            if (!any) {
                return false;
            }
            boolean[] swap = current;
            current = next;
            next = swap;
        }
        return current[m];
    }

    /**
     * Wildcards may match nothing: from each one, the position after it is reachable too. {@code **}{@code /} either
     * enters its run or skips it whole; the run itself is never skipped, so it cannot end without a '/'.
     */
    private void close(boolean[] states) {
        for (int s = 0; s < tokens.length; s++) {
            if (states[s] && (tokens[s] == STAR || tokens[s] == ANY || tokens[s] == DIRS)) {
                states[s + 1] = true;
                if (tokens[s] == DIRS) {
                    states[s + 2] = true;
                }
            }
        }
    }
}
