package dev.peersteam.overlap;

import java.util.Objects;

/**
 * Which paths an advisory claim ({@code claim_files}) covers. Paths are relative to the repository's top level, with
 * {@code /} between folders, and the syntax is deliberately small:
 * <ul>
 *   <li>{@code src/api/Users.java} — that file; a literal path also covers everything under it when it is a folder
 *       ({@code src/api} covers {@code src/api/Users.java}), like a git pathspec;
 *   <li>{@code src/api/} — everything under that folder (a trailing {@code /} says "folder");
 *   <li>{@code *} — any characters within one path segment, {@code ?} — one character within a segment,
 *       {@code **} — any characters across segments ({@code src/**}{@code /*.ts} covers {@code src/a.ts} and
 *       {@code src/x/y/b.ts}). A pattern with wildcards must match the whole path. No other character is special
 *       ({@code [} and {@code \} are literal).
 * </ul>
 * Refused: empty patterns, absolute paths ({@code /x}, {@code ~/x}, {@code C:\x}), a {@code ..} segment, control
 * characters, more than {@value #MAX_LENGTH} characters, more than {@value #MAX_WILDCARDS} wildcard characters.
 * {@code ./} and doubled {@code /} are dropped.
 *
 * <p>Matching never backtracks ({@link Glob}): its cost grows with pattern length times path length, so a claim, even
 * one replayed from the journal, cannot stall the coordinator's loop.
 */
public final class PathPattern {
    /** The longest path or pattern taken, in characters. */
    public static final int MAX_LENGTH = 1024;
    /** The most wildcard characters ({@code *}, {@code ?}; {@code **} counts two) in one pattern. */
    public static final int MAX_WILDCARDS = 32;

    private static final int SHOWN = 80;

    private final String text;
    private final Glob glob;

    private PathPattern(String text, Glob glob) {
        this.text = text;
        this.glob = glob;
    }

    /**
     * Checks and normalises a claimed path or pattern.
     *
     * @throws IllegalArgumentException with a message the model can act on
     */
    public static PathPattern parse(String raw) {
        String text = normalize(raw);
        if (!Glob.hasWildcards(text)) {
            return new PathPattern(text, null);
        }
        int wildcards = Glob.wildcards(text);
        if (wildcards > MAX_WILDCARDS) {
            throw new IllegalArgumentException("`" + shown(text) + "` has " + wildcards + " wildcard characters (* and"
                    + " ?); at most " + MAX_WILDCARDS + " are taken: name a folder (src/api/) or a simpler pattern"
                    + " (src/**/*.ts)");
        }
        Glob glob = text.endsWith("/")
                ? Glob.compile(text.substring(0, text.length() - 1), Glob.Prefix.ANCHORED, Glob.Suffix.BELOW)
                : Glob.compile(text, Glob.Prefix.ANCHORED, Glob.Suffix.EXACT);
        return new PathPattern(text, glob);
    }

    /**
     * The normalised form of a path or pattern relative to the repository: {@code ./} and empty segments dropped,
     * a trailing {@code /} kept.
     *
     * @throws IllegalArgumentException when it is empty, too long, absolute, leads out with {@code ..}, or has control
     *                                  characters
     */
    public static String normalize(String raw) {
        if (raw == null || raw.isBlank()) {
            throw new IllegalArgumentException("an empty path: give paths relative to the repository, like src/api/");
        }
        String path = raw.strip();
        if (path.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("`" + shown(path) + "` is " + path.length() + " characters long; paths"
                    + " and patterns have at most " + MAX_LENGTH + ": name a folder, like src/api/");
        }
        if (path.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("`" + shown(printable(path)) + "` has control characters; give a path "
                    + "relative to the repository, like src/api/");
        }
        if (looksAbsolute(path)) {
            throw new IllegalArgumentException(
                    "`" + shown(path) + "` is absolute; give a path relative to the repository "
                            + "(your worktree's top level), like src/api/");
        }
        boolean folder = path.endsWith("/");
        StringBuilder normal = new StringBuilder();
        for (String segment : path.split("/")) {
            if (segment.isEmpty() || segment.equals(".")) {
                continue;
            }
            if (segment.equals("..")) {
                throw new IllegalArgumentException("`" + shown(path) + "` has a `..` segment; give a path inside the "
                        + "repository, relative to its top level, like src/api/");
            }
            normal.append(normal.isEmpty() ? "" : "/").append(segment);
        }
        if (normal.isEmpty()) {
            throw new IllegalArgumentException("`" + shown(path)
                    + "` names the whole repository; name files or folders " + "(like src/api/), or ** for everything");
        }
        String result = folder ? normal + "/" : normal.toString();
        if (looksAbsolute(result)) {
            // "./~x" must not become "~x", which read again is a home folder
            throw new IllegalArgumentException("`" + shown(path) + "` reads as absolute without its `./`; give a path "
                    + "relative to the repository, like src/api/");
        }
        if (Character.isWhitespace(normal.charAt(0)) || Character.isWhitespace(normal.charAt(normal.length() - 1))) {
            // as the normal form it would lose them when read again ("./ /x" would become the absolute "/x")
            throw new IllegalArgumentException("`" + shown(path) + "` starts or ends with a blank name; give a path "
                    + "relative to the repository, like src/api/");
        }
        return result;
    }

