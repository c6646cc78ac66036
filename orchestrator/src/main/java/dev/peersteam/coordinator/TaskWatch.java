package dev.peersteam.coordinator;

import dev.peersteam.board.BoardEvent;
import dev.peersteam.board.Task;
import dev.peersteam.board.TaskStatus;
import dev.peersteam.git.BranchState;
import dev.peersteam.team.RoleSpec;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Task watches: a task of a watched role that reaches review or done is looked up with its branch (off the loop) and
 * held for the role's task watchers ({@link HeldNotices}), except whoever moved it. A task seen in review and then done
 * with nothing new on its branch is no news.
 */
final class TaskWatch {
    private final TeamState state;
    private final RepositoryView repository;
    private final TrackedBackground background;
    private final HeldNotices notices;
    /** Per watcher and task: the branch head it was told the task in review at (absent: not told in review). */
    private final Map<String, Map<String, String>> toldInReview = new HashMap<>();

    TaskWatch(TeamState state, RepositoryView repository, TrackedBackground background, HeldNotices notices) {
        this.state = state;
        this.repository = repository;
        this.background = background;
        this.notices = notices;
    }

    /** A task reached review or done: its assignee's task watchers (but not whoever moved it) get it. */
    void taskMoved(Task task, BoardEvent.TaskUpdated update) {
        if (task.assignee() == null || !NoticeTexts.notifies(task.status())) {
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
            if (task.status() == TaskStatus.DONE
                    && !notices.holdsTask(watcher, task.id())
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
            notices.task(watcher, new NoticeTexts.TaskNotice(task, movedBy, branch));
        }
    }
}
