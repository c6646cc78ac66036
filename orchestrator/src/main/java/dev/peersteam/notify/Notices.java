package dev.peersteam.notify;

import dev.peersteam.board.TaskStatus;
import dev.peersteam.control.SessionState;
import dev.peersteam.control.TeamEvent;
import dev.peersteam.team.NoticeKind;
import java.time.Clock;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * Which team events a person is told about, and in what words: each event once. The coordinator tells each of these
 * once already; what is kept here makes sure of it where an event can come again (a task that fails, is reopened and
 * fails again is told twice; the same failure told twice is told once). Not thread safe: fed by one thread.
 */
final class Notices {
    private final String team;
    private final Clock clock;
    private final Set<String> askedIds = new HashSet<>();
    private final Set<String> failedTasks = new HashSet<>();
    private final Set<String> overBudget = new HashSet<>();

    Notices(String team, Clock clock) {
        this.team = team;
        this.clock = clock;
    }

    Optional<Notice> of(TeamEvent event) {
        return switch (event) {
            case TeamEvent.PermissionAsked e ->
                askedIds.add(e.id())
                        ? notice(
                                NoticeKind.PERMISSION,
                                e.role(),
                                e.id(),
                                e.role() + " asks to use " + e.summary() + " [" + e.id()
                                        + "]: approve or deny it (peers-team approve " + e.id() + ", the console or"
                                        + " the dashboard)")
                        : Optional.empty();
            case TeamEvent.Exited e
            when !e.expected() ->
                notice(
                        NoticeKind.CRASHED,
                        e.role(),
                        null,
                        e.role() + "'s session ended on its own (exit code " + e.exitCode() + "); it is restarted"
                                + " after a pause, and given up after repeated crashes");
            case TeamEvent.StateChanged e
            when e.state() == SessionState.CRASHED ->
                notice(
                        NoticeKind.CRASHED,
                        e.role(),
                        null,
                        e.role() + " is given up: " + (e.detail() == null ? "it crashed again and again" : e.detail()));
            case TeamEvent.BudgetReached e ->
                overBudget.add(e.role() == null ? "" : e.role())
                        ? notice(
                                NoticeKind.BUDGET,
                                e.role(),
                                null,
                                (e.role() == null ? "team " + team : e.role())
                                        + " reached its budget: " + e.costUsd().text() + " of "
                                        + e.budgetUsd().text()
                                        + (e.role() == null ? "; the team stops" : "; the role is stopped for good"))
                        : Optional.empty();
            case TeamEvent.TaskChanged e -> taskChanged(e);
            case TeamEvent.Settled e ->
                switch (e.outcome()) {
                    case TeamEvent.Settled.STUCK ->
                        notice(
                                NoticeKind.STUCK,
                                null,
                                null,
                                "team " + team + " is stuck: everyone is idle and tasks are open (" + e.summary()
                                        + ")");
                    case TeamEvent.Settled.DONE ->
                        notice(
                                NoticeKind.DONE,
                                null,
                                null,
                                "team " + team + ": the board is done (" + e.summary() + ")");
                    default -> Optional.empty(); // a failed task was told when it failed
                };
            default -> Optional.empty();
        };
    }

    private Optional<Notice> taskChanged(TeamEvent.TaskChanged e) {
        if (e.status() != TaskStatus.FAILED) {
            failedTasks.remove(e.id()); // reopened: a later failure is news again
            return Optional.empty();
        }
        if (!failedTasks.add(e.id())) {
            return Optional.empty(); // a note on a failed task, or the same failure told again
        }
        return notice(
                NoticeKind.TASK_FAILED,
                e.assignee(),
                e.id(),
                "task " + e.id() + " failed" + (e.assignee() == null ? "" : " (" + e.assignee() + ")") + ": "
                        + e.title() + (e.role() == null ? "" : "; marked by " + e.role()));
    }

    private Optional<Notice> notice(NoticeKind kind, String role, String id, String text) {
        return Optional.of(new Notice(kind, team, role, id, text, clock.instant(), 1));
    }
}
