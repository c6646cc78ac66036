package dev.peersteam.board;

import dev.peersteam.board.BoardEvent.TaskAssigned;
import dev.peersteam.board.BoardEvent.TaskCreated;
import dev.peersteam.board.BoardEvent.TaskDispatched;
import dev.peersteam.board.BoardEvent.TaskNoted;
import dev.peersteam.board.BoardEvent.TaskUpdated;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The task board: an immutable value, the fold of {@link BoardEvent}s. The coordinator journals each event and
 * then applies it, so replaying the journal rebuilds the same board (same ids, same dispatch state) after a
 * restart. Commands go through {@link #decide}, which holds every rule; {@link #apply} only records facts.
 */
public final class Board {
    private static final Board EMPTY = new Board(Collections.emptySortedMap(), Map.of());

    private final SortedMap<String, Task> tasks;
    /** Task id → the assignee it was last sent to; the task is due again when it has another assignee. */
    private final Map<String, String> dispatchedTo;

    private Board(SortedMap<String, Task> tasks, Map<String, String> dispatchedTo) {
        this.tasks = tasks;
        this.dispatchedTo = dispatchedTo;
    }

    public static Board empty() {
        return EMPTY;
    }

    public static Board replay(List<? extends BoardEvent> events) {
        Board board = EMPTY;
        for (BoardEvent event : events) {
            board = board.apply(event);
        }
        return board;
    }

    /** Checks a command against this board: the events that carry it out, or why not. Pure; applies nothing. */
    public CommandOutcome decide(BoardCommand command, Actor actor, Instant now) {
        return new BoardRules(this, actor, now).decide(command);
    }

    /**
     * This board with {@code event} applied. Events are facts, so nothing is re-validated; an event about a task
     * this board does not have (a journal from elsewhere, a hand edit) is ignored rather than failing a restart.
     */
    public Board apply(BoardEvent event) {
        Objects.requireNonNull(event, "event");
        Task task = event.id() == null ? null : tasks.get(event.id());
        if (task == null && !(event instanceof TaskCreated)) {
            return this;
        }
        return switch (event) {
            case TaskCreated created -> task != null ? this : with(create(created), null, false);
            case TaskUpdated updated -> {
                Task next = updated.status() == null ? task : task.withStatus(updated.status(), updated.at());
                next = withOptionalNote(next, updated.by(), updated.at(), updated.note());
                // A reopened task is news to its assignee again, even if it was sent to them before; a holder that
                // moves its own task evidently has it, so it needs no message about it.
                boolean reopened = task.status().isTerminal() && next.status().isOpen();
                boolean byHolder = next.assignee() != null && next.assignee().equals(updated.by());
                yield with(next, byHolder && !reopened ? next.assignee() : null, reopened);
            }
            case TaskAssigned assigned -> {
                Task next = task.withAssignee(assigned.assignee(), assigned.at());
                if (task.status() == TaskStatus.TODO && assigned.assignee() != null) {
                    next = next.withStatus(TaskStatus.ASSIGNED, assigned.at());
                }
                next = withOptionalNote(next, assigned.by(), assigned.at(), assigned.note());
                yield with(next, null, !Objects.equals(task.assignee(), assigned.assignee()));
            }
            case TaskNoted noted -> with(withOptionalNote(task, noted.by(), noted.at(), noted.note()), null, false);
            case TaskDispatched dispatched -> with(task, dispatched.assignee(), false);
        };
    }

    private static Task create(TaskCreated c) {
        TaskStatus status = c.assignee() == null ? TaskStatus.TODO : TaskStatus.ASSIGNED;
        return new Task(
                c.id(), c.title(), c.details(), c.assignee(), status, c.dependsOn(), List.of(), c.by(), c.at(), c.at());
    }

    private static Task withOptionalNote(Task task, String by, Instant at, String note) {
        return note == null ? task : task.withNote(new Note(by, at, note));
    }

    /** A copy with {@code task} put, and its dispatch record set to {@code sentTo}, kept, or cleared. */
    private Board with(Task task, String sentTo, boolean clearDispatch) {
        SortedMap<String, Task> nextTasks = new TreeMap<>(TaskIds.ORDER);
        nextTasks.putAll(tasks);
        nextTasks.put(task.id(), task);
        Map<String, String> nextDispatched = dispatchedTo;
        if (sentTo != null || (clearDispatch && dispatchedTo.containsKey(task.id()))) {
            nextDispatched = new HashMap<>(dispatchedTo);
            if (sentTo != null) {
                nextDispatched.put(task.id(), sentTo);
            } else {
                nextDispatched.remove(task.id());
            }
            nextDispatched = Collections.unmodifiableMap(nextDispatched);
        }
        return new Board(Collections.unmodifiableSortedMap(nextTasks), nextDispatched);
    }

    /** Every task in id order ({@code T1, T2, ..., T10}). */
    public List<Task> tasks() {
        return List.copyOf(tasks.values());
    }

    /** The task with this id; tolerant of how models write ids ({@code t3}, {@code #T3}). */
    public Optional<Task> task(String id) {
        return id == null ? Optional.empty() : Optional.ofNullable(tasks.get(TaskIds.normalise(id)));
    }

    public boolean isEmpty() {
        return tasks.isEmpty();
    }

    public int size() {
        return tasks.size();
    }

    /** The id the next created task gets: one past the highest. */
    public String nextId() {
        long highest = tasks.keySet().stream()
                .mapToLong(TaskIds::number)
                .filter(n -> n != Long.MAX_VALUE)
                .max()
                .orElse(0);
        return TaskIds.of(highest + 1);
    }

    /** The dependencies of {@code task} that are not done yet (an unknown id counts as not done). */
    public List<String> unfinishedDependencies(Task task) {
        List<String> waiting = new ArrayList<>();
        for (String dep : task.dependsOn()) {
            Task other = tasks.get(dep);
            if (other == null || other.status() != TaskStatus.DONE) {
                waiting.add(dep);
            }
        }
        return waiting;
    }

    /** Open, and every dependency done: the task can be worked on now. */
    public boolean isReady(Task task) {
        return task.status().isOpen() && unfinishedDependencies(task).isEmpty();
    }

    /**
     * Tasks the coordinator should send to their assignee now: held by someone (assigned, or reassigned while in
     * progress, blocked or in review), every dependency done, and not yet sent to this assignee. The coordinator
     * records each send as {@link TaskDispatched}, so each goes out once per assignee.
     */
    public List<Task> readyToDispatch() {
        return tasks.values().stream()
                .filter(t -> t.assignee() != null && t.status().isOpen() && t.status() != TaskStatus.TODO)
                .filter(t -> !t.assignee().equals(dispatchedTo.get(t.id())))
                .filter(this::isReady)
                .toList();
    }

    /** Whether {@code TaskDispatched} was recorded for the task's current assignee. */
    public boolean wasDispatched(Task task) {
        return task.assignee() != null && task.assignee().equals(dispatchedTo.get(task.id()));
    }

    /** What a role holds: its assigned, in-progress, blocked and in-review tasks, in id order. */
    public List<Task> openTasksOf(String role) {
        return tasks.values().stream()
                .filter(t -> t.isAssignedTo(role) && t.status().isOpen() && t.status() != TaskStatus.TODO)
                .toList();
    }

    /**
     * What the role is working on: its in-progress task, else its first assigned task that is ready, else its
     * first assigned task.
     */
    public Optional<Task> currentTaskOf(String role) {
        List<Task> held = openTasksOf(role);
        return held.stream()
                .filter(t -> t.status() == TaskStatus.IN_PROGRESS)
                .findFirst()
                .or(() -> held.stream()
                        .filter(t -> t.status() == TaskStatus.ASSIGNED && isReady(t))
                        .findFirst())
                .or(() -> held.stream()
                        .filter(t -> t.status() == TaskStatus.ASSIGNED)
                        .findFirst());
    }

    /** The team's work is finished: there is at least one task and every task is done or cancelled. */
    public boolean allDone() {
        return !tasks.isEmpty()
                && tasks.values().stream()
                        .allMatch(t -> t.status() == TaskStatus.DONE || t.status() == TaskStatus.CANCELLED);
    }

    public boolean anyFailed() {
        return tasks.values().stream().anyMatch(t -> t.status() == TaskStatus.FAILED);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Board other && tasks.equals(other.tasks) && dispatchedTo.equals(other.dispatchedTo);
    }

    @Override
    public int hashCode() {
        return Objects.hash(tasks, dispatchedTo);
    }

    @Override
    public String toString() {
        return "Board" + tasks.values();
    }
}
