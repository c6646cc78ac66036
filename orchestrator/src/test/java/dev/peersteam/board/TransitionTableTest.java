package dev.peersteam.board;

import static dev.peersteam.board.TaskStatus.ASSIGNED;
import static dev.peersteam.board.TaskStatus.BLOCKED;
import static dev.peersteam.board.TaskStatus.CANCELLED;
import static dev.peersteam.board.TaskStatus.DONE;
import static dev.peersteam.board.TaskStatus.FAILED;
import static dev.peersteam.board.TaskStatus.IN_PROGRESS;
import static dev.peersteam.board.TaskStatus.REVIEW;
import static dev.peersteam.board.TaskStatus.TODO;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every (from, to) pair of statuses, for the task's holder, the lead and the human. The legal table is written
 * out here on its own, not read from {@link Transitions}, so that a change to the rules has to change this too.
 */
class TransitionTableTest {
    /** Moves between open statuses, allowed to whoever may change the task. */
    private static final Map<TaskStatus, Set<TaskStatus>> LEGAL = Map.of(
            TODO, EnumSet.of(ASSIGNED, CANCELLED),
            ASSIGNED, EnumSet.of(IN_PROGRESS, BLOCKED, REVIEW, DONE, FAILED, CANCELLED),
            IN_PROGRESS, EnumSet.of(BLOCKED, REVIEW, DONE, FAILED, CANCELLED, ASSIGNED),
            BLOCKED, EnumSet.of(IN_PROGRESS, ASSIGNED, FAILED, CANCELLED),
            REVIEW, EnumSet.of(IN_PROGRESS, DONE, FAILED, CANCELLED));

    private static final List<TaskStatus> HELD = List.of(ASSIGNED, IN_PROGRESS, BLOCKED, REVIEW);
    private static final List<TaskStatus> FINISHED = List.of(DONE, FAILED, CANCELLED);

    /** A board whose T1 is in {@code status}, held by backend unless {@code assignee} is null. */
    private static Team teamWith(TaskStatus status, String assignee) {
        Team team = new Team();
        team.apply(new BoardEvent.TaskCreated("T1", "build it", "", assignee, List.of(), "manager", Team.T0));
        if (status != team.status("T1")) {
            team.apply(new BoardEvent.TaskUpdated("T1", status, null, "manager", Team.T0));
        }
        assertThat(team.status("T1")).isEqualTo(status);
        return team;
    }

    static Stream<Arguments> heldPairs() {
        List<Arguments> pairs = new ArrayList<>();
        for (TaskStatus from : HELD) {
            for (TaskStatus to : TaskStatus.values()) {
                if (to != from) {
                    for (Actor actor : List.of(Team.BACKEND, Team.LEAD, Team.HUMAN)) {
                        pairs.add(Arguments.of(from, to, actor.name(), actor));
                    }
                }
            }
        }
        return pairs.stream();
    }

    @ParameterizedTest(name = "{0} -> {1} by {2}")
    @MethodSource("heldPairs")
    void aHeldTaskMovesAlongTheTable(TaskStatus from, TaskStatus to, String name, Actor actor) {
        Team team = teamWith(from, "backend");
        CommandOutcome decision = team.decide(actor, Team.move("T1", to));
        if (LEGAL.get(from).contains(to)) {
            assertThat(decision).isInstanceOf(CommandOutcome.Accepted.class);
            List<BoardEvent> events = ((CommandOutcome.Accepted) decision).events();
            assertThat(events)
                    .singleElement()
                    .isEqualTo(new BoardEvent.TaskUpdated("T1", to, null, actor.name(), team.now));
            Task after = team.board.apply(events.getFirst()).task("T1").orElseThrow();
            assertThat(after.status()).isEqualTo(to);
            assertThat(after.assignee()).isEqualTo("backend");
        } else {
            assertThat(decision).isInstanceOf(CommandOutcome.Rejected.class);
            String message = ((CommandOutcome.Rejected) decision).message();
            assertThat(message)
                    .startsWith("cannot move T1 from " + from.wire() + " to " + to.wire() + "; from " + from.wire()
                            + " it can go to: ");
            String listed = message.substring(message.indexOf("it can go to: ") + "it can go to: ".length());
            assertThat(listed.split(", "))
                    .extracting(TaskStatus::parse)
                    .containsExactlyInAnyOrderElementsOf(LEGAL.get(from));
        }
    }

    static Stream<Arguments> fromTodo() {
        return Stream.of(TaskStatus.values())
                .filter(s -> s != TODO)
                .flatMap(to -> Stream.of(
                        Arguments.of(to, Team.LEAD.name(), Team.LEAD),
                        Arguments.of(to, Team.HUMAN.name(), Team.HUMAN)));
    }

    @ParameterizedTest(name = "todo -> {0} by {1}")
    @MethodSource("fromTodo")
    void aTodoTaskCanOnlyBeAssignedOrCancelled(TaskStatus to, String name, Actor actor) {
        Team team = teamWith(TODO, null);
        CommandOutcome decision = team.decide(actor, Team.move("T1", to));
        if (to == CANCELLED) {
            assertThat(decision)
                    .isEqualTo(new CommandOutcome.Accepted(
                            List.of(new BoardEvent.TaskUpdated("T1", CANCELLED, null, actor.name(), team.now))));
        } else if (to == ASSIGNED) {
            assertThat(decision)
                    .isEqualTo(new CommandOutcome.Rejected(
                            "T1 has no assignee; give an assignee (manager, backend, qa) to assign it"));
        } else {
            assertThat(decision)
                    .isEqualTo(new CommandOutcome.Rejected("cannot move T1 from todo to " + to.wire()
                            + "; from todo it can go to: assigned, cancelled"));
        }
    }

