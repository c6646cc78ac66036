package dev.peersteam.coordinator;

import dev.peersteam.board.Actor;
import dev.peersteam.board.Board;
import dev.peersteam.board.BoardCommand;
import dev.peersteam.board.BoardEvent;
import dev.peersteam.board.Decision;
import dev.peersteam.board.Task;
import dev.peersteam.board.TaskStatus;
import dev.peersteam.control.TaskView;
import dev.peersteam.control.TeamEvent;
import dev.peersteam.journal.Journal;
import dev.peersteam.journal.JournalRecord;
import dev.peersteam.team.ReservedNames;
import dev.peersteam.tools.ToolResult;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.BiPredicate;
import java.util.function.Consumer;

/**
 * The task board inside the loop. Board commands from the models and the person become journaled facts; facts
 * become messages: a ready task goes to its assignee, a finished one to its creator and the lead, and a role that
 * goes idle while it holds a task is reminded of it once. A task that reaches review or done is reported to whoever
 * listens ({@link #onTaskMoved}: the watch desk tells the assignee's task watchers), and a task watcher may note and
 * fail the tasks of the role it watches, so QA can fail what it tested.
 */
final class TaskDesk {
    /** The sender of the board's own messages, as the models see it: {@code [from board] ...}. */
    static final String BOARD = ReservedNames.BOARD;

    private final Journal journal;
    private final Messenger messenger;
    private final Consumer<TeamEvent> events;
    private final Clock clock;
    private final String lead;
    private final List<String> roles;
    /** (watcher, author): whether the first role watches the second's tasks. */
    private final BiPredicate<String, String> watchesTasks;

    private BiConsumer<Task, BoardEvent.TaskUpdated> onTaskMoved = (task, update) -> {};
    private Board board;
    /** Per role: the tasks it was reminded of since there was news for it, so each is nudged once per news. */
    private final Map<String, Set<String>> reminded = new HashMap<>();

    TaskDesk(
            Board board,
            Journal journal,
            Messenger messenger,
            Consumer<TeamEvent> events,
            Clock clock,
            String lead,
            List<String> roles) {
        this(board, journal, messenger, events, clock, lead, roles, (watcher, author) -> false);
    }

    /** @param watchesTasks (watcher, author): whether the first role watches the second's tasks */
    TaskDesk(
            Board board,
            Journal journal,
            Messenger messenger,
            Consumer<TeamEvent> events,
            Clock clock,
            String lead,
            List<String> roles,
            BiPredicate<String, String> watchesTasks) {
        this.watchesTasks = watchesTasks;
        this.board = board;
        this.journal = journal;
        this.messenger = messenger;
        this.events = events;
        this.clock = clock;
        this.lead = lead;
        this.roles = List.copyOf(roles);
    }

    Board board() {
        return board;
    }

    Actor actor(String name) {
        return name.equals(Actor.HUMAN) ? Actor.human(roles) : Actor.role(name, name.equals(lead), roles);
    }

    /** Hears each task update that moves a task to review or done (after it is applied). */
    void onTaskMoved(BiConsumer<Task, BoardEvent.TaskUpdated> listener) {
        this.onTaskMoved = listener;
    }

    /** What a board command came to: the task as it is afterwards, or why it was refused. */
    sealed interface Outcome {
        record Changed(Task task, boolean ready) implements Outcome {}

        /** {@code message} is written for a model (or the person) to act on. */
        record Refused(String message) implements Outcome {}
    }

    /** Runs a command for {@code actor}. */
    Outcome run(BoardCommand command, String actor) {
        Decision decision = board.decide(command, actor(actor), clock.instant());
        if (decision instanceof Decision.Rejected rejected && command instanceof BoardCommand.Update update) {
            decision = asWatcher(update, actor, rejected);
        }
        return switch (decision) {
            case Decision.Rejected rejected -> new Outcome.Refused(rejected.message());
            case Decision.Accepted accepted -> {
                record(accepted.events());
                Task task = board.task(accepted.events().getFirst().id()).orElseThrow();
                yield new Outcome.Changed(task, board.isReady(task));
            }
        };
    }

