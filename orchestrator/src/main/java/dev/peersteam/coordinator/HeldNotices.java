package dev.peersteam.coordinator;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Watch notices (new commits, tasks in review or done, shared files changed by their owners), held per recipient and
 * sent as one message when the recipient is idle ({@link #deliver}): a burst of commits during a reviewer's turn
 * reaches it as one message when that turn ends. Notices still held when a coordinator dies are not sent by the next
 * one (they were never journaled); their commits are on the branches all the same.
 */
final class HeldNotices {
    private final TeamState state;
    private final Map<String, Pending> pending = new LinkedHashMap<>();

    /** What one recipient has not been sent yet. */
    private static final class Pending {
        final List<NoticeTexts.CommitBatch> commits = new ArrayList<>();
        final Map<String, NoticeTexts.TaskNotice> tasks = new LinkedHashMap<>();
        final List<NoticeTexts.SharedChange> shared = new ArrayList<>();

        boolean isEmpty() {
            return commits.isEmpty() && tasks.isEmpty() && shared.isEmpty();
        }

        /**
         * Keeps what a watcher that stays busy a long time piles up bounded: beyond a few messages' worth of commits,
         * the oldest are only counted (the message lists the newest anyway), and old shared changes are dropped.
         */
        void trim() {
            int kept = commits.stream().mapToInt(b -> b.commits().size()).sum();
            for (int i = 0; i < commits.size() && kept > 2 * NoticeTexts.MAX_COMMITS; i++) {
                NoticeTexts.CommitBatch batch = commits.get(i);
                kept -= batch.commits().size();
                commits.set(i, new NoticeTexts.CommitBatch(batch.author(), batch.total(), List.of()));
            }
            while (shared.size() > 2 * NoticeTexts.MAX_COMMITS) {
                shared.removeFirst();
            }
        }
    }

    HeldNotices(TeamState state) {
        this.state = state;
    }

    void commits(String watcher, NoticeTexts.CommitBatch batch) {
        Pending held = pendingFor(watcher);
        held.commits.add(batch);
        held.trim();
    }

    void sharedChange(String recipient, NoticeTexts.SharedChange change) {
        Pending held = pendingFor(recipient);
        held.shared.add(change);
        held.trim();
    }

    /** Whether a notice of this task is held for the watcher, not sent yet. */
    boolean holdsTask(String watcher, String taskId) {
        Pending held = pending.get(watcher);
        return held != null && held.tasks.containsKey(taskId);
    }

    /** Holds the task as it is now; a notice of it held before is replaced (told once, as it is now). */
    void task(String watcher, NoticeTexts.TaskNotice notice) {
        pendingFor(watcher).tasks.put(notice.task().id(), notice);
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
                parts.add(NoticeTexts.commits(held.commits));
            }
            if (!held.tasks.isEmpty()) {
                parts.add(NoticeTexts.tasks(List.copyOf(held.tasks.values())));
            }
            if (!parts.isEmpty()) {
                state.messenger.post(NoticeTexts.WATCH, member.name(), String.join("\n\n---\n\n", parts));
            }
            if (!held.shared.isEmpty()) {
                state.messenger.post(NoticeTexts.SHARED, member.name(), NoticeTexts.sharedChanges(held.shared));
            }
        }
    }

    private Pending pendingFor(String role) {
        return pending.computeIfAbsent(role, r -> new Pending());
    }
}
