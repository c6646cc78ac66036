package dev.peersteam.team;

import java.nio.file.Path;
import java.util.Objects;

/**
 * One thing wrong with a team file, where it is, and how to fix it.
 *
 * @param file    the team file, as the user named it
 * @param line    1-based line; 0 when the problem concerns the whole file (it cannot be read, for example)
 * @param column  1-based column; 0 together with line 0
 * @param message what is wrong
 * @param fix     what to do about it
 */
public record Problem(Path file, int line, int column, String message, String fix) {

    public Problem {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(fix, "fix");
    }

    /** Compiler style, so editors and terminals can jump to it: {@code team.yaml:12:5: message}. */
    public String location() {
        String shown = displayPath(file);
        return line > 0 ? shown + ":" + line + ":" + column : shown;
    }

    @Override
    public String toString() {
        return location() + ": " + message + System.lineSeparator() + "  fix: " + fix;
    }

    /** The path relative to the working directory when it lies below it, so messages stay short. */
    static String displayPath(Path path) {
        if (!path.isAbsolute()) {
            return path.toString();
        }
        Path cwd = Path.of("").toAbsolutePath();
        Path normalized = path.normalize();
        return normalized.startsWith(cwd) && !normalized.equals(cwd)
                ? cwd.relativize(normalized).toString()
                : normalized.toString();
    }
}
