package dev.peersteam.console;

import com.fasterxml.jackson.databind.JsonNode;
import dev.peersteam.coordinator.TeamEvent;
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
    record Role(String name, boolean lead, String state, double costUsd) {}

    /** A tool call waiting for a person. */
    record Waiting(String id, String role, String summary) {}

    record Task(String id, String title, String status, String assignee) {}

    record Snapshot(String team, List<Role> roles, List<Waiting> waiting, List<Task> tasks, double costUsd) {
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
                    costUsd);
        }
    }

    private final AtomicReference<Snapshot> current;
    private volatile Consumer<Snapshot> listener = snapshot -> {};

    TeamView(TeamInfo team) {
        List<Role> roles = team.roles().stream()
                .map(r -> new Role(r.name(), r.lead(), "?", 0))
                .toList();
        current = new AtomicReference<>(new Snapshot(team.name(), roles, List.of(), List.of(), 0));
    }

    Snapshot snapshot() {
        return current.get();
    }

    /** Called after every change, on the thread that made it. */
    void onChange(Consumer<Snapshot> listener) {
        this.listener = Objects.requireNonNull(listener);
    }

    /** The answer to {@code ps}: states, costs and waiting requests, exactly. */
    void ps(JsonNode body) {
        update(old -> {
            List<Role> roles = new ArrayList<>();
            List<Waiting> waiting = new ArrayList<>();
            for (JsonNode role : body.path("roles")) {
                roles.add(new Role(
                        role.path("role").asText(),
                        role.path("lead").asBoolean(),
                        role.path("state").asText("?"),
                        role.path("cost_usd").asDouble()));
                for (JsonNode w : role.path("permissions")) {
                    waiting.add(new Waiting(
                            w.path("id").asText(),
                            w.path("role").asText(role.path("role").asText()),
                            w.path("summary").asText()));
                }
            }
            return new Snapshot(
                    body.path("team").asText(old.team()),
                    roles.isEmpty() ? old.roles() : roles,
                    waiting,
                    old.tasks(),
                    body.path("cost_usd").asDouble(old.costUsd()));
        });
    }

    /** The answer to {@code board}. */
    void board(JsonNode body) {
        List<Task> tasks = new ArrayList<>();
        for (JsonNode task : body.path("tasks")) {
            tasks.add(new Task(
                    task.path("id").asText(),
                    task.path("title").asText(),
                    task.path("status").asText(),
                    task.path("assignee").isTextual() ? task.path("assignee").asText() : null));
        }
        update(old -> new Snapshot(old.team(), old.roles(), old.waiting(), tasks, old.costUsd()));
    }

    /** What an event tells at once; returns whether a refresh would make the picture exact. */
    boolean event(TeamEvent event) {
        return switch (event) {
            case TeamEvent.StateChanged e -> {
                update(old -> old.withRole(
                        e.role(), r -> new Role(r.name(), r.lead(), e.state().label(), r.costUsd())));
                yield true;
            }
            case TeamEvent.PermissionAsked e -> {
                update(old -> {
                    List<Waiting> waiting = new ArrayList<>(old.waiting());
                    waiting.removeIf(w -> w.id().equals(e.id()));
                    waiting.add(new Waiting(e.id(), e.role(), e.summary()));
                    return new Snapshot(old.team(), old.roles(), waiting, old.tasks(), old.costUsd());
                });
                yield true;
            }
            case TeamEvent.TaskChanged e -> {
                update(old -> {
                    Map<String, Task> tasks = new LinkedHashMap<>();
                    old.tasks().forEach(t -> tasks.put(t.id(), t));
                    tasks.put(e.id(), new Task(e.id(), e.title(), e.status(), e.assignee()));
                    return new Snapshot(
                            old.team(), old.roles(), old.waiting(), List.copyOf(tasks.values()), old.costUsd());
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
        };
    }

    private void update(UnaryOperator<Snapshot> change) {
        Snapshot next = current.updateAndGet(change);
        listener.accept(next);
    }
}
