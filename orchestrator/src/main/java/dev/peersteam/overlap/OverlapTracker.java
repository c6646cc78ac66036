package dev.peersteam.overlap;

import dev.peersteam.git.ChangeSet;
import dev.peersteam.git.ChangedPath;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * Notices roles stepping on each other: two roles changing the same path, and a role changing a path another role
 * claimed. Pure and not thread-safe: it belongs to the coordinator's loop, which calls {@link #afterTurn} (or
 * {@link #update} and {@link #checkClaims}) with a role's {@link ChangeSet} after each of its turns.
 *
 * <p><b>Once until it changes again.</b> An overlap of two roles on a path is reported once, then again only when
 * either side's change of that path is different from what it was when last reported: another kind of change, or
 * other content ({@link ChangeSet#fingerprints()}; without fingerprints only the kind counts). When one role's change
 * of the path goes away (reverted), the overlap is forgotten, and reported afresh if it comes back. Claims alike: once
 * per claim, path and editor until the editor's change of that path is different.
 *
 * <p>Renames count with both names: a role that renamed {@code a} to {@code b} overlaps with roles touching either.
 * Changes the ignore predicate accepts (files setup copies into every worktree, see {@link CopiedFiles}) are no
 * role's work and are left out of everything.
 *
 * <p>State lives only here (not journaled): after a restart of the coordinator, each current overlap is reported
 * once more; claims must be replayed with {@link #claim} and {@link #release} from wherever the caller keeps them.
 */
public final class OverlapTracker {
    /** A role's change of one path, and what it looked like (kind, old name, content). */
    private record Touch(ChangedPath change, String fingerprint) {}

    /** An overlap of two roles on a path; {@code first} sorts before {@code second}. */
    private record PairKey(String first, String second, String path) {
        static PairKey of(String a, String b, String path) {
            return a.compareTo(b) < 0 ? new PairKey(a, b, path) : new PairKey(b, a, path);
        }

        boolean involves(String role) {
            return first.equals(role) || second.equals(role);
        }
    }

    private record ClaimKey(long claimId, String editor, String path) {}

    private final Predicate<ChangedPath> ignored;
    private final Map<String, Map<String, Touch>> touches = new TreeMap<>();
    private final Map<String, ChangeSet> lastSets = new HashMap<>();
    private final Map<PairKey, String> reportedOverlaps = new HashMap<>();
    private final Map<Long, Claim> claims = new LinkedHashMap<>();
    private final Map<Long, PathPattern> patterns = new HashMap<>();
    private final Map<ClaimKey, String> reportedClaims = new HashMap<>();
    private long nextClaimId = 1;

    /** A tracker that counts every change. */
    public OverlapTracker() {
        this(change -> false);
    }

    /** @param ignored changes that are no role's work, e.g. {@link CopiedFiles} */
    public OverlapTracker(Predicate<ChangedPath> ignored) {
        this.ignored = Objects.requireNonNull(ignored, "ignored");
    }

    /** {@link #update} and {@link #checkClaims} of one look at {@code role}'s changes. */
    public TurnAlerts afterTurn(String role, ChangeSet changes) {
        return new TurnAlerts(update(role, changes), checkClaims(role, changes));
    }

    /**
     * Records {@code role}'s current changes and returns the overlaps with other roles (as last recorded) that are
     * new or changed since they were last reported, sorted by path and then by the other role. Each alert concerns
     * both roles; tell both.
     */
    public List<OverlapAlert> update(String role, ChangeSet changes) {
        Objects.requireNonNull(role, "role");
        Map<String, Touch> now = touchesOf(changes);
        touches.put(role, now);
        lastSets.put(role, changes);
        reportedOverlaps.keySet().removeIf(key -> key.involves(role) && !now.containsKey(key.path()));
        List<OverlapAlert> alerts = new ArrayList<>();
        for (Map.Entry<String, Touch> mine : now.entrySet()) {
            String path = mine.getKey();
            for (Map.Entry<String, Map<String, Touch>> entry : touches.entrySet()) {
                String other = entry.getKey();
                Touch theirs = other.equals(role) ? null : entry.getValue().get(path);
                if (theirs == null) {
                    continue;
                }
                PairKey key = PairKey.of(role, other, path);
                String state = key.first().equals(role)
                        ? mine.getValue().fingerprint() + "|" + theirs.fingerprint()
                        : theirs.fingerprint() + "|" + mine.getValue().fingerprint();
                if (!state.equals(reportedOverlaps.put(key, state))) {
                    alerts.add(new OverlapAlert(
                            path,
                            new OverlapAlert.Side(role, mine.getValue().change()),
                            new OverlapAlert.Side(other, theirs.change())));
                }
            }
        }
        return List.copyOf(alerts);
    }

    /** {@code role}'s changes as last given to {@link #update}, ignored ones included. */
    public Optional<ChangeSet> lastChanges(String role) {
        return Optional.ofNullable(lastSets.get(role));
    }

    /**
     * Forgets {@code role}'s changes and what was reported about them (e.g. its worktree was removed), keeping its
     * claims ({@link #releaseAll}).
     */
    public void forget(String role) {
        touches.remove(role);
        lastSets.remove(role);
        reportedOverlaps.keySet().removeIf(key -> key.involves(role));
        reportedClaims.keySet().removeIf(key -> key.editor().equals(role));
    }

    /**
     * Records that {@code role} claims {@code paths} (patterns as in {@link PathPattern}) for {@code reason}. A pattern
     * the role had claimed already is claimed anew, with the new reason. Others' claims are not affected: claims are
     * advisory, two roles may claim the same path, and the result says so.
     *
     * @throws IllegalArgumentException when a path is not a valid relative path or pattern, or none is given
     */
    public ClaimResult claim(String role, List<String> paths, String reason) {
        Objects.requireNonNull(role, "role");
        List<PathPattern> parsed = parseAll(paths);
        List<Claim> made = new ArrayList<>();
        for (PathPattern pattern : parsed) {
            removeClaim(role, pattern.text());
            Claim claim = new Claim(nextClaimId++, role, pattern.text(), reason);
            claims.put(claim.id(), claim);
            patterns.put(claim.id(), pattern);
            made.add(claim);
        }
        List<Claim> others = claims.values().stream()
                .filter(c -> !c.role().equals(role))
                .filter(c -> parsed.stream().anyMatch(p -> p.mayOverlap(patterns.get(c.id()))))
                .toList();
        Map<String, List<String>> changed = new TreeMap<>();
        touches.forEach((other, paths2) -> {
            if (!other.equals(role)) {
                List<String> covered = paths2.keySet().stream()
                        .filter(path -> parsed.stream().anyMatch(p -> p.matches(path)))
                        .toList();
                if (!covered.isEmpty()) {
                    changed.put(other, covered);
                }
            }
        });
        return new ClaimResult(made, others, changed);
    }

    /**
     * Removes {@code role}'s claims of exactly these patterns (normalised as in {@link PathPattern#normalize}).
     *
     * @throws IllegalArgumentException when a path is not a valid relative path or pattern, or none is given
     */
    public ReleaseResult release(String role, List<String> paths) {
        List<PathPattern> parsed = parseAll(paths);
        List<Claim> released = new ArrayList<>();
        List<String> notHeld = new ArrayList<>();
        for (PathPattern pattern : parsed) {
            removeClaim(role, pattern.text()).ifPresentOrElse(released::add, () -> notHeld.add(pattern.text()));
        }
        return new ReleaseResult(released, notHeld);
    }

    /** Removes every claim of {@code role} (e.g. when it stops for good). */
    public ReleaseResult releaseAll(String role) {
        List<Claim> held =
                claims.values().stream().filter(c -> c.role().equals(role)).toList();
        held.forEach(c -> dropClaim(c.id()));
        return new ReleaseResult(held, List.of());
    }

    /** Every claim in force, oldest first. */
    public List<Claim> claims() {
        return List.copyOf(claims.values());
    }

    /**
     * The claims of other roles that {@code role}'s changes touch, new or changed since last reported to it, sorted by
     * path and then claim. Tell {@code role} (the editor); the claimer may be told too.
     */
    public List<ClaimAlert> checkClaims(String role, ChangeSet changes) {
        Objects.requireNonNull(role, "role");
        Map<String, Touch> now = touchesOf(changes);
        reportedClaims.keySet().removeIf(key -> key.editor().equals(role) && !now.containsKey(key.path()));
        List<ClaimAlert> alerts = new ArrayList<>();
        for (Map.Entry<String, Touch> touch : now.entrySet()) {
            String path = touch.getKey();
            for (Claim claim : claims.values()) {
                if (claim.role().equals(role) || !patterns.get(claim.id()).matches(path)) {
                    continue;
                }
                ClaimKey key = new ClaimKey(claim.id(), role, path);
                if (!touch.getValue()
                        .fingerprint()
                        .equals(reportedClaims.put(key, touch.getValue().fingerprint()))) {
                    alerts.add(
                            new ClaimAlert(claim, role, path, touch.getValue().change()));
                }
            }
        }
        return List.copyOf(alerts);
    }

    private Optional<Claim> removeClaim(String role, String pattern) {
        Optional<Claim> held = claims.values().stream()
                .filter(c -> c.role().equals(role) && c.pattern().equals(pattern))
                .findFirst();
        held.ifPresent(c -> dropClaim(c.id()));
        return held;
    }

    private void dropClaim(long id) {
        claims.remove(id);
        patterns.remove(id);
        reportedClaims.keySet().removeIf(key -> key.claimId() == id);
    }

    private static List<PathPattern> parseAll(List<String> paths) {
        if (paths == null || paths.isEmpty()) {
            throw new IllegalArgumentException("no paths given: name files or folders relative to the repository, "
                    + "like [\"src/api/\", \"docs/api.md\"]");
        }
        List<PathPattern> parsed = new ArrayList<>();
        for (String path : paths) {
            PathPattern pattern = PathPattern.parse(path);
            if (!parsed.contains(pattern)) {
                parsed.add(pattern);
            }
        }
        return parsed;
    }

    /** Every path a change set touches, the old names of renames included, minus the ignored changes. */
    private Map<String, Touch> touchesOf(ChangeSet changes) {
        Map<String, Touch> result = new TreeMap<>();
        for (ChangedPath change : changes.paths()) {
            if (ignored.test(change)) {
                continue;
            }
            String content = changes.fingerprint(change.path());
            String fingerprint = change.kind() + (change.oldPath() == null ? "" : " from " + change.oldPath()) + ":"
                    + (content == null ? "" : content);
            result.merge(change.path(), new Touch(change, fingerprint), OverlapTracker::combine);
            if (change.oldPath() != null) {
                result.merge(
                        change.oldPath(),
                        new Touch(change, "renamed to " + change.path() + ":" + fingerprint),
                        OverlapTracker::combine);
            }
        }
        return result;
    }

    /** A path that is both one entry's new name and another's old name: keep the entry named by it, mix the states. */
    private static Touch combine(Touch a, Touch b) {
        Touch primary = a.fingerprint().startsWith("renamed to ") ? b : a;
        return new Touch(primary.change(), a.fingerprint() + "+" + b.fingerprint());
    }
}
