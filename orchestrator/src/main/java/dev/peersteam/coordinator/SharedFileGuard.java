package dev.peersteam.coordinator;

import dev.peersteam.control.TeamEvent;
import dev.peersteam.git.ChangeSet;
import dev.peersteam.team.SharedFile;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Shared files guarded against roles that do not own them: a role whose changes (seen after its turn) touch a shared
 * path it does not own is told at once, once until that path's content changes again. A file it has exactly as on an
 * owner's branch was taken over (merged), not changed.
 */
final class SharedFileGuard {
    private final TeamState state;
    private final RepositoryView repository;
    private final TrackedBackground background;
    /** Per role: the shared paths it was told it does not own, with the content fingerprint it had then. */
    private final Map<String, Map<String, String>> trespassTold = new HashMap<>();

    SharedFileGuard(TeamState state, RepositoryView repository, TrackedBackground background) {
        this.state = state;
        this.repository = repository;
        this.background = background;
    }

    /** What a role changed (from the look after its turn). */
    void changesSeen(String role, ChangeSet changes) {
        if (state.team.shared().isEmpty()) {
            return;
        }
        Map<String, String> told = trespassTold.computeIfAbsent(role, r -> new HashMap<>());
        told.keySet().retainAll(changes.touchedPaths());
        List<Suspect> suspects = new ArrayList<>();
        for (String path : changes.touchedPaths()) {
            String inTeam = repository == null ? path : repository.teamPath(path);
            SharedFile file = inTeam == null
                    ? null
                    : state.team.sharedFileCovering(inTeam).orElse(null);
            if (file == null || file.ownedBy(role)) {
                continue;
            }
            String fingerprint = Objects.requireNonNullElse(changes.fingerprint(path), "(gone)");
            if (!fingerprint.equals(told.get(path))) {
                suspects.add(new Suspect(new NoticeTexts.Trespass(path, file.owners()), fingerprint));
            }
        }
        if (suspects.isEmpty()) {
            return;
        }
        if (repository == null) {
            trespassed(role, suspects, suspects, changes.mergeBase());
            return;
        }
        background.run(
                "checking the shared files " + role + " changed",
                () -> suspects.stream()
                        .filter(s -> s.trespass().owners().stream().noneMatch(owner -> sameAsOnBranch(role, s, owner)))
                        .toList(),
                changed -> trespassed(role, suspects, changed, changes.mergeBase()));
    }

    private record Suspect(NoticeTexts.Trespass trespass, String fingerprint) {}

    private boolean sameAsOnBranch(String role, Suspect suspect, String owner) {
        try {
            return repository.sameAsOnBranch(role, suspect.trespass().path(), owner);
        } catch (RuntimeException e) {
            return false;
        }
    }

    private void trespassed(String role, List<Suspect> looked, List<Suspect> changed, String baseCommit) {
        Map<String, String> told = trespassTold.computeIfAbsent(role, r -> new HashMap<>());
        List<NoticeTexts.Trespass> news = new ArrayList<>();
        for (Suspect suspect : looked) {
            String before = told.put(suspect.trespass().path(), suspect.fingerprint());
            if (changed.contains(suspect) && !suspect.fingerprint().equals(before)) {
                news.add(suspect.trespass());
            }
        }
        if (!news.isEmpty()) {
            state.events.accept(new TeamEvent.Warning(role, NoticeTexts.trespassLogLine(role, news)));
            state.messenger.post(NoticeTexts.SHARED, role, NoticeTexts.trespass(news, baseCommit));
        }
    }
}
