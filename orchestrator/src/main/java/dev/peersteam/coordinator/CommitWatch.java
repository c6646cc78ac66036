package dev.peersteam.coordinator;

import dev.peersteam.control.TeamEvent;
import dev.peersteam.git.CommitInfo;
import dev.peersteam.git.NewCommits;
import dev.peersteam.team.RoleSpec;
import dev.peersteam.team.SharedFile;
import dev.peersteam.team.TeamSpec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Commit watches, and commits to shared files by their owners. After a turn of a role whose commits matter (someone
 * watches them, or it owns a shared file), it looks (off the loop) for commits on {@code peers/<role>} that are new
 * since the last look: its commit watchers are told of them, and every other role of those that change a shared file
 * the author owns ({@link HeldNotices}, sent when the recipient is idle).
 *
 * <p>Commits seen: each author's branch head is read when the coordinator starts, and only commits after it are
 * announced, so a restarted team does not announce old commits again.
 */
final class CommitWatch {
    /** How many of the newest new commits one look reads (with stat and patch); older ones are counted. */
    static final int COMMITS_PER_LOOK = NoticeTexts.MAX_COMMITS;

    private static final String UNKNOWN = "";

    private final TeamState state;
    private final RepositoryView repository;
    private final TrackedBackground background;
    private final HeldNotices notices;
    /** The roles whose new commits go to someone: commit-watched, or owning a shared file. */
    private final Set<String> authors = new LinkedHashSet<>();

    /** Per author: the head seen last; {@link #UNKNOWN} when it could not be read at the start. */
    private final Map<String, String> seen = new HashMap<>();

    private boolean started;
    private final Set<String> looking = new HashSet<>();
    /** Authors to look at (again) once the start or the look under way is done. */
    private final Set<String> due = new LinkedHashSet<>();

    /** The result of one look at an author's branch. */
    private record Look(NewCommits news, List<NoticeTexts.SharedChange> shared, String error) {}

    CommitWatch(TeamState state, RepositoryView repository, TrackedBackground background, HeldNotices notices) {
        this.state = state;
        this.repository = repository;
        this.background = background;
        this.notices = notices;
        TeamSpec team = state.team;
        for (RoleSpec role : team.roles()) {
            boolean watched = !team.commitWatchersOf(role.name()).isEmpty();
            boolean owner = team.shared().stream().anyMatch(file -> file.ownedBy(role.name()));
            if (watched || owner) {
                authors.add(role.name());
            }
        }
    }

    /** Reads where each author's branch is now: commits up to there are not news. */
    void start() {
        if (repository == null || authors.isEmpty()) {
            started = true;
            return;
        }
        List<String> roles = List.copyOf(authors);
        background.run(
                "reading the watched branches",
                () -> {
                    Map<String, String> heads = new HashMap<>();
                    for (String role : roles) {
                        try {
                            heads.put(role, Objects.requireNonNullElse(repository.branchHead(role), UNKNOWN));
                        } catch (RuntimeException e) {
                            heads.put(role, UNKNOWN);
                        }
                    }
                    return heads;
                },
                heads -> {
                    seen.putAll(heads);
                    started = true;
                    List<String> waiting = List.copyOf(due);
                    due.clear();
                    waiting.forEach(this::look);
                });
    }

    /** A turn of {@code member} ended: its branch may have moved. */
    void turnEnded(Member member) {
        if (repository != null && authors.contains(member.name())) {
            look(member.name());
        }
    }

    private void look(String author) {
        if (!started || looking.contains(author)) {
            due.add(author);
            return;
        }
        looking.add(author);
        String since = seen.get(author);
        background.run(
                "looking for new commits of " + author,
                () -> lookAt(author, since),
                look -> looked(author, since, look));
    }

    /** Off the loop: the new commits, and what they did to shared files the author owns. */
    private Look lookAt(String author, String since) {
        try {
            if (UNKNOWN.equals(since)) {
                return new Look(NewCommits.none(repository.branchHead(author)), List.of(), null);
            }
            NewCommits news = repository.commitsSince(author, since, COMMITS_PER_LOOK, NoticeTexts.PATCH_BUDGET);
            List<NoticeTexts.SharedChange> shared = new ArrayList<>();
            for (CommitInfo commit : news.commits()) {
                Map<String, List<String>> files = new LinkedHashMap<>();
                for (String path : commit.paths()) {
                    String inTeam = repository.teamPath(path);
                    SharedFile file = inTeam == null
                            ? null
                            : state.team.sharedFileCovering(inTeam).orElse(null);
                    if (file != null && file.ownedBy(author)) {
                        files.put(path, file.owners());
                    }
                }
                if (!files.isEmpty()) {
                    String patch =
                            repository.commitPatch(commit.sha(), List.copyOf(files.keySet()), NoticeTexts.PATCH_BUDGET);
                    shared.add(new NoticeTexts.SharedChange(author, commit, files, patch));
                }
            }
            return new Look(news, shared, null);
        } catch (RuntimeException e) {
            return new Look(null, List.of(), e.getMessage());
        }
    }

    private void looked(String author, String since, Look look) {
        looking.remove(author);
        if (look.error() != null) {
            state.events.accept(new TeamEvent.Warning(
                    author, "could not look for new commits on peers/" + author + ": " + look.error()));
        } else {
            if (look.news().head() != null) {
                seen.put(author, look.news().head());
            }
            if (!look.news().isEmpty() && !UNKNOWN.equals(since)) {
                for (RoleSpec watcher : state.team.commitWatchersOf(author)) {
                    notices.commits(
                            watcher.name(),
                            new NoticeTexts.CommitBatch(
                                    author, look.news().total(), look.news().commits()));
                }
                for (NoticeTexts.SharedChange change : look.shared()) {
                    for (String role : state.members.keySet()) {
                        if (!role.equals(author)) {
                            notices.sharedChange(role, change);
                        }
                    }
                }
            }
        }
        if (due.remove(author)) {
            look(author);
        }
    }
}
