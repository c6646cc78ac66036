package dev.peersteam.team;

import java.util.List;

/**
 * Whose work a role watches, written in the team file as {@code watches: {commits: [backend], tasks: [backend]}}.
 * The coordinator turns what it sees into messages to the watching role.
 *
 * @param commits the roles whose new commits (on their {@code peers/<role>} branch) are sent to the watcher, each with
 *                its message and a bounded diff
 * @param tasks   the roles whose tasks, when they move to {@code review} or {@code done}, are sent to the watcher
 */
public record WatchedRoles(List<String> commits, List<String> tasks) {

    /** Watching nothing: the default of every role. */
    public static final WatchedRoles NONE = new WatchedRoles(List.of(), List.of());

    public WatchedRoles {
        commits = commits == null ? List.of() : List.copyOf(commits);
        tasks = tasks == null ? List.of() : List.copyOf(tasks);
    }

    public boolean isEmpty() {
        return commits.isEmpty() && tasks.isEmpty();
    }

    public boolean watchesCommitsOf(String role) {
        return commits.contains(role);
    }

    public boolean watchesTasksOf(String role) {
        return tasks.contains(role);
    }
}
