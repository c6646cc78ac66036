package dev.peersteam.coordinator;

import dev.peersteam.board.BoardEvent;
import dev.peersteam.board.Task;
import dev.peersteam.board.TaskStatus;
import dev.peersteam.control.TeamEvent;
import dev.peersteam.git.BranchState;
import dev.peersteam.git.ChangeSet;
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
 * Watches and shared files, inside the loop. After a turn of a role whose commits matter (someone watches them, or
 * it owns a shared file), it looks (off the loop) for commits on {@code peers/<role>} that are new since the last
 * look; a task of a watched role that reaches review or done is looked up with its branch. What it finds becomes
 * notices, held per recipient and sent as one message when the recipient is idle ({@link #deliver}): a burst of
 * commits during a reviewer's turn reaches it as one message when that turn ends. A role that changes a shared file
 * it does not own is told at once, once per change.
 *
 * <p>Commits seen: each author's branch head is read when the coordinator starts, and only commits after it are
 * announced, so a restarted team does not announce old commits again. Notices still held when a coordinator dies
 * are not sent by the next one (they were never journaled); their commits are on the branches all the same.
 */
final class WatchDesk {
    /** How many of the newest new commits one look reads (with stat and patch); older ones are counted. */
    static final int COMMITS_PER_LOOK = WatchMessages.MAX_COMMITS;

    private static final String UNKNOWN = "";

    private final TeamState state;
    private final RepositoryView repository;
    private final TrackedBackground background;
    /** The roles whose new commits go to someone: commit-watched, or owning a shared file. */
    private final Set<String> authors = new LinkedHashSet<>();

    /** Per author: the head seen last; {@link #UNKNOWN} when it could not be read at the start. */
    private final Map<String, String> seen = new HashMap<>();

    private boolean started;
    private final Set<String> looking = new HashSet<>();
    /** Authors to look at (again) once the start or the look under way is done. */
    private final Set<String> due = new LinkedHashSet<>();

    private final Map<String, Pending> pending = new LinkedHashMap<>();
    /** Per watcher and task: the branch head it was told the task in review at (absent: not told in review). */
    private final Map<String, Map<String, String>> toldInReview = new HashMap<>();
    /** Per role: the shared paths it was told it does not own, with the content fingerprint it had then. */
    private final Map<String, Map<String, String>> trespassTold = new HashMap<>();

    /** What one recipient has not been sent yet. */
    private static final class Pending {
        final List<WatchMessages.CommitBatch> commits = new ArrayList<>();
        final Map<String, WatchMessages.TaskNotice> tasks = new LinkedHashMap<>();
        final List<WatchMessages.SharedChange> shared = new ArrayList<>();

        boolean isEmpty() {
            return commits.isEmpty() && tasks.isEmpty() && shared.isEmpty();
        }

        /**
         * Keeps what a watcher that stays busy a long time piles up bounded: beyond a few messages' worth of commits,
         * the oldest are only counted (the message lists the newest anyway), and old shared changes are dropped.
         */
        void trim() {
            int kept = commits.stream().mapToInt(b -> b.commits().size()).sum();
            for (int i = 0; i < commits.size() && kept > 2 * WatchMessages.MAX_COMMITS; i++) {
                WatchMessages.CommitBatch batch = commits.get(i);
                kept -= batch.commits().size();
                commits.set(i, new WatchMessages.CommitBatch(batch.author(), batch.total(), List.of()));
            }
            while (shared.size() > 2 * WatchMessages.MAX_COMMITS) {
                shared.removeFirst();
            }
        }
    }

    /** The result of one look at an author's branch. */
    private record Look(NewCommits news, List<WatchMessages.SharedChange> shared, String error) {}

    WatchDesk(TeamState state, RepositoryView repository, TrackedBackground background) {
        this.state = state;
        this.repository = repository;
        this.background = background;
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
            NewCommits news = repository.commitsSince(author, since, COMMITS_PER_LOOK, WatchMessages.PATCH_BUDGET);
            List<WatchMessages.SharedChange> shared = new ArrayList<>();
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
                    String patch = repository.commitPatch(
                            commit.sha(), List.copyOf(files.keySet()), WatchMessages.PATCH_BUDGET);
                    shared.add(new WatchMessages.SharedChange(author, commit, files, patch));
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
                    Pending held = pendingFor(watcher.name());
                    held.commits.add(new WatchMessages.CommitBatch(
                            author, look.news().total(), look.news().commits()));
                    held.trim();
                }
                for (WatchMessages.SharedChange change : look.shared()) {
                    for (String role : state.members.keySet()) {
                        if (!role.equals(author)) {
                            pendingFor(role).shared.add(change);
                            pendingFor(role).trim();
                        }
                    }
                }
            }
        }
        if (due.remove(author)) {
            look(author);
        }
    }

    /** A task reached review or done: its assignee's task watchers (but not whoever moved it) get it. */
    void taskMoved(Task task, BoardEvent.TaskUpdated update) {
        if (task.assignee() == null || !WatchMessages.notifies(task.status())) {
            return;
        }
        List<String> watchers = state.team.taskWatchersOf(task.assignee()).stream()
                .map(RoleSpec::name)
                .filter(name -> !name.equals(update.by()))
                .toList();
        if (watchers.isEmpty()) {
            return;
        }
        if (repository == null) {
            taskLooked(task, update.by(), watchers, null);
            return;
        }
        String assignee = task.assignee();
        background.run(
                "looking at the branch of " + assignee,
                () -> {
                    try {
                        return repository.branchState(assignee);
                    } catch (RuntimeException e) {
                        return null;
                    }
                },
                branch -> taskLooked(task, update.by(), watchers, branch));
    }

    private void taskLooked(Task task, String movedBy, List<String> watchers, BranchState branch) {
        String head = branch == null ? null : branch.head();
        for (String watcher : watchers) {
            Map<String, String> inReview = toldInReview.computeIfAbsent(watcher, w -> new HashMap<>());
            Pending held = pendingFor(watcher);
            if (task.status() == TaskStatus.DONE
                    && !held.tasks.containsKey(task.id())
                    && inReview.containsKey(task.id())
                    && Objects.equals(inReview.get(task.id()), head)) {
                inReview.remove(task.id()); // seen in review, done with nothing new on its branch: no news
                continue;
            }
            if (task.status() == TaskStatus.REVIEW) {
                inReview.put(task.id(), head);
            } else {
                inReview.remove(task.id());
            }
            // A task that moved twice before its watcher could be told (review, then done) is told once, as it is now.
            held.tasks.put(task.id(), new WatchMessages.TaskNotice(task, movedBy, branch));
        }
    }

    /**
     * What a role changed (from the look after its turn): a shared path it does not own is told to it, once until
     * its content changes again. A file it has exactly as on an owner's branch was taken over (merged), not changed.
     */
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
                suspects.add(new Suspect(new WatchMessages.Trespass(path, file.owners()), fingerprint));
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

    private record Suspect(WatchMessages.Trespass trespass, String fingerprint) {}

    private boolean sameAsOnBranch(String role, Suspect suspect, String owner) {
        try {
            return repository.sameAsOnBranch(role, suspect.trespass().path(), owner);
        } catch (RuntimeException e) {
            return false;
        }
    }

    private void trespassed(String role, List<Suspect> looked, List<Suspect> changed, String baseCommit) {
        Map<String, String> told = trespassTold.computeIfAbsent(role, r -> new HashMap<>());
        List<WatchMessages.Trespass> news = new ArrayList<>();
        for (Suspect suspect : looked) {
            String before = told.put(suspect.trespass().path(), suspect.fingerprint());
            if (changed.contains(suspect) && !suspect.fingerprint().equals(before)) {
                news.add(suspect.trespass());
            }
        }
        if (!news.isEmpty()) {
            state.events.accept(new TeamEvent.Warning(role, WatchMessages.trespassLogLine(role, news)));
            state.messenger.post(WatchMessages.SHARED, role, WatchMessages.trespass(news, baseCommit));
        }
    }

    /**
     * Sends what is held for each role that is idle with nothing on its way to it: one message of commits and
     * tasks, one of shared-file changes. Called once per batch of the loop, so a burst becomes one message.
     */
    void deliver() {
        for (var it = pending.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<String, Pending> entry = it.next();
            Member member = state.members.get(entry.getKey());
            Pending held = entry.getValue();
            if (held.isEmpty() || member == null || !member.takesMessages()) {
                it.remove(); // nothing, or nobody to tell any more (crashed for good, or stopped)
                continue;
            }
            if (!member.isQuiet()) {
                continue;
            }
            it.remove();
            List<String> parts = new ArrayList<>();
            if (!held.commits.isEmpty()) {
                parts.add(WatchMessages.commits(held.commits));
            }
            if (!held.tasks.isEmpty()) {
                parts.add(WatchMessages.tasks(List.copyOf(held.tasks.values())));
            }
            if (!parts.isEmpty()) {
                state.messenger.post(WatchMessages.WATCH, member.name(), String.join("\n\n---\n\n", parts));
            }
            if (!held.shared.isEmpty()) {
                state.messenger.post(WatchMessages.SHARED, member.name(), WatchMessages.sharedChanges(held.shared));
            }
        }
    }

    private Pending pendingFor(String role) {
        return pending.computeIfAbsent(role, r -> new Pending());
    }
}
