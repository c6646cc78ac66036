package dev.peersteam.git;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * One entry of {@code git worktree list --porcelain}: a worktree git knows about, whether or not its directory still
 * exists.
 *
 * @param path where git says it is
 * @param head the sha checked out there, or null for a bare repository
 * @param branch the short name of the branch checked out there ({@code peers/qa}), or null when detached or bare
 * @param bare it is the bare repository itself
 * @param locked {@code git worktree lock} protects it from pruning
 * @param prunable git (2.31 and later) reports that its directory is gone
 */
public record RegisteredWorktree(
        Path path, String head, String branch, boolean bare, boolean locked, boolean prunable) {

    public boolean detached() {
        return !bare && branch == null;
    }

    /**
     * Parses porcelain output: records of {@code key[ value]} lines, separated by an empty line. Lines end with
     * {@code terminator}: NUL with {@code -z} (git 2.36 and later; a path may then hold a newline), newline without.
     * Unknown keys are skipped, so newer git versions do not break us.
     */
    static List<RegisteredWorktree> parsePorcelain(String output, char terminator) {
        List<RegisteredWorktree> result = new ArrayList<>();
        Builder current = null;
        for (String line : output.split(Pattern.quote(String.valueOf(terminator)), -1)) {
            if (line.isEmpty()) {
                if (current != null) {
                    result.add(current.build());
                    current = null;
                }
                continue;
            }
            int space = line.indexOf(' ');
            String key = space < 0 ? line : line.substring(0, space);
            String value = space < 0 ? "" : line.substring(space + 1);
            if (key.equals("worktree")) {
                if (current != null) {
                    result.add(current.build());
                }
                current = new Builder(Path.of(value));
            } else if (current != null) {
                switch (key) {
                    case "HEAD" -> current.head = value;
                    case "branch" ->
                        current.branch =
                                value.startsWith("refs/heads/") ? value.substring("refs/heads/".length()) : value;
                    case "bare" -> current.bare = true;
                    case "locked" -> current.locked = true;
                    case "prunable" -> current.prunable = true;
                    default -> {} // "detached", and whatever a newer git adds
                }
            }
        }
        if (current != null) {
            result.add(current.build());
        }
        return List.copyOf(result);
    }

    private static final class Builder {
        private final Path path;
        private String head;
        private String branch;
        private boolean bare;
        private boolean locked;
        private boolean prunable;

        Builder(Path path) {
            this.path = path;
        }

        RegisteredWorktree build() {
            return new RegisteredWorktree(path, head, branch, bare, locked, prunable);
        }
    }
}
