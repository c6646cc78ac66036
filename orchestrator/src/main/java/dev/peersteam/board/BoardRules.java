package dev.peersteam.board;

import dev.peersteam.board.BoardCommand.Create;
import dev.peersteam.board.BoardCommand.Update;
import dev.peersteam.board.BoardEvent.TaskAssigned;
import dev.peersteam.board.BoardEvent.TaskCreated;
import dev.peersteam.board.BoardEvent.TaskNoted;
import dev.peersteam.board.BoardEvent.TaskUpdated;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The board's rules: who may do what to which task, and which status may follow which. Every rejection says what
 * is wrong and what to do instead, because its reader is usually a model that will try again.
 */
final class BoardRules {
    static final int MAX_TITLE = 200;
    /** Above this many tasks, error messages give the id range instead of every id. */
    private static final int LISTED_IDS = 10;

    private final Board board;
    private final Actor actor;
    private final Instant now;

    BoardRules(Board board, Actor actor, Instant now) {
        this.board = board;
        this.actor = actor;
        this.now = now;
    }

    CommandOutcome decide(BoardCommand command) {
        if (command.by() != null && !command.by().equals(actor.name())) {
            // Both come from the coordinator; a mismatch is a wiring bug, not something a model can fix.
            throw new IllegalArgumentException("command by " + command.by() + " but the actor is " + actor.name());
        }
        return switch (command) {
            case Create create -> create(create);
            case Update update -> update(update);
        };
    }

    private CommandOutcome create(Create c) {
        String title = c.title() == null ? "" : c.title().strip().replaceAll("\\s+", " ");
        if (title.isEmpty()) {
            return reject("a task needs a title: one line that says what is to be done");
        }
        if (title.length() > MAX_TITLE) {
            return reject("the title is " + title.length() + " characters; keep it within " + MAX_TITLE
                    + " and put the rest in details");
        }
        String assignee = role(c.assignee());
        if (assignee != null) {
            Optional<String> wrong = assigneeProblem(assignee);
            if (wrong.isPresent()) {
                return reject(wrong.get());
            }
        }
        Set<String> deps = new LinkedHashSet<>();
        if (c.dependsOn() != null) {
            for (String raw : c.dependsOn()) {
                if (raw != null && !raw.isBlank()) {
                    deps.add(TaskIds.normalise(raw));
                }
            }
        }
        List<String> unknown =
                deps.stream().filter(d -> board.task(d).isEmpty()).toList();
        if (!unknown.isEmpty()) {
            return reject((unknown.size() == 1 ? "no task " : "no tasks ") + String.join(", ", unknown)
                    + " to depend on; " + existingIds());
        }
        String details = c.details() == null ? "" : c.details().strip();
        return accept(new TaskCreated(board.nextId(), title, details, assignee, List.copyOf(deps), actor.name(), now));
    }

    private CommandOutcome update(Update u) {
        if (u.id() == null || u.id().isBlank()) {
            return reject("which task? give its id; " + existingIds());
        }
        Optional<Task> found = board.task(u.id());
        if (found.isEmpty()) {
            return reject("no task " + TaskIds.normalise(u.id()) + "; " + existingIds());
        }
        Task task = found.get();
        String note = u.note() == null || u.note().isBlank() ? null : u.note().strip();
        String assignee = role(u.assignee());
        if (task.isAssignedTo(assignee)) {
            assignee = null; // naming the current assignee changes nothing
        }
        TaskStatus to = u.status() == task.status() ? null : u.status(); // the same status changes nothing

        if (to == null && assignee == null) {
            if (note == null) {
                return reject("nothing to change: " + task.id() + " is already " + describe(task)
                        + "; give a new status or a note");
            }
            if (!mayNote(task)) {
                return reject(notYours(task, "you can add notes to your own tasks and to tasks you created"));
            }
            return accept(new TaskNoted(task.id(), note, actor.name(), now));
        }
        if (assignee != null) {
            if (!actor.manages()) {
                return reject("only the lead or the human can assign tasks; " + task.id() + " is " + describe(task)
                        + ". Ask the lead with send_message.");
            }
            Optional<String> wrong = assigneeProblem(assignee);
            if (wrong.isPresent()) {
                return reject(wrong.get());
            }
        }
        if (!actor.manages() && !task.isAssignedTo(actor.name())) {
            return reject(notYours(task, "you can change only tasks assigned to you"));
        }
        if (to == null) {
            if (task.status().isTerminal()) {
                return reject(task.id() + " is " + task.status() + "; to hand it out again, reopen it: status "
                        + "\"assigned\" with the assignee");
            }
            return accept(new TaskAssigned(task.id(), assignee, note, actor.name(), now));
        }
        Optional<String> illegal = transitionProblem(task, to, assignee != null ? assignee : task.assignee());
        if (illegal.isPresent()) {
            return reject(illegal.get());
        }
        if (assignee == null) {
            return accept(new TaskUpdated(task.id(), to, note, actor.name(), now));
        }
        if (task.status() == TaskStatus.TODO && to == TaskStatus.ASSIGNED) {
            return accept(new TaskAssigned(task.id(), assignee, note, actor.name(), now)); // the fold moves it
        }
        return accept(
                new TaskAssigned(task.id(), assignee, null, actor.name(), now),
                new TaskUpdated(task.id(), to, note, actor.name(), now));
    }

