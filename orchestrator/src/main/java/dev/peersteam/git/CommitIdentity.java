package dev.peersteam.git;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Who peers-team's own commits (merges, saved work) are by: whoever git already knows commits in that repository (its
 * configuration or the environment), and a fixed identity only for what git does not know, so that a machine without
 * {@code user.name} / {@code user.email} (a fresh container, CI) can still save work instead of failing at the end.
 */
final class CommitIdentity {
    static final String FALLBACK_NAME = "peers-team";
    static final String FALLBACK_EMAIL = "peers-team@localhost";

    private CommitIdentity() {}

    /**
     * Options to put before the git subcommand: empty when git knows the author and the committer in {@code dir},
     * otherwise {@code -c user.name=…} and/or {@code -c user.email=…} for the part that is not configured.
     */
    static List<String> options(Git git, Path dir) {
        if (known(git, dir, "GIT_AUTHOR_IDENT") && known(git, dir, "GIT_COMMITTER_IDENT")) {
            return List.of();
        }
        List<String> options = new ArrayList<>();
        if (!configured(git, dir, "user.name")) {
            options.addAll(List.of("-c", "user.name=" + FALLBACK_NAME));
        }
        if (!configured(git, dir, "user.email")) {
            options.addAll(List.of("-c", "user.email=" + FALLBACK_EMAIL));
        }
        return List.copyOf(options);
    }

    /** {@code git var} fails exactly when a commit would fail for want of an identity. */
    private static boolean known(Git git, Path dir, String variable) {
        return git.execute(dir, List.of("var", variable)).ok();
    }

    private static boolean configured(Git git, Path dir, String key) {
        GitResult result = git.execute(dir, List.of("config", "--get", key));
        return result.ok() && !result.stdout().isBlank();
    }
}
