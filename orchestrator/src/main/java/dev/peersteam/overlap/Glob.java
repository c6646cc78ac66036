package dev.peersteam.overlap;

import java.util.Arrays;

/**
 * A glob over {@code /}-separated paths, matched by simulating its automaton: every match takes at most
 * 2 × nodes × (path length + 1) steps ({@link #maxSteps}), whatever the pattern and the path, because each character
 * of the path is looked at once, by each state at most once. (A backtracking regex took exponential time on {@code **?**?**?...!}, on the coordinator's loop.)
 *
 * <p>Syntax: {@code *} any characters within a segment, {@code ?} one character within a segment, {@code **} any
 * characters across segments; {@code **}{@code /} at a segment's start is any folders or none, {@code /**} at the end
 * the folder itself and everything under it. Every other character is literal. Characters are code points.
 */
final class Glob {
    /** What may come before the pattern. */
    enum Prefix {
        /** The pattern starts at the top level. */
        ANCHORED,
        /** Any folders (or none) come first, as for a gitignore line without a slash. */
        ANY_FOLDERS
    }

    /** What may come after the pattern. */
    enum Suffix {
        /** Nothing: the pattern matches the whole path. */
        EXACT,
        /** Nothing, or {@code /} and anything: the path itself or anything under it. */
        OR_BELOW,
        /** {@code /} and anything: only what is under it. */
        BELOW
    }

    private static final byte LITERAL = 0; // consumes literal[i], then i + 1
    private static final byte SEGMENT_CHAR = 1; // consumes one character but '/', then i + 1
    private static final byte SEGMENT_LOOP = 2; // consumes characters but '/', stays; or goes on to i + 1
    private static final byte ANY_LOOP = 3; // consumes any character, stays; or goes on to i + 1
    private static final byte SPLIT = 4; // goes on to i + 1 or to alt[i], consuming nothing
    private static final byte ACCEPT = 5;

    private final byte[] kind;
    private final int[] literal;
    private final int[] alt;

    private Glob(byte[] kind, int[] literal, int[] alt) {
        this.kind = kind;
        this.literal = literal;
        this.alt = alt;
    }

    /** Whether {@code text} has a character that is special in a glob. */
    static boolean hasWildcards(String text) {
        return text.indexOf('*') >= 0 || text.indexOf('?') >= 0;
    }

    /** How many wildcard characters ({@code *}, {@code ?}) {@code text} has; {@code **} counts two. */
    static int wildcards(String text) {
        return (int) text.chars().filter(c -> c == '*' || c == '?').count();
    }

    static Glob compile(String glob, Prefix prefix, Suffix suffix) {
        Builder b = new Builder(glob.length() + 8);
        if (prefix == Prefix.ANY_FOLDERS) {
            b.anyFoldersOrNone();
        }
        int[] chars = glob.codePoints().toArray();
        int i = 0;
        while (i < chars.length) {
            int c = chars[i];
            boolean atSegmentStart = i == 0 || chars[i - 1] == '/';
            if (c == '*' && i + 1 < chars.length && chars[i + 1] == '*') {
                if (atSegmentStart && i + 2 < chars.length && chars[i + 2] == '/') {
                    b.anyFoldersOrNone();
                    i += 3;
                } else if (atSegmentStart && i + 2 == chars.length && i > 0 && b.dropSlash()) {
                    b.orBelow(); // "src/**" is src and everything under it
                    i += 2;
                } else {
                    b.add(ANY_LOOP, 0);
                    i += 2;
                }
            } else if (c == '*') {
                b.add(SEGMENT_LOOP, 0);
                i++;
            } else if (c == '?') {
                b.add(SEGMENT_CHAR, 0);
                i++;
            } else {
                b.add(LITERAL, c);
                i++;
            }
        }
        switch (suffix) {
            case EXACT -> {}
            case OR_BELOW -> b.orBelow();
            case BELOW -> {
                b.add(LITERAL, '/');
                b.add(ANY_LOOP, 0);
            }
        }
        b.add(ACCEPT, 0);
        return b.build();
    }

    /** The automaton's size: about one node per character of the pattern. */
    int nodes() {
        return kind.length;
    }