    /** Why {@code task} may not move to {@code to} (held by {@code holder} afterwards), if it may not. */
    private Optional<String> transitionProblem(Task task, TaskStatus to, String holder) {
        TaskStatus from = task.status();
        String id = task.id();
        if (from.isTerminal()) {
            if (!actor.manages()) {
                return Optional.of(id + " is " + from + ", which is final; only the lead or the human can reopen it."
                        + " Ask the lead with send_message, or create a follow-up task.");
            }
            if (to != TaskStatus.ASSIGNED && to != TaskStatus.TODO) {
                return Optional.of(id + " is " + from + "; a finished task can only be reopened, as assigned"
                        + " (with an assignee) or as todo");
            }
        } else if (!Transitions.isLegal(from, to)) {
            return Optional.of("cannot move " + id + " from " + from + " to " + to + "; from " + from
                    + " it can go to: " + Transitions.describeNext(from));
        }
        if (to == TaskStatus.ASSIGNED && holder == null) {
            return Optional.of(id + " has no assignee; give an assignee (" + rolesList() + ") to assign it");
        }
        if (to == TaskStatus.TODO && holder != null) {
            return Optional.of("a todo task has no assignee and " + id + " would be held by " + holder
                    + "; reopen it as assigned instead");
        }
        if (Transitions.needsDependenciesDone(to)) {
            List<String> waiting = board.unfinishedDependencies(task);
            if (!waiting.isEmpty()) {
                return Optional.of(id + " waits for "
                        + waiting.stream().map(this::describeDependency).collect(Collectors.joining(", "))
                        + "; it can move to " + to + " once "
                        + (waiting.size() == 1 ? "that is" : "those are") + " done");
            }
        }
        return Optional.empty();
    }

    private boolean mayNote(Task task) {
        return actor.manages()
                || task.isAssignedTo(actor.name())
                || actor.name().equals(task.createdBy());
    }

    private String notYours(Task task, String rule) {
        String holder = task.assignee() == null
                ? task.id() + " is not assigned to anyone"
                : task.id() + " is assigned to " + task.assignee() + ", not to you (" + actor.name() + ")";
        String whom = task.assignee() == null ? "the lead" : task.assignee() + " or the lead";
        return holder + "; " + rule + ". Send a message to " + whom + " with send_message instead.";
    }

    private Optional<String> assigneeProblem(String assignee) {
        if (assignee.equals(Actor.HUMAN) || assignee.equals("all")) {
            return Optional.of("\"" + assignee + "\" cannot take a task; assign it to one role: " + rolesList());
        }
        if (!actor.roles().contains(assignee)) {
            return Optional.of("no role named \"" + assignee + "\"; roles: " + rolesList());
        }
        return Optional.empty();
    }

    private String describeDependency(String id) {
        return board.task(id).map(t -> id + " (" + t.status() + ")").orElse(id + " (missing)");
    }

    /** {@code assigned to qa}, {@code in_progress (assignee: qa)}, {@code todo}. */
    private static String describe(Task task) {
        if (task.assignee() == null) {
            return task.status().wire();
        }
        return task.status() == TaskStatus.ASSIGNED
                ? "assigned to " + task.assignee()
                : task.status() + " (assignee: " + task.assignee() + ")";
    }

    private String existingIds() {
        List<Task> tasks = board.tasks();
        if (tasks.isEmpty()) {
            return "the board has no tasks yet";
        }
        if (tasks.size() <= LISTED_IDS) {
            return "tasks are " + tasks.stream().map(Task::id).collect(Collectors.joining(", "));
        }
        return "tasks are " + tasks.getFirst().id() + " to " + tasks.getLast().id() + " (" + tasks.size()
                + " in all; get_board lists them)";
    }

    private String rolesList() {
        return String.join(", ", actor.roles());
    }

    /** A role name as models write it; blank means none. */
    private static String role(String raw) {
        return raw == null || raw.isBlank() ? null : raw.strip().toLowerCase(Locale.ROOT);
    }

    private static CommandOutcome accept(BoardEvent... events) {
        return new CommandOutcome.Accepted(List.of(events));
    }

    private static CommandOutcome reject(String message) {
        return new CommandOutcome.Rejected(message);
    }
}
