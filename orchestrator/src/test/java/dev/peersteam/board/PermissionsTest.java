package dev.peersteam.board;

import static dev.peersteam.board.TaskStatus.ASSIGNED;
import static dev.peersteam.board.TaskStatus.BLOCKED;
import static dev.peersteam.board.TaskStatus.DONE;
import static dev.peersteam.board.TaskStatus.IN_PROGRESS;
import static dev.peersteam.board.TaskStatus.REVIEW;
import static dev.peersteam.board.TaskStatus.TODO;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.peersteam.board.BoardEvent.TaskAssigned;
import dev.peersteam.board.BoardEvent.TaskNoted;
import dev.peersteam.board.BoardEvent.TaskUpdated;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PermissionsTest {
    private final Team team = new Team();
    private String backendTask;
    private String qaTask;
    private String unassigned;

    @BeforeEach
    void board() {
        backendTask = team.create(Team.LEAD, "build the login API", "backend");
        qaTask = team.create(Team.LEAD, "test the login flow", "qa");
        unassigned = team.create(Team.LEAD, "write the docs", null);
    }

    @Test
    void aWorkerChangesItsOwnTask() {
        assertThat(team.update(Team.BACKEND, backendTask, IN_PROGRESS, "starting"))
                .containsExactly(new TaskUpdated("T1", IN_PROGRESS, "starting", "backend", team.now));
        assertThat(team.task("T1").notes()).containsExactly(new Note("backend", team.now, "starting"));
    }

    @Test
    void aWorkerCannotChangeAnotherRolesTaskAndIsToldWhomToAsk() {
        assertThat(team.reject(Team.BACKEND, Team.move(qaTask, DONE)))
                .isEqualTo("T2 is assigned to qa, not to you"
                        + " (backend); you can change only tasks assigned to you. Send a message to qa or the lead with"
                        + " send_message instead.");
        assertThat(team.reject(Team.BACKEND, Team.move(unassigned, TaskStatus.CANCELLED)))
                .isEqualTo("T3 is not"
                        + " assigned to anyone; you can change only tasks assigned to you. Send a message to the lead with"
                        + " send_message instead.");
    }

    @Test
    void aWorkerCannotChangeATaskItCreatedForSomeoneElse() {
        String followUp = team.create(Team.BACKEND, "test the new endpoint", "qa");
        assertThat(team.task(followUp).createdBy()).isEqualTo("backend");
        assertThat(team.reject(Team.BACKEND, Team.move(followUp, TaskStatus.CANCELLED)))
                .startsWith("T4 is assigned to qa, not to you (backend)");
    }

    @Test
    void theLeadAndTheHumanChangeAnyTask() {
        team.update(Team.LEAD, backendTask, IN_PROGRESS, null);
        team.update(Team.HUMAN, qaTask, BLOCKED, "waiting for the test server");
        assertThat(team.status(backendTask)).isEqualTo(IN_PROGRESS);
        assertThat(team.task(qaTask).notes()).extracting(Note::by).containsExactly("human");
    }

    @Test
    void onlyTheLeadAndTheHumanAssign() {
        assertThat(team.reject(Team.BACKEND, Team.reassign(backendTask, "qa")))
                .isEqualTo("only the lead or the"
                        + " human can assign tasks; T1 is assigned to backend. Ask the lead with send_message.");
        assertThat(team.reject(Team.QA, Team.reassign(unassigned, "qa")))
                .startsWith("only the lead or the human can assign tasks; T3 is todo.");
        assertThat(team.reject(Team.QA, new BoardCommand.Update(qaTask, IN_PROGRESS, null, "backend", null)))
                .startsWith("only the lead or the human can assign tasks");

        assertThat(team.assign(Team.LEAD, unassigned, "qa", null, null))
                .containsExactly(new TaskAssigned("T3", "qa", null, "manager", team.now));
        assertThat(team.assign(Team.HUMAN, backendTask, "qa", null, "qa knows this code"))
                .containsExactly(new TaskAssigned("T1", "qa", "qa knows this code", "human", team.now));
    }

    @Test
    void namingTheCurrentAssigneeIsNoReassignment() {
        assertThat(team.assign(Team.BACKEND, backendTask, "backend", IN_PROGRESS, null))
                .containsExactly(new TaskUpdated("T1", IN_PROGRESS, null, "backend", team.now));
        assertThat(team.reject(Team.LEAD, Team.reassign(backendTask, "Backend")))
                .isEqualTo("nothing to change: T1 is already in_progress (assignee: backend); give a new status or"
                        + " a note");
    }

    @Test
    void assigningATodoTaskMakesItAssigned() {
        assertThat(team.assign(Team.LEAD, unassigned, "QA ", null, "docs for the login flow"))
                .containsExactly(new TaskAssigned("T3", "qa", "docs for the login flow", "manager", team.now));
        assertThat(team.task(unassigned))
                .extracting(Task::status, Task::assignee)
                .containsExactly(ASSIGNED, "qa");
        assertThat(team.task(unassigned).notes()).extracting(Note::text).containsExactly("docs for the login flow");
    }

    @Test
    void reassigningAnOpenTaskKeepsItsStatus() {
        team.update(Team.BACKEND, backendTask, IN_PROGRESS, null);
        team.update(Team.BACKEND, backendTask, REVIEW, "ready for review");
        assertThat(team.assign(Team.LEAD, backendTask, "qa", null, "please review"))
                .containsExactly(new TaskAssigned("T1", "qa", "please review", "manager", team.now));
        assertThat(team.task(backendTask))
                .extracting(Task::status, Task::assignee)
                .containsExactly(REVIEW, "qa");
    }

    @Test
    void reassigningWithANewStatusAssignsFirstThenMoves() {
        team.update(Team.BACKEND, backendTask, IN_PROGRESS, null);
        assertThat(team.assign(Team.LEAD, backendTask, "qa", ASSIGNED, "start over"))
                .containsExactly(
                        new TaskAssigned("T1", "qa", null, "manager", team.now),
                        new TaskUpdated("T1", ASSIGNED, "start over", "manager", team.now));
        assertThat(team.task(backendTask))
                .extracting(Task::status, Task::assignee)
                .containsExactly(ASSIGNED, "qa");
    }

    @Test
    void assigningAFinishedTaskAsksToReopenIt() {
        team.update(Team.BACKEND, backendTask, DONE, null);
        assertThat(team.reject(Team.LEAD, Team.reassign(backendTask, "qa")))
                .isEqualTo("T1 is done; to hand it out" + " again, reopen it: status \"assigned\" with the assignee");
        assertThat(team.assign(Team.LEAD, backendTask, "qa", ASSIGNED, "one more endpoint"))
                .containsExactly(
                        new TaskAssigned("T1", "qa", null, "manager", team.now),
                        new TaskUpdated("T1", ASSIGNED, "one more endpoint", "manager", team.now));
        assertThat(team.task(backendTask))
                .extracting(Task::status, Task::assignee)
                .containsExactly(ASSIGNED, "qa");
    }

    @Test
    void assigneesMustBeRolesOfTheTeam() {
        assertThat(team.reject(Team.LEAD, Team.reassign(unassigned, "frontend")))
                .isEqualTo("no role named \"frontend\"; roles: manager, backend, qa");
        assertThat(team.reject(Team.LEAD, Team.reassign(unassigned, "all")))
                .isEqualTo("\"all\" cannot take a task; assign it to one role: manager, backend, qa");
        assertThat(team.reject(Team.HUMAN, Team.reassign(unassigned, "human")))
                .isEqualTo("\"human\" cannot take a task; assign it to one role: manager, backend, qa");
    }

    @Test
    void aWorkerNotesItsOwnTasksAndTasksItCreated() {
        assertThat(team.accept(Team.BACKEND, Team.note(backendTask, "  schema drafted  ")))
                .containsExactly(new TaskNoted("T1", "schema drafted", "backend", team.now));
        String followUp = team.create(Team.BACKEND, "test the new endpoint", "qa");
        assertThat(team.accept(Team.BACKEND, Team.note(followUp, "the endpoint is /api/v2/login")))
                .containsExactly(new TaskNoted("T4", "the endpoint is /api/v2/login", "backend", team.now));
        assertThat(team.task(followUp).status()).isEqualTo(ASSIGNED);
        assertThat(team.task(followUp).notes())
                .extracting(Note::by, Note::text)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("backend", "the endpoint is /api/v2/login"));
    }

    @Test
    void aWorkerCannotNoteOtherTasks() {
        assertThat(team.reject(Team.BACKEND, Team.note(qaTask, "looks hard")))
                .isEqualTo("T2 is assigned to qa, not"
                        + " to you (backend); you can add notes to your own tasks and to tasks you created. Send a message"
                        + " to qa or the lead with send_message instead.");
        assertThat(team.reject(Team.BACKEND, Team.note(unassigned, "I could do it")))
                .startsWith("T3 is not assigned to anyone; you can add notes");
    }

    @Test
    void theLeadAndTheHumanNoteAnyTask() {
        team.accept(Team.LEAD, Team.note(qaTask, "use the staging server"));
        team.accept(Team.HUMAN, Team.note(unassigned, "low priority"));
        assertThat(team.task(qaTask).notes()).extracting(Note::by).containsExactly("manager");
        assertThat(team.task(unassigned).notes()).extracting(Note::by).containsExactly("human");
    }

    @Test
    void theSameStatusWithANoteIsJustANote() {
        assertThat(team.update(Team.QA, qaTask, ASSIGNED, "reading the spec"))
                .containsExactly(new TaskNoted("T2", "reading the spec", "qa", team.now));
        assertThat(team.status(qaTask)).isEqualTo(ASSIGNED);
    }

    @Test
    void anUpdateThatSaysNothingIsRejected() {
        assertThat(team.reject(Team.QA, new BoardCommand.Update(qaTask, null, null, null, null)))
                .isEqualTo("nothing to change: T2 is already assigned to qa; give a new status or a note");
        assertThat(team.reject(Team.QA, new BoardCommand.Update(qaTask, ASSIGNED, "   ", " ", "qa")))
                .startsWith("nothing to change: T2 is already assigned to qa");
        assertThat(team.reject(Team.LEAD, Team.move(unassigned, TODO)))
                .isEqualTo("nothing to change: T3 is already todo; give a new status or a note");
    }

    @Test
    void aFinishedTaskIsNotReopenedByItsWorker() {
        team.update(Team.BACKEND, backendTask, DONE, null);
        assertThat(team.reject(Team.BACKEND, Team.move(backendTask, ASSIGNED)))
                .startsWith("T1 is done, which is final; only the lead or the human can reopen it.");
        // Notes on a finished task are still fine: a worker may record what it found afterwards.
        team.accept(Team.BACKEND, Team.note(backendTask, "also fixed a typo"));
        assertThat(team.task(backendTask).notes()).hasSize(1);
    }

    @Test
    void anUnknownTaskIdNamesTheTasksThatExist() {
        assertThat(team.reject(Team.LEAD, Team.move("T9", DONE))).isEqualTo("no task T9; tasks are T1, T2, T3");
        assertThat(team.reject(Team.LEAD, Team.move(" ", DONE)))
                .isEqualTo("which task? give its id; tasks are T1," + " T2, T3");
        assertThat(new Team().reject(Team.LEAD, Team.move("T1", DONE)))
                .isEqualTo("no task T1; the board has no tasks yet");
    }

    @Test
    void idsAreReadAsModelsWriteThem() {
        team.update(Team.BACKEND, " t1 ", IN_PROGRESS, null);
        team.update(Team.BACKEND, "#T01", REVIEW, null);
        assertThat(team.status("T1")).isEqualTo(REVIEW);
        assertThat(team.events.getLast().id()).isEqualTo("T1");
    }

    @Test
    void theCommandsActorMustBeTheActor() {
        assertThatThrownBy(() ->
                        team.board.decide(new BoardCommand.Update("T1", DONE, null, null, "qa"), Team.BACKEND, Team.T0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("command by qa but the actor is backend");
        assertThat(team.board.decide(
                        new BoardCommand.Update("T1", IN_PROGRESS, null, null, null), Team.BACKEND, Team.T0))
                .isEqualTo(new CommandOutcome.Accepted(
                        List.of(new TaskUpdated("T1", IN_PROGRESS, null, "backend", Team.T0))));
    }
}
