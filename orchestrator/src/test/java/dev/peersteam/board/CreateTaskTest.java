package dev.peersteam.board;

import static dev.peersteam.board.TaskStatus.ASSIGNED;
import static dev.peersteam.board.TaskStatus.TODO;
import static org.assertj.core.api.Assertions.assertThat;

import dev.peersteam.board.BoardEvent.TaskCreated;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class CreateTaskTest {
    private final Team team = new Team();

    @Test
    void aNewTaskIsAssignedWhenItHasAnAssigneeAndTodoOtherwise() {
        List<BoardEvent> events = team.accept(
                Team.LEAD,
                new BoardCommand.Create("Build the login API", " POST /login\n", "backend", null, "manager"));
        assertThat(events)
                .containsExactly(new TaskCreated(
                        "T1", "Build the login API", "POST /login", "backend", List.of(), "manager", team.now));
        Task task = team.task("T1");
        assertThat(task)
                .isEqualTo(new Task(
                        "T1",
                        "Build the login API",
                        "POST /login",
                        "backend",
                        ASSIGNED,
                        List.of(),
                        List.of(),
                        "manager",
                        team.now,
                        team.now));

        team.create(Team.LEAD, "write the docs", null);
        assertThat(team.task("T2"))
                .extracting(Task::status, Task::assignee, Task::details)
                .containsExactly(TODO, null, "");
    }

    @Test
    void idsFollowTheOrderOfCreation() {
        for (int i = 1; i <= 12; i++) {
            assertThat(team.create(Team.LEAD, "task " + i, null)).isEqualTo("T" + i);
        }
        assertThat(team.board.tasks())
                .extracting(Task::id)
                .containsExactly("T1", "T2", "T3", "T4", "T5", "T6", "T7", "T8", "T9", "T10", "T11", "T12");
        assertThat(team.board.nextId()).isEqualTo("T13");
        assertThat(Board.replay(team.events).nextId()).isEqualTo("T13");
    }

    @Test
    void anyoneMayCreateATaskForAnyRole() {
        team.create(Team.BACKEND, "test the new endpoint", "qa");
        team.create(Team.QA, "fix the flaky login", "backend");
        team.create(Team.HUMAN, "decide on OAuth", "manager");
        assertThat(team.board.tasks())
                .extracting(Task::createdBy, Task::assignee)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("backend", "qa"),
                        org.assertj.core.groups.Tuple.tuple("qa", "backend"),
                        org.assertj.core.groups.Tuple.tuple("human", "manager"));
    }

    @Test
    void theTitleIsOneTrimmedLineOfAtMost200Characters() {
        team.create(Team.LEAD, "  Build\n the   login\tAPI  ", null);
        assertThat(team.task("T1").title()).isEqualTo("Build the login API");

        assertThat(team.reject(Team.LEAD, Team.create("   ", null)))
                .isEqualTo("a task needs a title: one line that says what is to be done");
        assertThat(team.reject(Team.LEAD, Team.create(null, null))).startsWith("a task needs a title");

        team.create(Team.LEAD, "x".repeat(200), null);
        assertThat(team.reject(Team.LEAD, Team.create("x".repeat(201), null)))
                .isEqualTo("the title is 201 characters; keep it within 200 and put the rest in details");
    }

    @Test
    void theAssigneeMustBeARoleOfTheTeam() {
        assertThat(team.reject(Team.LEAD, Team.create("t", "frontend")))
                .isEqualTo("no role named \"frontend\"; roles: manager, backend, qa");
        assertThat(team.reject(Team.BACKEND, Team.create("t", "all")))
                .isEqualTo("\"all\" cannot take a task; assign it to one role: manager, backend, qa");
        assertThat(team.reject(Team.LEAD, Team.create("t", "Human")))
                .isEqualTo("\"human\" cannot take a task; assign it to one role: manager, backend, qa");

        team.create(Team.LEAD, "t", " QA ");
        team.create(Team.LEAD, "u", "  ");
        assertThat(team.board.tasks()).extracting(Task::assignee).containsExactly("qa", null);
    }

    @Test
    void dependenciesMustExist() {
        assertThat(team.reject(Team.LEAD, Team.create("t", null, "T1")))
                .isEqualTo("no task T1 to depend on; the board has no tasks yet");
        team.create(Team.LEAD, "one", null);
        team.create(Team.LEAD, "two", null);
        assertThat(team.reject(Team.LEAD, Team.create("t", null, "T1", "T9")))
                .isEqualTo("no task T9 to depend on; tasks are T1, T2");
        assertThat(team.reject(Team.LEAD, Team.create("t", null, "T8", "T2", "login")))
                .isEqualTo("no tasks T8, login to depend on; tasks are T1, T2");
    }

    @Test
    void manyTasksAreNamedByTheirRange() {
        for (int i = 1; i <= 11; i++) {
            team.create(Team.LEAD, "task " + i, null);
        }
        assertThat(team.reject(Team.LEAD, Team.create("t", null, "T40")))
                .isEqualTo("no task T40 to depend on; tasks are T1 to T11 (11 in all; get_board lists them)");
    }

    @Test
    void dependenciesAreNormalisedAndDeduplicatedInOrder() {
        team.create(Team.LEAD, "one", null);
        team.create(Team.LEAD, "two", null);
        List<String> deps = new ArrayList<>(Arrays.asList("t2", " T1", "T2", "", null));
        team.accept(Team.LEAD, new BoardCommand.Create("three", null, null, deps, null));
        assertThat(team.task("T3").dependsOn()).containsExactly("T2", "T1");
    }
}
