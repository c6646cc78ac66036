package dev.peersteam.git;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/**
 * What one git command did.
 *
 * @param args the arguments after {@code git} as the caller gave them (without the options {@link Git} adds)
 * @param dir the directory it ran in
 * @param exitCode its exit code
 * @param timedOut it was killed after its timeout
 * @param stdout its standard output, as is
 * @param stderr its standard error, as is
 */
public record GitResult(List<String> args, Path dir, int exitCode, boolean timedOut, String stdout, String stderr) {
    public GitResult {
        args = List.copyOf(args);
    }

    public boolean ok() {
        return exitCode == 0 && !timedOut;
    }

    /** Like {@code git worktree add -b peers/qa '/x/my worktrees/qa'}, for messages. */
    public String commandLine() {
        return args.stream()
                .map(a -> a.isEmpty() || a.chars().anyMatch(c -> Character.isWhitespace(c) || c == '\'')
                        ? "'" + a.replace("'", "'\\''") + "'"
                        : a)
                .collect(Collectors.joining(" ", "git ", ""));
    }
}
