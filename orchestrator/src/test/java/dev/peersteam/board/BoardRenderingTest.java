package dev.peersteam.board;

import static org.assertj.core.api.Assertions.assertThat;

import dev.peersteam.control.BoardView;
import dev.peersteam.control.TaskView;
import dev.peersteam.protocol.Json;
import dev.peersteam.tools.ToolResult;
import org.junit.jupiter.api.Test;

class BoardRenderingTest {
    private final Team team = new Team();

    private void smallBoard() {
        String api = team.create(Team.LEAD, "Build the login API", "backend");
        team.create(Team.LEAD, "Write the docs", null);
        team.create(Team.LEAD, "Test the login flow", "qa", api, "T2");
        team.update(Team.BACKEND, api, TaskStatus.IN_PROGRESS, "schema first");
    }

    @Test
    void theJsonHasEveryKeyInSnakeCase() throws Exception {
        smallBoard();
        String expected = """
                {"tasks":[
                 {"id":"T1","title":"Build the login API","details":"","status":"in_progress","assignee":"backend",
                  "depends_on":[],"created_by":"manager",
                  "notes":[{"by":"backend","at":"2026-11-26T12:00:04Z","text":"schema first"}],"ready":true},
                 {"id":"T2","title":"Write the docs","details":"","status":"todo","assignee":null,
                  "depends_on":[],"created_by":"manager","notes":[],"ready":true},
                 {"id":"T3","title":"Test the login flow","details":"","status":"assigned","assignee":"qa",
                  "depends_on":["T1","T2"],"created_by":"manager","notes":[],"ready":false}
                ]}""";
        // what get_board gives the model, and the body of the board answer
        String json = ToolResult.json(BoardView.of(team.board)).text();
        assertThat(Json.MAPPER.readTree(json)).isEqualTo(Json.MAPPER.readTree(expected));
        // The mapper drops nulls from records, but the board's JSON keeps the key: one shape for the model.
        assertThat(json).contains("\"assignee\":null");
    }

    @Test
    void aTaskIsReadyWhenOpenWithEveryDependencyDone() {
        smallBoard();
        assertThat(TaskView.of(team.board, team.task("T3")).ready()).isFalse();
        assertThat(TaskView.of(team.board, team.task("T2")).ready()).isTrue();
        team.update(Team.BACKEND, "T1", TaskStatus.DONE, null);
        assertThat(TaskView.of(team.board, team.task("T1")).ready()).isFalse();
        assertThat(ToolResult.json(BoardView.of(Board.empty())).text()).isEqualTo("{\"tasks\":[]}");
    }

    @Test
    void theTableShowsIdStatusAssigneeTitleAndDependencies() {
        smallBoard();
        team.create(Team.QA, "Fix\nthe " + "very ".repeat(20) + "long title", "backend");
        assertThat(BoardText.render(team.board)).isEqualTo("""
                ID  STATUS       ASSIGNEE  TITLE                                                         DEPS
                T1  in_progress  backend   Build the login API
                T2  todo         -         Write the docs
                T3  assigned     qa        Test the login flow                                           T1* T2*
                T4  assigned     backend   Fix the very very very very very very very very very very v…
                4 tasks: 1 todo, 2 assigned, 1 in_progress
                """);
    }

    @Test
    void anEmptyBoardSaysSo() {
        assertThat(BoardText.render(Board.empty())).isEqualTo("no tasks yet\n");
        assertThat(BoardText.summary(Board.empty())).isEqualTo("0 tasks");
        team.create(Team.LEAD, "one", null);
        assertThat(BoardText.summary(team.board)).isEqualTo("1 task: 1 todo");
    }
}
