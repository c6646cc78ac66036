package dev.peersteam.overlap;

import dev.peersteam.git.ChangeKind;
import dev.peersteam.git.ChangedPath;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The changes that are not a role's work: files that worktree setup put into every worktree ({@code copy:} of the team
 * file, and what {@code .worktreeinclude} names). Unless git ignores them they show up as added in every role, which
 * would make every pair of roles "overlap" on {@code .env}. Only additions are left out: a role that changes a
 * tracked file under a copied folder still changed it.
 *
 * <p>{@code .worktreeinclude} lines are read with the common gitignore rules: {@code #} comments, {@code !} negation
 * (the last matching line wins), a leading or middle {@code /} anchors a pattern to the top level, otherwise it
 * matches at any depth, a trailing {@code /} matches folders; {@code *}, {@code ?} and {@code **} as in
 * {@link PathPattern}. Character classes ({@code [abc]}) and escapes are not supported (taken literally). Lines are
 * matched without backtracking ({@link Glob}), so a hostile file in a cloned repository cannot stall anything; lines
 * longer than {@link PathPattern#MAX_LENGTH} are ignored.
 */
public final class CopiedFiles implements Predicate<ChangedPath> {
    private record Rule(Glob glob, boolean negated) {}

    /** How much of {@code .worktreeinclude} is read; the rest is ignored. */
    static final int MAX_INCLUDE_BYTES = 1 << 20;

    private final List<PathPattern> copied;
    private final List<Rule> included;

    private CopiedFiles(List<PathPattern> copied, List<Rule> included) {
        this.copied = copied;
        this.included = included;
    }

    /** Nothing is left out. */
    public static CopiedFiles none() {
        return new CopiedFiles(List.of(), List.of());
    }

    /**
     * @param copy the team file's {@code copy:} entries (files or folders, relative to the repository)
     * @param worktreeIncludeLines the lines of {@code .worktreeinclude}, empty when there is none
     */
    public static CopiedFiles of(List<String> copy, List<String> worktreeIncludeLines) {
        List<PathPattern> copied = new ArrayList<>();
        for (String path : copy) {
            try {
                copied.add(PathPattern.parse(path));
            } catch (IllegalArgumentException notAPath) {
                // the team file loader already refuses these; nothing to leave out for it
            }
        }
        List<Rule> rules = new ArrayList<>();
        for (String line : worktreeIncludeLines) {
            rule(line).ifPresent(rules::add);
        }
        return new CopiedFiles(List.copyOf(copied), List.copyOf(rules));
    }

    /**
     * {@link #of} with {@code .worktreeinclude} read from the repository's top level (if it is a regular file; only
     * its first {@value #MAX_INCLUDE_BYTES} bytes).
     */
    public static CopiedFiles forTeam(Path repoTopLevel, List<String> copy) {
        Path include = repoTopLevel.resolve(".worktreeinclude");
        if (!Files.isRegularFile(include)) {
            return of(copy, List.of());
        }
        try (InputStream in = Files.newInputStream(include)) {
            // a file from a cloned repository: its start is all anyone writes there on purpose
            String text = new String(in.readNBytes(MAX_INCLUDE_BYTES), StandardCharsets.UTF_8);
            return of(copy, List.of(text.split("\\R")));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + include, e);
        }
    }

    /** True for an addition of a copied or included file, which is then no role's work. */
    @Override
    public boolean test(ChangedPath change) {
        return change.kind() == ChangeKind.ADDED && isCopied(change.path());
    }

    /** Whether {@code path} is one that setup copies into every worktree. */
    public boolean isCopied(String path) {
        for (PathPattern pattern : copied) {
            if (pattern.matches(path)) {
                return true;
            }
        }
        boolean included = false;
        for (Rule rule : this.included) {
            if (rule.glob().matches(path)) {
                included = !rule.negated();
            }
        }
        return included;
    }

    private static Optional<Rule> rule(String line) {
        String pattern = line.stripTrailing();
        if (pattern.isBlank() || pattern.startsWith("#")) {
            return Optional.empty();
        }
        boolean negated = pattern.startsWith("!");
        if (negated) {
            pattern = pattern.substring(1);
        }
        boolean folder = pattern.endsWith("/");
        if (folder) {
            pattern = pattern.substring(0, pattern.length() - 1);
        }
        boolean anchored = pattern.contains("/");
        if (pattern.startsWith("/")) {
            pattern = pattern.substring(1);
        }
        if (pattern.isEmpty() || pattern.length() > PathPattern.MAX_LENGTH) {
            return Optional.empty(); // git has no use for such a line either
        }
        // A match of a folder covers everything under it; a "folder/" pattern matches only as a folder.
        Glob glob = Glob.compile(
                pattern,
                anchored ? Glob.Prefix.ANCHORED : Glob.Prefix.ANY_FOLDERS,
                folder ? Glob.Suffix.BELOW : Glob.Suffix.OR_BELOW);
        return Optional.of(new Rule(glob, negated));
    }
}
