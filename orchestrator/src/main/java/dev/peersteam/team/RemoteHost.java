package dev.peersteam.team;

import java.nio.file.Path;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Where a role with {@code host:} runs: an SSH destination as the user's {@code ssh} understands it (an alias of
 * {@code ~/.ssh/config}, {@code user@host}, {@code ssh://user@host:port}) and the folder on that host under which the
 * role's worktree lives ({@code remote_dir:}, absolute; the worktree is {@code <remote_dir>/<role>}).
 *
 * @param destination the SSH destination; never starts with '-', so it cannot be read as an option
 * @param dir         the absolute, normalised folder on the host
 */
public record RemoteHost(String destination, Path dir) {
    /** What a destination may hold: no space, no quote, no shell character, and no leading '-'. */
    public static final Pattern DESTINATION = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.@%:/\\[\\]+-]{0,252}");

    /** What a remote folder may hold: an absolute path of plain characters (it is written into shell commands). */
    public static final Pattern DIR = Pattern.compile("/[A-Za-z0-9_./+@-]{0,1000}");

    public RemoteHost {
        Objects.requireNonNull(destination, "destination");
        Objects.requireNonNull(dir, "dir");
        if (!DESTINATION.matcher(destination).matches()) {
            throw new IllegalArgumentException("not an SSH destination: " + destination);
        }
        if (!DIR.matcher(dir.toString()).matches() || !dir.isAbsolute()) {
            throw new IllegalArgumentException("not an absolute folder of plain characters: " + dir);
        }
        dir = dir.normalize();
    }

    /** The role's worktree on the host. */
    public Path worktreeOf(String role) {
        return dir.resolve(role);
    }

    @Override
    public String toString() {
        return destination + ":" + dir;
    }
}
