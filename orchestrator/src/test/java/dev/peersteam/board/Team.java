package dev.peersteam.board;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A test team (lead {@code manager}, workers {@code backend} and {@code qa}, and the human) driving a board the
 * way the coordinator does: decide, then apply the accepted events, each a second after the last. Keeps every
 * event so tests can replay them.
 */
final class Team {
    static final List<String> ROLES = List.of("manager", "backend", "qa");
    static final Actor LEAD = Actor.role("manager", true, ROLES);
    static final Actor BACKEND = Actor.role("backend", false, ROLES);
    static final Actor QA = Actor.role("qa", false, ROLES);
    static final Actor HUMAN = Actor.human(ROLES);
    static final Instant T0 = Instant.parse("2026-11-26T12:00:00Z");

    Board board = Board.empty();
    final List<BoardEvent> events = new ArrayList<>();
    Instant now = T0;

    CommandOutcome decide(Actor actor, BoardCommand command) {
        now = now.plus(Duration.ofSeconds(1));
        return board.decide(command, actor, now);
    }

    /** Carries out a command that must be accepted; returns its events. */
    List<BoardEvent> accept(Actor actor, BoardCommand command) {
        CommandOutcome decision = decide(actor, command);
        assertThat(decision).as("decision for %s", command).isInstanceOf(CommandOutcome.Accepted.class);
        List<BoardEvent> accepted = ((CommandOutcome.Accepted) decision).events();
        accepted.forEach(this::apply);
        return accepted;
    }

    /** A command that must be rejected: its message; the board is unchanged. */
    String reject(Actor actor, BoardCommand command) {
        Board before = board;
        CommandOutcome decision = decide(actor, command);
        assertThat(decision).as("decision for %s", command).isInstanceOf(CommandOutcome.Rejected.class);
        assertThat(board).isSameAs(before);
        return ((CommandOutcome.Rejected) decision).message();
    }

    void apply(BoardEvent event) {
        events.add(event);
        board = board.apply(event);
    }

    /** Creates a task and returns its id. */
    String create(Actor actor, String title, String assignee, String... dependsOn) {
        BoardEvent created = accept(
                        actor, new BoardCommand.Create(title, null, assignee, Arrays.asList(dependsOn), actor.name()))
                .getFirst();
        return created.id();
    }

    List<BoardEvent> update(Actor actor, String id, TaskStatus status, String note) {
        return accept(actor, new BoardCommand.Update(id, status, note, null, actor.name()));
    }

    List<BoardEvent> assign(Actor actor, String id, String assignee, TaskStatus status, String note) {
        return accept(actor, new BoardCommand.Update(id, status, note, assignee, actor.name()));
    }

    /** What the coordinator records after sending the task to its assignee. */
    void dispatch(String id) {
        now = now.plus(Duration.ofSeconds(1));
        apply(new BoardEvent.TaskDispatched(id, task(id).assignee(), "m-" + id + "-" + events.size(), now));
    }

    Task task(String id) {
        return board.task(id).orElseThrow();
    }

    TaskStatus status(String id) {
        return task(id).status();
    }

    static BoardCommand.Update move(String id, TaskStatus status) {
        return new BoardCommand.Update(id, status, null, null, null);
    }

    static BoardCommand.Update note(String id, String note) {
        return new BoardCommand.Update(id, null, note, null, null);
    }

    static BoardCommand.Update reassign(String id, String assignee) {
        return new BoardCommand.Update(id, null, null, assignee, null);
    }

    static BoardCommand.Create create(String title, String assignee, String... dependsOn) {
        return new BoardCommand.Create(title, null, assignee, Arrays.asList(dependsOn), null);
    }
}