    /** {@link #run}, as a team tool answers it: the task as JSON, or the refusal as an error. */
    ToolResult execute(BoardCommand command, String actor) {
        return switch (run(command, actor)) {
            case Outcome.Refused refused -> ToolResult.error(refused.message());
            case Outcome.Changed changed -> ToolResult.json(TaskView.of(board, changed.task()));
        };
    }

    /**
     * What a task watcher may do to a task of the role it watches, beyond what the board lets any role do: add a
     * note, and fail a task that is in review or done (the watcher tested it, and it does not work). Anything else
     * stays refused, with what it may do.
     */
    private Decision asWatcher(BoardCommand.Update update, String actor, Decision.Rejected rejected) {
        Task task = board.task(update.id()).orElse(null);
        if (task == null
                || task.assignee() == null
                || task.isAssignedTo(actor)
                || !watchesTasks.test(actor, task.assignee())) {
            return rejected;
        }
        String note = update.note() == null || update.note().isBlank()
                ? null
                : update.note().strip();
        boolean reassigns = update.assignee() != null
                && !update.assignee().isBlank()
                && !task.isAssignedTo(update.assignee().strip());
        TaskStatus to = update.status() == task.status() ? null : update.status();
        if (!reassigns
                && to == TaskStatus.FAILED
                && (task.status() == TaskStatus.REVIEW || task.status() == TaskStatus.DONE)) {
            return new Decision.Accepted(
                    List.of(new BoardEvent.TaskUpdated(task.id(), TaskStatus.FAILED, note, actor, clock.instant())));
        }
        if (!reassigns && to == null && note != null) {
            return new Decision.Accepted(List.of(new BoardEvent.TaskNoted(task.id(), note, actor, clock.instant())));
        }
        return new Decision.Rejected(rejected.message() + " (As a watcher of " + task.assignee() + "'s tasks you may"
                + " add a note to " + task.id() + ", or set it to failed with a note while it is in review or done.)");
    }

    /** Journals and applies facts, and tells whoever a task's end concerns. */
    private void record(List<BoardEvent> facts) {
        for (BoardEvent fact : facts) {
            journal.append(new JournalRecord.BoardChanged(fact));
            board = board.apply(fact);
            Task task = board.task(fact.id()).orElseThrow();
            if (!(fact instanceof BoardEvent.TaskDispatched)) {
                events.accept(
                        new TeamEvent.TaskChanged(fact.by(), task.id(), task.status(), task.assignee(), task.title()));
            }
            if (fact instanceof BoardEvent.TaskUpdated updated
                    && updated.status() != null
                    && (updated.status() == TaskStatus.DONE || updated.status() == TaskStatus.FAILED)) {
                announceEnd(task, updated);
            }
            if (fact instanceof BoardEvent.TaskUpdated updated && WatchMessages.notifies(updated.status())) {
                onTaskMoved.accept(task, updated);
            }
            if (task.assignee() != null
                    && !task.assignee().equals(fact.by())
                    && !(fact instanceof BoardEvent.TaskDispatched)) {
                news(task.assignee(), task.id()); // someone else changed what it holds
            }
        }
    }

    private void announceEnd(Task task, BoardEvent.TaskUpdated update) {
        Set<String> told = new LinkedHashSet<>(List.of(task.createdBy(), lead));
        if (task.assignee() != null && watchesTasks.test(update.by(), task.assignee())) {
            told.add(task.assignee()); // a watcher failed it: the one who holds it must hear why
        }
        told.remove(update.by());
        told.remove(Actor.HUMAN);
        for (String role : told) {
            if (roles.contains(role)) {
                messenger.post(
                        BOARD,
                        role,
                        task.id() + " \"" + task.title() + "\" is "
                                + update.status().wire() + " (by " + update.by() + ")"
                                + (update.note() == null ? "." : ": " + update.note()));
            }
        }
    }

    /**
     * Sends every ready task to its assignee, if that role can take messages; each goes out once. A task held by a
     * role that is not in the team (any more) waits; {@link #roleGone} gives it back to the board.
     */
    void dispatchReady() {
        for (Task task : board.readyToDispatch()) {
            messenger
                    .post(BOARD, task.assignee(), assignment(task))
                    .ifPresent(sent -> record(List.of(
                            new BoardEvent.TaskDispatched(task.id(), task.assignee(), sent.id(), clock.instant()))));
        }
    }