    /** The most steps a match on {@code path} can take: each state entered and looked at once per character. */
    long maxSteps(String path) {
        return 2L * nodes() * (path.length() + 1);
    }

    boolean matches(String path) {
        return run(path).matched();
    }

    /** The outcome of one match, with the steps it took (states entered and looked at). */
    record Run(boolean matched, long steps) {}

    Run run(String path) {
        int n = kind.length;
        int[] current = new int[n];
        int[] next = new int[n];
        int[] seen = new int[n]; // seen[s] == generation: s is in the set being built
        int[] stack = new int[2 * n + 2];
        long[] steps = {0};
        int generation = 1;
        int size = close(0, current, 0, seen, generation, stack, steps);
        for (int i = 0; i < path.length() && size > 0; ) {
            int c = path.codePointAt(i);
            i += Character.charCount(c);
            generation++;
            int nextSize = 0;
            for (int k = 0; k < size; k++) {
                int s = current[k];
                steps[0]++;
                int to = switch (kind[s]) {
                    case LITERAL -> c == literal[s] ? s + 1 : -1;
                    case SEGMENT_CHAR -> c != '/' ? s + 1 : -1;
                    case SEGMENT_LOOP -> c != '/' ? s : -1;
                    case ANY_LOOP -> s;
                    default -> -1;
                };
                if (to >= 0) {
                    nextSize = close(to, next, nextSize, seen, generation, stack, steps);
                }
            }
            int[] swap = current;
            current = next;
            next = swap;
            size = nextSize;
        }
        for (int k = 0; k < size; k++) {
            if (kind[current[k]] == ACCEPT) {
                return new Run(true, steps[0]);
            }
        }
        return new Run(false, steps[0]);
    }

    /** Adds {@code from} and what it reaches without consuming to {@code set}; each state once per generation. */
    private int close(int from, int[] set, int size, int[] seen, int generation, int[] stack, long[] steps) {
        int top = 0;
        stack[top++] = from;
        while (top > 0) {
            int s = stack[--top];
            if (seen[s] == generation) {
                continue;
            }
            seen[s] = generation;
            set[size++] = s;
            steps[0]++;
            switch (kind[s]) {
                case SEGMENT_LOOP, ANY_LOOP -> stack[top++] = s + 1;
                case SPLIT -> {
                    stack[top++] = alt[s];
                    stack[top++] = s + 1;
                }
                default -> {}
            }
        }
        return size;
    }

    private static final class Builder {
        private byte[] kind;
        private int[] literal;
        private int[] alt;
        private int size;
        private int sealed; // nodes before this belong to a group and stay

        Builder(int capacity) {
            kind = new byte[capacity];
            literal = new int[capacity];
            alt = new int[capacity];
        }

        void add(byte k, int c) {
            if (size == kind.length) {
                kind = Arrays.copyOf(kind, size * 2);
                literal = Arrays.copyOf(literal, size * 2);
                alt = Arrays.copyOf(alt, size * 2);
            }
            kind[size] = k;
            literal[size] = c;
            size++;
        }

        /** {@code (?:.*}{@code /)?}: nothing, or anything that ends with {@code /}. */
        void anyFoldersOrNone() {
            int split = size;
            add(SPLIT, 0);
            add(ANY_LOOP, 0);
            add(LITERAL, '/');
            alt[split] = size;
            sealed = size;
        }

        /** {@code (?:/.*)?}: nothing, or {@code /} and anything. */
        void orBelow() {
            int split = size;
            add(SPLIT, 0);
            add(LITERAL, '/');
            add(ANY_LOOP, 0);
            alt[split] = size;
            sealed = size;
        }

        /** Drops a {@code /} just added as a literal; false (and nothing dropped) when the last node is not one. */
        boolean dropSlash() {
            if (size > sealed && kind[size - 1] == LITERAL && literal[size - 1] == '/') {
                size--;
                return true;
            }
            return false;
        }

        Glob build() {
            return new Glob(Arrays.copyOf(kind, size), Arrays.copyOf(literal, size), Arrays.copyOf(alt, size));
        }
    }
}
