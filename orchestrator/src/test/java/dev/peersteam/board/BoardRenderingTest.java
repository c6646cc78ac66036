package dev.peersteam.board;

import static org.assertj.core.api.Assertions.assertThat;

import dev.peersteam.protocol.Json;
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
        assertThat(BoardJson.toJson(team.board)).isEqualTo(Json.MAPPER.readTree(expected));
        // The mapper drops nulls from records, but the board's JSON keeps the key: one shape for the model.
        assertThat(BoardJson.toJson(team.board).toString()).contains("\"assignee\":null");
    }

    @Test
    void aSingleTaskHasNoReadinessWithoutTheBoard() {
        smallBoard();
        assertThat(BoardJson.task(team.task("T3")).has("ready")).isFalse();
        assertThat(BoardJson.task(team.board, team.task("T3")).path("ready").asBoolean(true))
                .isFalse();
        team.update(Team.BACKEND, "T1", TaskStatus.DONE, null);
        assertThat(BoardJson.task(team.board, team.task("T1")).path("ready").asBoolean(true))
                .isFalse();
        assertThat(BoardJson.toJson(Board.empty()).toString()).isEqualTo("{\"tasks\":[]}");
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