    /** Roles the board names as assignees that the team does not have (renamed or removed in the team file). */
    List<String> strangers() {
        return board.tasks().stream()
                .filter(t -> t.status().isOpen() && t.assignee() != null && !roles.contains(t.assignee()))
                .map(Task::assignee)
                .distinct()
                .toList();
    }

    private static String assignment(Task task) {
        StringBuilder text = new StringBuilder();
        text.append("Task ")
                .append(task.id())
                .append(" is yours: ")
                .append(task.title())
                .append('\n');
        if (!task.details().isBlank()) {
            text.append(task.details().strip()).append('\n');
        }
        if (!task.dependsOn().isEmpty()) {
            text.append("(It depended on ")
                    .append(String.join(", ", task.dependsOn()))
                    .append(task.dependsOn().size() == 1 ? ", which is done.)\n" : ", which are done.)\n");
        }
        text.append("Status: ")
                .append(task.status().wire())
                .append(". When you start, call update_task {\"id\":\"")
                .append(task.id())
                .append("\",\"status\":\"in_progress\"}; when it is ready, update it to review or")
                .append(" done with a note saying where the work is (branch, files).");
        return text.toString();
    }

    /**
     * A role went idle: reminds it of the open tasks it holds that were sent to it, once per task until there is news
     * for it (a message from someone else, or someone else changing the task). What the role does to its own task —
     * a note, "blocked" — is not news: a role that answers each reminder with a note is not reminded in a loop.
     */
    boolean remindIfIdleWithTasks(String role) {
        Set<String> seen = reminded.computeIfAbsent(role, r -> new HashSet<>());
        List<Task> forgotten = new ArrayList<>();
        for (Task task : board.openTasksOf(role)) {
            if (board.wasDispatched(task) && seen.add(task.id())) {
                forgotten.add(task);
            }
        }
        if (forgotten.isEmpty()) {
            return false;
        }
        StringBuilder text = new StringBuilder("Reminder: your turn ended while you hold ");
        for (int i = 0; i < forgotten.size(); i++) {
            Task task = forgotten.get(i);
            text.append(i == 0 ? "" : ", ")
                    .append(task.id())
                    .append(" \"")
                    .append(task.title())
                    .append("\" (")
                    .append(task.status().wire())
                    .append(')');
        }
        text.append(". Continue, or update_task each to review, done, blocked or failed with a note; if you are"
                + " waiting on someone, say so in a note.");
        return messenger.post(BOARD, role, text.toString()).isPresent();
    }

    private void news(String role, String taskId) {
        Set<String> seen = reminded.get(role);
        if (seen != null) {
            seen.remove(taskId);
        }
    }

    /**
     * A role is gone for good (stopped at its budget, crashed too often, or no longer in the team file): its open
     * tasks go back to the board unassigned (todo), and the lead and the person are told, so no task waits silently
     * on a role that cannot run.
     */
    void roleGone(String role, String why) {
        List<Task> held = board.tasks().stream()
                .filter(t -> t.isAssignedTo(role) && t.status().isOpen())
                .toList();
        if (held.isEmpty()) {
            return;
        }
        java.time.Instant now = clock.instant();
        for (Task task : held) {
            record(List.of(
                    new BoardEvent.TaskAssigned(task.id(), null, role + " " + why, BoardEvent.COORDINATOR, now),
                    new BoardEvent.TaskUpdated(task.id(), TaskStatus.TODO, null, BoardEvent.COORDINATOR, now)));
        }
        String ids = String.join(", ", held.stream().map(Task::id).toList());
        String text = role + " " + why + "; its open tasks " + ids + " are unassigned (todo) now. Assign each to"
                + " someone who can do it (update_task {\"id\":..., \"assignee\":...}), or cancel it.";
        events.accept(new TeamEvent.Warning(role, text));
        if (!role.equals(lead)) {
            messenger.post(BOARD, lead, text);
        }
    }

    /** Something new reached the role: its next idle spell may remind it again. */
    void forgetReminders(String role) {
        reminded.remove(role);
    }
}
