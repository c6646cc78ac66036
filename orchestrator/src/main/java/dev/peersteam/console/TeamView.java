package dev.peersteam.console;

import dev.peersteam.board.TaskStatus;
import dev.peersteam.control.BoardView;
import dev.peersteam.control.EventLine;
import dev.peersteam.control.PsReply;
import dev.peersteam.control.RoleRow;
import dev.peersteam.control.TeamEvent;
import dev.peersteam.control.Usd;
import dev.peersteam.runtime.TeamInfo;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * What the console knows about the team right now, for completion and the status line: roles and their states,
 * requests waiting for a person, task ids. Read without blocking (completion runs while a line is typed); it is
 * updated from live events at once and made exact by {@code ps} and {@code board} answers fetched in the
 * background ({@link Refresher}). Thread safe: one immutable {@link Snapshot} swapped atomically.
 */
final class TeamView {
    /** One role; {@code state} is {@code "?"} until the coordinator has said. */
    record Role(String name, boolean lead, String state, Usd cost) {}

    /** A tool call waiting for a person. */
    record Waiting(String id, String role, String summary) {}

    record Task(String id, String title, TaskStatus status, String assignee) {}

    /** @param paused why and until when new turns wait, as the status line says it; null when they do not */
    record Snapshot(String team, List<Role> roles, List<Waiting> waiting, List<Task> tasks, Usd cost, String paused) {
        Snapshot(String team, List<Role> roles, List<Waiting> waiting, List<Task> tasks, Usd cost) {
            this(team, roles, waiting, tasks, cost, null);
        }

        Snapshot {
            roles = List.copyOf(roles);
            waiting = List.copyOf(waiting);
            tasks = List.copyOf(tasks);
        }

        List<String> roleNames() {
            return roles.stream().map(Role::name).toList();
        }

        long waitingFor(String role) {
            return waiting.stream().filter(w -> w.role().equals(role)).count();
        }

        Snapshot withRole(String name, UnaryOperator<Role> change) {
            return new Snapshot(
                    team,
                    roles.stream()
                            .map(r -> r.name().equals(name) ? change.apply(r) : r)
                            .toList(),
                    waiting,
                    tasks,
                    cost,
                    paused);
        }
    }

    private final AtomicReference<Snapshot> current;
    private volatile Consumer<Snapshot> listener = snapshot -> {};

    TeamView(TeamInfo team) {
        List<Role> roles = team.roles().stream()
                .map(r -> new Role(r.name(), r.lead(), "?", Usd.ZERO))
                .toList();
        current = new AtomicReference<>(new Snapshot(team.name(), roles, List.of(), List.of(), Usd.ZERO));
    }

    Snapshot snapshot() {
        return current.get();
    }

    /** Called after every change, on the thread that made it. */
    void onChange(Consumer<Snapshot> listener) {
        this.listener = Objects.requireNonNull(listener);
    }

    /** The answer to {@code ps}: states, costs and waiting requests, exactly. */
    void ps(PsReply reply) {
        update(old -> {
            List<Role> roles = new ArrayList<>();
            List<Waiting> waiting = new ArrayList<>();
            for (RoleRow row : reply.roles()) {
                roles.add(new Role(
                        row.role(),
                        row.lead(),
                        row.state() == null ? "?" : row.state().label(),
                        row.cost()));
                row.permissions()
                        .forEach(w -> waiting.add(
                                new Waiting(w.id(), w.role() == null ? row.role() : w.role(), w.summary())));
            }
            return new Snapshot(
                    reply.team() == null ? old.team() : reply.team(),
                    roles.isEmpty() ? old.roles() : roles,
                    waiting,
                    old.tasks(),
                    reply.cost(),
                    reply.paused() == null
                            ? null
                            : "new turns wait until "
                                    + EventLine.clockTime(reply.paused().untilEpochMs()));
        });
    }

    /** The answer to {@code board}. */
    void board(BoardView board) {
        List<Task> tasks = board.tasks().stream()
                .map(t -> new Task(t.id(), t.title(), t.status(), t.assignee()))
                .toList();
        update(old -> new Snapshot(old.team(), old.roles(), old.waiting(), tasks, old.cost(), old.paused()));
    }

    /** What an event tells at once; returns whether a refresh would make the picture exact. */
    boolean event(TeamEvent event) {
        return switch (event) {
            case TeamEvent.StateChanged e -> {
                update(old -> old.withRole(
                        e.role(), r -> new Role(r.name(), r.lead(), e.state().label(), r.cost())));
                yield true;
            }
            case TeamEvent.PermissionAsked e -> {
                update(old -> {
                    List<Waiting> waiting = new ArrayList<>(old.waiting());
                    waiting.removeIf(w -> w.id().equals(e.id()));
                    waiting.add(new Waiting(e.id(), e.role(), e.summary()));
                    return new Snapshot(old.team(), old.roles(), waiting, old.tasks(), old.cost(), old.paused());
                });
                yield true;
            }
            case TeamEvent.TaskChanged e -> {
                update(old -> {
                    Map<String, Task> tasks = new LinkedHashMap<>();
                    old.tasks().forEach(t -> tasks.put(t.id(), t));
                    tasks.put(e.id(), new Task(e.id(), e.title(), e.status(), e.assignee()));
                    return new Snapshot(
                            old.team(),
                            old.roles(),
                            old.waiting(),
                            List.copyOf(tasks.values()),
                            old.cost(),
                            old.paused());
                });
                yield true;
            }
            case TeamEvent.TurnEnded e -> {
                update(old -> old.withRole(e.role(), r -> new Role(r.name(), r.lead(), r.state(), e.totalCostUsd())));
                yield true;
            }
            // A decision carries no request id, and a forgotten request shows as a warning: ask ps.
            case TeamEvent.PermissionDecided e -> true;
            case TeamEvent.Warning e -> true;
            case TeamEvent.Exited e -> true;
            case TeamEvent.MessagePosted e -> false;
            case TeamEvent.MessageDelivered e -> false;
            case TeamEvent.ToHuman e -> false;
            case TeamEvent.Said e -> false;
            case TeamEvent.ToolUsed e -> false;
            case TeamEvent.BudgetReached e -> true;
            case TeamEvent.Settled e -> false;
            case TeamEvent.ApiRetry e -> false;
            case TeamEvent.Paced e -> true; // the status line says whether new turns wait
        };
    }

    private void update(UnaryOperator<Snapshot> change) {
        Snapshot next = current.updateAndGet(change);
        listener.accept(next);
    }
}
