package dev.peersteam.board;

import static dev.peersteam.board.TaskStatus.ASSIGNED;
import static dev.peersteam.board.TaskStatus.BLOCKED;
import static dev.peersteam.board.TaskStatus.CANCELLED;
import static dev.peersteam.board.TaskStatus.DONE;
import static dev.peersteam.board.TaskStatus.FAILED;
import static dev.peersteam.board.TaskStatus.IN_PROGRESS;
import static dev.peersteam.board.TaskStatus.REVIEW;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class DependenciesAndDispatchTest {
    private final Team team = new Team();

    private static String[] ids(java.util.List<Task> tasks) {
        return tasks.stream().map(Task::id).toArray(String[]::new);
    }

    @Test
    void aTaskIsReadyWhenEveryDependencyIsDone() {
        String api = team.create(Team.LEAD, "build the API", "backend");
        String ui = team.create(Team.LEAD, "build the UI", "backend");
        String tests = team.create(Team.LEAD, "test the flow", "qa", api, ui);
        assertThat(team.board.isReady(team.task(tests))).isFalse();
        assertThat(team.board.unfinishedDependencies(team.task(tests))).containsExactly("T1", "T2");
        assertThat(ids(team.board.readyToDispatch())).containsExactly("T1", "T2");

        team.update(Team.BACKEND, api, DONE, null);
        assertThat(team.board.unfinishedDependencies(team.task(tests))).containsExactly("T2");
        assertThat(ids(team.board.readyToDispatch())).containsExactly("T2");

        team.update(Team.BACKEND, ui, DONE, null);
        assertThat(team.board.isReady(team.task(tests))).isTrue();
        assertThat(ids(team.board.readyToDispatch())).containsExactly("T3");
    }

    @ParameterizedTest
    @EnumSource(names = {"IN_PROGRESS", "REVIEW", "DONE"})
    void aTaskCannotStartOrFinishBeforeItsDependencies(TaskStatus to) {
        String api = team.create(Team.LEAD, "build the API", "backend");
        String ui = team.create(Team.LEAD, "build the UI", "backend");
        String tests = team.create(Team.LEAD, "test the flow", "qa", api, ui);
        team.update(Team.BACKEND, api, IN_PROGRESS, null);
        assertThat(team.reject(Team.QA, Team.move(tests, to)))
                .isEqualTo("T3 waits for T1 (in_progress), T2" + " (assigned); it can move to " + to.wire()
                        + " once those are done");
        team.update(Team.BACKEND, ui, DONE, null);
        // The rule binds the lead and the human too: the board must not say work is done that cannot be.
        assertThat(team.reject(Team.HUMAN, Team.move(tests, to)))
                .isEqualTo("T3 waits for T1 (in_progress); it can move to " + to.wire() + " once that is done");
    }

    @ParameterizedTest
    @EnumSource(names = {"BLOCKED", "FAILED", "CANCELLED"})
    void aWaitingTaskMayStillBeBlockedFailedOrCancelled(TaskStatus to) {
        String api = team.create(Team.LEAD, "build the API", "backend");
        String tests = team.create(Team.LEAD, "test the flow", "qa", api);
        team.update(Team.QA, tests, to, "cannot go on");
        assertThat(team.status(tests)).isEqualTo(to);
    }

    @Test
    void aCancelledOrFailedDependencyNeverBecomesReady() {
        String api = team.create(Team.LEAD, "build the API", "backend");
        String tests = team.create(Team.LEAD, "test the flow", "qa", api);
        team.update(Team.LEAD, api, CANCELLED, "not needed");
        assertThat(team.board.isReady(team.task(tests))).isFalse();
        assertThat(team.board.readyToDispatch()).isEmpty();
        assertThat(team.reject(Team.QA, Team.move(tests, IN_PROGRESS))).startsWith("T2 waits for T1 (cancelled)");
    }

    @Test
    void aReadyTaskIsDispatchedOnce() {
        String api = team.create(Team.LEAD, "build the API", "backend");
        assertThat(team.board.wasDispatched(team.task(api))).isFalse();
        team.dispatch(api);
        assertThat(team.board.readyToDispatch()).isEmpty();
        assertThat(team.board.wasDispatched(team.task(api))).isTrue();
        // Handing a started task back does not send it again: the assignee knows it.
        team.update(Team.BACKEND, api, IN_PROGRESS, null);
        team.update(Team.BACKEND, api, ASSIGNED, "pausing");
        assertThat(team.board.readyToDispatch()).isEmpty();
    }

    @Test
    void dispatchingDoesNotTouchTheTask() {
        String api = team.create(Team.LEAD, "build the API", "backend");
        Task before = team.task(api);
        team.dispatch(api);
        assertThat(team.task(api)).isEqualTo(before);
    }

    @Test
    void aNewAssigneeGetsTheTaskSentAgain() {
        String api = team.create(Team.LEAD, "build the API", "backend");
        team.dispatch(api);
        team.assign(Team.LEAD, api, "qa", null, null);
        assertThat(ids(team.board.readyToDispatch())).containsExactly("T1");
        team.dispatch(api);
        assertThat(team.board.readyToDispatch()).isEmpty();
        // Back to the first assignee: they were told it was taken away, so it is news to them again.
        team.assign(Team.LEAD, api, "backend", null, null);
        assertThat(ids(team.board.readyToDispatch())).containsExactly("T1");
    }

    @Test
    void aReassignmentBeforeTheFirstDispatchSendsToTheNewAssigneeOnly() {
        String api = team.create(Team.LEAD, "build the API", "backend");
        team.assign(Team.LEAD, api, "qa", null, null);
        assertThat(team.board.readyToDispatch())
                .singleElement()
                .extracting(Task::assignee)
                .isEqualTo("qa");
    }

    @Test
    void aDispatchToAFormerAssigneeDoesNotCountForTheCurrentOne() {
        String api = team.create(Team.LEAD, "build the API", "backend");
        team.assign(Team.LEAD, api, "qa", null, null);
        team.apply(new BoardEvent.TaskDispatched(api, "backend", "m-stale", team.now));
        assertThat(ids(team.board.readyToDispatch())).containsExactly("T1");
    }

    @Test
    void aTaskReassignedWhileInReviewGoesToItsNewHolder() {
        String api = team.create(Team.LEAD, "build the API", "backend");
        team.dispatch(api);
        team.update(Team.BACKEND, api, REVIEW, "ready for review");
        assertThat(team.board.readyToDispatch()).isEmpty();
        team.assign(Team.LEAD, api, "qa", null, null);
        assertThat(team.board.readyToDispatch()).singleElement().satisfies(t -> {
            assertThat(t.assignee()).isEqualTo("qa");
            assertThat(t.status()).isEqualTo(REVIEW);
        });
    }

    @Test
    void aReopenedTaskIsSentAgain() {
        String api = team.create(Team.LEAD, "build the API", "backend");
        team.dispatch(api);
        team.update(Team.BACKEND, api, DONE, null);
        team.update(Team.LEAD, api, ASSIGNED, "the tests fail on CI");
        assertThat(ids(team.board.readyToDispatch())).containsExactly("T1");
    }

    @Test
    void unassignedTasksAndTasksTheirHolderAlreadyMovedAreNotDispatched() {
        team.create(Team.LEAD, "nobody's yet", null);
        String api = team.create(Team.LEAD, "build the API", "backend");
        team.update(Team.BACKEND, api, IN_PROGRESS, null);
        assertThat(team.board.readyToDispatch()).isEmpty();
        team.update(Team.BACKEND, api, REVIEW, null);
        team.update(Team.BACKEND, api, FAILED, null);
        assertThat(team.board.readyToDispatch()).isEmpty();
    }

    @Test
    void aTaskWaitingForDependenciesIsDispatchedWhenTheyAreDone() {
        String api = team.create(Team.LEAD, "build the API", "backend");
        String tests = team.create(Team.LEAD, "test the flow", "qa", api);
        team.dispatch(api);
        assertThat(team.board.readyToDispatch()).isEmpty();
        team.update(Team.BACKEND, api, BLOCKED, "need a DB");
        team.update(Team.BACKEND, api, IN_PROGRESS, null);
        team.update(Team.BACKEND, api, DONE, null);
        assertThat(ids(team.board.readyToDispatch())).containsExactly(tests);
    }
}