    @Test
    void aTodoTaskBecomesAssignedWhenTheLeadGivesItAnAssignee() {
        Team team = teamWith(TODO, null);
        List<BoardEvent> events = team.assign(Team.LEAD, "T1", "qa", ASSIGNED, "yours");
        assertThat(events).containsExactly(new BoardEvent.TaskAssigned("T1", "qa", "yours", "manager", team.now));
        assertThat(team.task("T1")).extracting(Task::status, Task::assignee).containsExactly(ASSIGNED, "qa");
    }

    static Stream<Arguments> fromFinished() {
        List<Arguments> pairs = new ArrayList<>();
        for (TaskStatus from : FINISHED) {
            for (TaskStatus to : TaskStatus.values()) {
                if (to != from) {
                    pairs.add(Arguments.of(from, to));
                }
            }
        }
        return pairs.stream();
    }

    @ParameterizedTest(name = "{0} -> {1} by the holder")
    @MethodSource("fromFinished")
    void onlyTheLeadOrTheHumanReopensAFinishedTask(TaskStatus from, TaskStatus to) {
        Team team = teamWith(from, "backend");
        assertThat(team.reject(Team.BACKEND, Team.move("T1", to)))
                .isEqualTo("T1 is " + from.wire()
                        + ", which is final; only the lead or the human can reopen it. Ask the lead with send_message,"
                        + " or create a follow-up task.");
    }

    @ParameterizedTest(name = "{0} -> {1} by the lead and the human")
    @MethodSource("fromFinished")
    void aFinishedTaskWithAnAssigneeReopensAsAssigned(TaskStatus from, TaskStatus to) {
        for (Actor manager : List.of(Team.LEAD, Team.HUMAN)) {
            Team team = teamWith(from, "backend");
            CommandOutcome decision = team.decide(manager, Team.move("T1", to));
            switch (to) {
                case ASSIGNED -> {
                    assertThat(decision)
                            .isEqualTo(new CommandOutcome.Accepted(List.of(
                                    new BoardEvent.TaskUpdated("T1", ASSIGNED, null, manager.name(), team.now))));
                    team.apply(((CommandOutcome.Accepted) decision).events().getFirst());
                    assertThat(team.task("T1"))
                            .extracting(Task::status, Task::assignee)
                            .containsExactly(ASSIGNED, "backend");
                }
                case TODO ->
                    assertThat(decision)
                            .isEqualTo(new CommandOutcome.Rejected("a todo task has no assignee and"
                                    + " T1 would be held by backend; reopen it as assigned instead"));
                default ->
                    assertThat(decision)
                            .isEqualTo(
                                    new CommandOutcome.Rejected(
                                            "T1 is " + from.wire()
                                                    + "; a finished task can only be reopened, as assigned (with an assignee) or as todo"));
            }
        }
    }

    @Test
    void aFinishedTaskThatNobodyHeldReopensAsTodoOrAssignedWithAnAssignee() {
        Team team = teamWith(CANCELLED, null);
        assertThat(team.reject(Team.LEAD, Team.move("T1", ASSIGNED)))
                .isEqualTo("T1 has no assignee; give an assignee (manager, backend, qa) to assign it");
        assertThat(team.update(Team.HUMAN, "T1", TODO, "back on the list"))
                .containsExactly(new BoardEvent.TaskUpdated("T1", TODO, "back on the list", "human", team.now));
        assertThat(team.task("T1").status()).isEqualTo(TODO);

        Team again = teamWith(CANCELLED, null);
        assertThat(again.assign(Team.LEAD, "T1", "qa", ASSIGNED, null))
                .containsExactly(
                        new BoardEvent.TaskAssigned("T1", "qa", null, "manager", again.now),
                        new BoardEvent.TaskUpdated("T1", ASSIGNED, null, "manager", again.now));
        assertThat(again.task("T1")).extracting(Task::status, Task::assignee).containsExactly(ASSIGNED, "qa");
        assertThat(again.reject(Team.LEAD, new BoardCommand.Update("T1", TODO, null, "qa", null)))
                .isEqualTo("cannot move T1 from assigned to todo; from assigned it can go to: in_progress, blocked,"
                        + " review, done, failed, cancelled");
    }

    @Test
    void theTableInTheCodeIsTheTableHere() {
        for (TaskStatus from : TaskStatus.values()) {
            Set<TaskStatus> expected = from.isTerminal() ? EnumSet.of(ASSIGNED, TODO) : LEGAL.get(from);
            assertThat(Transitions.next(from)).as("from %s", from).isEqualTo(expected);
            assertThat(Transitions.next(from)).doesNotContain(from);
        }
        assertThat(TaskStatus.values())
                .filteredOn(Transitions::needsDependenciesDone)
                .containsExactly(IN_PROGRESS, REVIEW, DONE);
    }
}