    /** The normalised pattern, as given back to the model and stored. */
    public String text() {
        return text;
    }

    /** Whether this pattern has wildcards ({@code *}, {@code ?}). */
    public boolean isGlob() {
        return glob != null;
    }

    /** Whether {@code path} (relative to the repository, {@code /}-separated) is covered. */
    public boolean matches(String path) {
        if (glob != null) {
            return glob.matches(path);
        }
        if (text.endsWith("/")) {
            return path.startsWith(text);
        }
        return path.equals(text) || path.startsWith(text + "/");
    }

    /** The work one {@link #matches} takes on {@code path}, for tests that bound it; 0 for a literal path. */
    Glob.Run run(String path) {
        return glob == null ? new Glob.Run(matches(path), 0) : glob.run(path);
    }

    /** The size of the matcher: about one node per character of the pattern. */
    int nodes() {
        return glob == null ? 0 : glob.nodes();
    }

    /** The most steps {@link #run} can take on {@code path}. */
    long maxSteps(String path) {
        return glob == null ? 0 : glob.maxSteps(path);
    }

    /**
     * Whether this pattern and {@code other} may cover a common path. Exact for literal paths; for wildcards an
     * approximation that errs towards "yes" (two globs under the same folder overlap unless their last segments end
     * in different literal suffixes, like {@code *.ts} and {@code *.css}): claims are advisory, a needless "also
     * claimed by" note is cheaper than a missed one.
     */
    public boolean mayOverlap(PathPattern other) {
        if (text.equals(other.text)) {
            return true;
        }
        if (!isGlob() && !other.isGlob()) {
            return matches(other.literal()) || other.matches(literal());
        }
        if (!isGlob()) {
            return other.mayOverlap(this);
        }
        // this one has wildcards
        if (!other.isGlob() && matches(other.literal())) {
            return true;
        }
        String mine = folderPrefix();
        String theirs = other.isGlob() ? other.folderPrefix() : other.literal() + "/";
        if (!mine.startsWith(theirs) && !theirs.startsWith(mine)) {
            return false;
        }
        if (other.isGlob()) {
            String a = literalTail();
            String b = other.literalTail();
            return a.isEmpty() || b.isEmpty() || a.endsWith(b) || b.endsWith(a);
        }
        return true;
    }

    /** The pattern without a trailing {@code /}. */
    private String literal() {
        return text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
    }

    /** The folders before the first wildcard, ending in {@code /} (empty at the top). */
    private String folderPrefix() {
        int wildcard = firstWildcard(text);
        int slash = text.lastIndexOf('/', wildcard);
        return slash < 0 ? "" : text.substring(0, slash + 1);
    }

    /** The literal end of the last segment after its last wildcard ({@code .ts} of {@code src/**}{@code /*.ts}). */
    private String literalTail() {
        String last = literal().substring(literal().lastIndexOf('/') + 1);
        int wildcard = Math.max(last.lastIndexOf('*'), last.lastIndexOf('?'));
        if (wildcard < 0 || text.endsWith("/")) {
            return "";
        }
        return last.substring(wildcard + 1);
    }

    private static int firstWildcard(String text) {
        int star = text.indexOf('*');
        int question = text.indexOf('?');
        if (star < 0) {
            return question;
        }
        return question < 0 ? star : Math.min(star, question);
    }

    private static boolean looksAbsolute(String path) {
        return path.startsWith("/") || path.startsWith("~") || path.startsWith("\\") || hasDriveLetter(path);
    }

    private static boolean hasDriveLetter(String path) {
        return path.length() >= 3
                && ((path.charAt(0) >= 'A' && path.charAt(0) <= 'Z')
                        || (path.charAt(0) >= 'a' && path.charAt(0) <= 'z'))
                && path.charAt(1) == ':'
                && (path.charAt(2) == '\\' || path.charAt(2) == '/');
    }

    /** Control characters as Java escapes (a newline as backslash-u000a), so that the model sees what it sent. */
    private static String printable(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        text.codePoints()
                .forEach(c ->
                        out.append(Character.isISOControl(c) ? String.format("\\u%04x", c) : Character.toString(c)));
        return out.toString();
    }

    /** The start of an over-long text, for an error message. */
    private static String shown(String text) {
        return text.length() <= SHOWN ? text : text.substring(0, SHOWN) + "…";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PathPattern other && text.equals(other.text);
    }

    @Override
    public int hashCode() {
        return Objects.hash(text);
    }

    @Override
    public String toString() {
        return text;
    }
}
