package dev.peersteam.board;

import static dev.peersteam.board.TaskStatus.ASSIGNED;
import static dev.peersteam.board.TaskStatus.BLOCKED;
import static dev.peersteam.board.TaskStatus.CANCELLED;
import static dev.peersteam.board.TaskStatus.DONE;
import static dev.peersteam.board.TaskStatus.FAILED;
import static dev.peersteam.board.TaskStatus.IN_PROGRESS;
import static dev.peersteam.board.TaskStatus.REVIEW;
import static org.assertj.core.api.Assertions.assertThat;

import dev.peersteam.board.BoardEvent.TaskCreated;
import dev.peersteam.board.BoardEvent.TaskUpdated;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BoardFoldTest {
    private final Team team = new Team();

    /** A day of a small team: creation, assignment, progress, review, reassignment, a reopen, notes. */
    private void aDayOfWork() {
        String api = team.create(Team.LEAD, "build the login API", "backend");
        String ui = team.create(Team.LEAD, "build the login form", null);
        String tests = team.create(Team.LEAD, "test the login flow", "qa", api, ui);
        team.dispatch(api);
        team.update(Team.BACKEND, api, IN_PROGRESS, "on it");
        team.assign(Team.LEAD, ui, "backend", null, "after the API");
        team.dispatch(ui);
        team.update(Team.BACKEND, api, REVIEW, null);
        team.assign(Team.LEAD, api, "qa", null, "review it please");
        team.dispatch(api);
        team.update(Team.QA, api, DONE, "LGTM");
        team.update(Team.BACKEND, ui, IN_PROGRESS, null);
        team.accept(Team.BACKEND, Team.note(ui, "form done, styling left"));
        team.update(Team.BACKEND, ui, DONE, null);
        team.dispatch(tests);
        team.update(Team.QA, tests, IN_PROGRESS, null);
        team.update(Team.QA, tests, FAILED, "login fails on Safari");
        team.update(Team.LEAD, tests, ASSIGNED, "try again after the fix");
        team.create(Team.QA, "fix Safari login", "backend");
    }

    @Test
    void replayRebuildsTheSameBoardAsAppliedOneByOne() {
        aDayOfWork();
        Board replayed = Board.replay(team.events);
        assertThat(replayed).isEqualTo(team.board);
        assertThat(replayed.tasks()).isEqualTo(team.board.tasks());
        assertThat(replayed.readyToDispatch()).isEqualTo(team.board.readyToDispatch());
        assertThat(replayed.readyToDispatch()).extracting(Task::id).containsExactly("T3", "T4");
        for (int cut = 0; cut <= team.events.size(); cut++) {
            Board prefix = Board.empty();
            for (BoardEvent event : team.events.subList(0, cut)) {
                prefix = prefix.apply(event);
            }
            assertThat(Board.replay(team.events.subList(0, cut))).isEqualTo(prefix);
        }
    }

    @Test
    void replayEqualsApplyForRandomCommands() {
        Random random = new Random(42);
        List<Actor> actors = List.of(Team.LEAD, Team.BACKEND, Team.QA, Team.HUMAN);
        int accepted = 0;
        for (int i = 0; i < 2000; i++) {
            Actor actor = actors.get(random.nextInt(actors.size()));
            int n = team.board.size();
            BoardCommand command;
            if (n == 0 || random.nextInt(6) == 0) {
                List<String> deps = new ArrayList<>();
                if (n > 0 && random.nextBoolean()) {
                    deps.add("T" + (1 + random.nextInt(n)));
                }
                String assignee = random.nextBoolean() ? null : Team.ROLES.get(random.nextInt(3));
                command = new BoardCommand.Create("task " + i, null, assignee, deps, null);
            } else {
                String id = "T" + (1 + random.nextInt(n + 1));
                TaskStatus status =
                        random.nextInt(4) == 0 ? null : TaskStatus.values()[random.nextInt(TaskStatus.values().length)];
                String note = random.nextInt(3) == 0 ? "note " + i : null;
                String assignee = random.nextInt(5) == 0 ? Team.ROLES.get(random.nextInt(3)) : null;
                command = new BoardCommand.Update(id, status, note, assignee, null);
            }
            if (team.decide(actor, command) instanceof CommandOutcome.Accepted(List<BoardEvent> events)) {
                events.forEach(team::apply);
                accepted++;
            }
            if (random.nextInt(4) == 0) {
                team.board.readyToDispatch().stream().findFirst().ifPresent(t -> team.dispatch(t.id()));
            }
            assertInvariants(team.board);
        }
        assertThat(accepted).isGreaterThan(300);
        assertThat(Board.replay(team.events)).isEqualTo(team.board);
    }

    /** What the rules guarantee whatever is asked of them. */
    private static void assertInvariants(Board board) {
        List<Task> tasks = board.tasks();
        for (int i = 0; i < tasks.size(); i++) {
            Task task = tasks.get(i);
            long number = i + 1;
            assertThat(task.id()).isEqualTo("T" + (i + 1));
            if (task.status() == TaskStatus.TODO) {
                assertThat(task.assignee()).as("%s", task).isNull();
            } else if (task.status().isOpen()) {
                assertThat(task.assignee()).as("%s", task).isNotNull();
            }
            if (task.status() == IN_PROGRESS || task.status() == REVIEW || task.status() == DONE) {
                assertThat(board.unfinishedDependencies(task)).as("%s", task).isEmpty();
            }
            assertThat(task.dependsOn())
                    .allSatisfy(dep -> assertThat(TaskIds.number(dep)).isLessThan(number));
        }
    }

    @Test
    void applyIsPureAndTheOldBoardStaysAsItWas() {
        Board empty = Board.empty();
        Board one = empty.apply(new TaskCreated("T1", "a", null, "qa", null, "manager", Team.T0));
        assertThat(empty.tasks()).isEmpty();
        Board started = one.apply(new TaskUpdated("T1", IN_PROGRESS, null, "qa", Team.T0));
        assertThat(one.task("T1").orElseThrow().status()).isEqualTo(ASSIGNED);
        assertThat(started.task("T1").orElseThrow().status()).isEqualTo(IN_PROGRESS);
        assertThat(one.tasks()).isNotEqualTo(started.tasks());
    }

    @Test
    void eventsAboutUnknownTasksAreIgnored() {
        Board board = Board.empty().apply(new TaskCreated("T1", "a", null, "qa", null, "manager", Team.T0));
        Instant at = Team.T0.plusSeconds(5);
        for (BoardEvent event : List.of(
                new TaskUpdated("T7", DONE, "x", "qa", at),
                new BoardEvent.TaskAssigned("T7", "qa", null, "manager", at),
                new BoardEvent.TaskNoted("T7", "x", "qa", at),
                new BoardEvent.TaskDispatched("T7", "qa", "m1", at),
                new TaskUpdated(null, DONE, null, "qa", at),
                new TaskCreated("T1", "a duplicate", null, null, null, "qa", at))) {
            assertThat(board.apply(event)).as("%s", event).isSameAs(board);
        }
    }

    @Test
    void notesAndTimesAreRecorded() {
        String api = team.create(Team.LEAD, "build the API", "backend");
        Instant created = team.now;
        team.update(Team.BACKEND, api, IN_PROGRESS, "started");
        Instant started = team.now;
        team.accept(Team.LEAD, Team.note(api, "use v2"));
        Instant noted = team.now;
        Task task = team.task(api);
        assertThat(task.createdAt()).isEqualTo(created);
        assertThat(task.updatedAt()).isEqualTo(noted);
        assertThat(task.notes())
                .containsExactly(new Note("backend", started, "started"), new Note("manager", noted, "use v2"));
    }

    @Test
    void tasksAreListedInNumericIdOrder() {
        Board board = Board.empty();
        for (int i = 1; i <= 11; i++) {
            board = board.apply(new TaskCreated("T" + i, "t", null, null, null, "manager", Team.T0));
        }
        assertThat(board.tasks()).extracting(Task::id).endsWith("T9", "T10", "T11");
        assertThat(board.task("t10")).isPresent();
        assertThat(board.task(null)).isEmpty();
        assertThat(board.task("T12")).isEmpty();
    }

    @Test
    void allDoneNeedsTasksAndEveryOneDoneOrCancelled() {
        assertThat(Board.empty().allDone()).isFalse();
        String a = team.create(Team.LEAD, "a", "backend");
        String b = team.create(Team.LEAD, "b", null);
        assertThat(team.board.allDone()).isFalse();
        team.update(Team.BACKEND, a, DONE, null);
        assertThat(team.board.allDone()).isFalse();
        team.update(Team.LEAD, b, CANCELLED, null);
        assertThat(team.board.allDone()).isTrue();
        assertThat(team.board.anyFailed()).isFalse();

        team.update(Team.LEAD, a, ASSIGNED, "reopened");
        assertThat(team.board.allDone()).isFalse();
        team.update(Team.BACKEND, a, FAILED, "cannot");
        assertThat(team.board.allDone()).isFalse();
        assertThat(team.board.anyFailed()).isTrue();
        team.update(Team.LEAD, a, ASSIGNED, "try once more");
        assertThat(team.board.anyFailed()).isFalse();
    }

    @Test
    void openTasksOfARoleAreTheOnesItHolds() {
        String a = team.create(Team.LEAD, "a", "backend");
        String b = team.create(Team.LEAD, "b", "backend");
        String c = team.create(Team.LEAD, "c", "backend");
        String d = team.create(Team.LEAD, "d", "backend");
        String e = team.create(Team.LEAD, "e", "backend");
        team.create(Team.LEAD, "f", "qa");
        team.create(Team.LEAD, "g", null);
        team.update(Team.BACKEND, b, IN_PROGRESS, null);
        team.update(Team.BACKEND, c, BLOCKED, null);
        team.update(Team.BACKEND, d, REVIEW, null);
        team.update(Team.BACKEND, e, DONE, null);
        assertThat(team.board.openTasksOf("backend")).extracting(Task::id).containsExactly(a, b, c, d);
        assertThat(team.board.openTasksOf("qa")).extracting(Task::id).containsExactly("T6");
        assertThat(team.board.openTasksOf("manager")).isEmpty();
        assertThat(team.board.openTasksOf(null)).isEmpty();
    }

    @Test
    void theCurrentTaskIsTheOneInProgressElseTheFirstAssignedPreferringReadyOnes() {
        assertThat(team.board.currentTaskOf("backend")).isEmpty();
        String blocker = team.create(Team.LEAD, "blocker", "qa");
        String waiting = team.create(Team.LEAD, "waiting", "backend", blocker);
        assertThat(team.board.currentTaskOf("backend")).map(Task::id).contains(waiting);
        String ready = team.create(Team.LEAD, "ready", "backend");
        assertThat(team.board.currentTaskOf("backend")).map(Task::id).contains(ready);
        String started = team.create(Team.LEAD, "started", "backend");
        team.update(Team.BACKEND, started, IN_PROGRESS, null);
        assertThat(team.board.currentTaskOf("backend")).map(Task::id).contains(started);
        team.update(Team.BACKEND, started, BLOCKED, null);
        team.update(Team.BACKEND, ready, REVIEW, null);
        assertThat(team.board.currentTaskOf("backend")).map(Task::id).contains(waiting);
    }
}
