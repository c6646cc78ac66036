package dev.peersteam.overlap;

import java.util.Objects;
import java.util.regex.Pattern;

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
 * characters. {@code ./} and doubled {@code /} are dropped.
 */
public final class PathPattern {
    private final String text;
    private final Pattern regex;

    private PathPattern(String text, Pattern regex) {
        this.text = text;
        this.regex = regex;
    }

    /**
     * Checks and normalises a claimed path or pattern.
     *
     * @throws IllegalArgumentException with a message the model can act on
     */
    public static PathPattern parse(String raw) {
        return new PathPattern(normalize(raw), null).compiled();
    }

    /**
     * The normalised form of a path or pattern relative to the repository: {@code ./} and empty segments dropped,
     * a trailing {@code /} kept.
     *
     * @throws IllegalArgumentException when it is empty, absolute, leads out with {@code ..}, or has control characters
     */
    public static String normalize(String raw) {
        if (raw == null || raw.isBlank()) {
            throw new IllegalArgumentException("an empty path: give paths relative to the repository, like src/api/");
        }
        String path = raw.strip();
        if (path.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("`" + printable(path) + "` has control characters; give a path "
                    + "relative to the repository, like src/api/");
        }
        if (path.startsWith("/")
                || path.startsWith("~")
                || path.matches("^[A-Za-z]:[\\\\/].*")
                || path.startsWith("\\")) {
            throw new IllegalArgumentException("`" + path + "` is absolute; give a path relative to the repository "
                    + "(your worktree's top level), like src/api/");
        }
        boolean folder = path.endsWith("/");
        StringBuilder normal = new StringBuilder();
        for (String segment : path.split("/")) {
            if (segment.isEmpty() || segment.equals(".")) {
                continue;
            }
            if (segment.equals("..")) {
                throw new IllegalArgumentException("`" + path + "` has a `..` segment; give a path inside the "
                        + "repository, relative to its top level, like src/api/");
            }
            normal.append(normal.isEmpty() ? "" : "/").append(segment);
        }
        if (normal.isEmpty()) {
            throw new IllegalArgumentException("`" + path + "` names the whole repository; name files or folders "
                    + "(like src/api/), or ** for everything");
        }
        return folder ? normal + "/" : normal.toString();
    }

    /** The normalised pattern, as given back to the model and stored. */
    public String text() {
        return text;
    }

    /** Whether this pattern has wildcards ({@code *}, {@code ?}). */
    public boolean isGlob() {
        return regex != null;
    }

    /** Whether {@code path} (relative to the repository, {@code /}-separated) is covered. */
    public boolean matches(String path) {
        if (regex != null) {
            return regex.matcher(path).matches();
        }
        if (text.endsWith("/")) {
            return path.startsWith(text);
        }
        return path.equals(text) || path.startsWith(text + "/");
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

    private PathPattern compiled() {
        if (firstWildcard(text) < 0) {
            return this;
        }
        String regex = text.endsWith("/") ? toRegex(literal()) + "/.*" : toRegex(text);
        return new PathPattern(text, Pattern.compile(regex));
    }

    /** {@code **}{@code /} → any folders (or none), {@code /**} at the end → the folder and all under it. */
    static String toRegex(String glob) {
        StringBuilder regex = new StringBuilder();
        int i = 0;
        while (i < glob.length()) {
            char c = glob.charAt(i);
            if (c == '*' && i + 1 < glob.length() && glob.charAt(i + 1) == '*') {
                boolean atStart = i == 0 || glob.charAt(i - 1) == '/';
                if (atStart && i + 2 < glob.length() && glob.charAt(i + 2) == '/') {
                    regex.append("(?:.*/)?");
                    i += 3;
                    continue;
                }
                if (atStart && i + 2 == glob.length() && i > 0) {
                    // "src/**": drop the "/" already written, so it also matches "src" itself
                    regex.setLength(regex.length() - Pattern.quote("/").length());
                    regex.append("(?:/.*)?");
                    i += 2;
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
        }
        return regex.toString();
    }

    private static int firstWildcard(String text) {
        int star = text.indexOf('*');
        int question = text.indexOf('?');
        if (star < 0) {
            return question;
        }
        return question < 0 ? star : Math.min(star, question);
    }

    private static String printable(String text) {
        return text.codePoints()
                .mapToObj(c -> Character.isISOControl(c) ? String.format("\\u%04x", c) : Character.toString(c))
                .reduce("", String::concat);
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
