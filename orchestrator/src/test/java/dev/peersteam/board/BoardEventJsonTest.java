package dev.peersteam.board;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.peersteam.json.Json;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class BoardEventJsonTest {
    private static final Instant AT = Instant.parse("2026-11-26T12:00:01.250Z");

    static List<BoardEvent> everyKind() {
        return List.of(
                new BoardEvent.TaskCreated(
                        "T2", "test \"login\"", "line 1\nline 2", "qa", List.of("T1"), "manager", AT),
                new BoardEvent.TaskCreated("T3", "docs", "", null, List.of(), "human", AT),
                new BoardEvent.TaskUpdated("T2", TaskStatus.IN_PROGRESS, "on it", "qa", AT),
                new BoardEvent.TaskUpdated("T2", TaskStatus.DONE, null, "qa", AT),
                new BoardEvent.TaskAssigned("T3", "backend", "yours", "manager", AT),
                new BoardEvent.TaskAssigned("T3", "qa", null, "human", AT),
                new BoardEvent.TaskDispatched("T2", "qa", "4b3c8f0e-1b2a-4c5d-8e9f-0a1b2c3d4e5f", AT),
                new BoardEvent.TaskNoted("T2", "ünïcödé ✓", "backend", AT));
    }

    @ParameterizedTest
    @MethodSource("everyKind")
    void everyEventRoundTripsThroughTheSharedMapper(BoardEvent event) throws Exception {
        String json = Json.MAPPER.writeValueAsString(event);
        assertThat(Json.MAPPER.readValue(json, BoardEvent.class)).isEqualTo(event);
        JsonNode node = Json.MAPPER.readTree(json);
        assertThat(node.path("at").asText()).isEqualTo("2026-11-26T12:00:01.250Z");
        assertThat(node.path("id").asText()).isEqualTo(event.id());
    }

    @Test
    void theEventKindIsNamedInTheEventProperty() throws Exception {
        assertThat(everyKind())
                .extracting(e -> Json.MAPPER.valueToTree(e).path("event").asText())
                .containsExactly(
                        "task_created",
                        "task_created",
                        "task_updated",
                        "task_updated",
                        "task_assigned",
                        "task_assigned",
                        "task_dispatched",
                        "task_noted");
    }

    @Test
    void theWireFormIsStable() throws Exception {
        // The journal keeps these for good: a change here must stay readable from old journals.
        assertThat(Json.MAPPER.writeValueAsString(everyKind().getFirst()))
                .isEqualTo("{\"event\":\"task_created\","
                        + "\"id\":\"T2\",\"title\":\"test \\\"login\\\"\",\"details\":\"line 1\\nline 2\",\"assignee\":\"qa\","
                        + "\"dependsOn\":[\"T1\"],\"by\":\"manager\",\"at\":\"2026-11-26T12:00:01.250Z\"}");
        assertThat(Json.MAPPER.writeValueAsString(everyKind().get(3)))
                .isEqualTo("{\"event\":\"task_updated\","
                        + "\"id\":\"T2\",\"status\":\"done\",\"by\":\"qa\",\"at\":\"2026-11-26T12:00:01.250Z\"}");
        assertThat(Json.MAPPER.writeValueAsString(everyKind().get(6)))
                .isEqualTo("{\"event\":\"task_dispatched\","
                        + "\"id\":\"T2\",\"assignee\":\"qa\",\"messageId\":\"4b3c8f0e-1b2a-4c5d-8e9f-0a1b2c3d4e5f\","
                        + "\"at\":\"2026-11-26T12:00:01.250Z\"}");
    }

    @Test
    void aListOfEventsRoundTripsPolymorphically() throws Exception {
        String json = Json.MAPPER.writerFor(BoardEvent.LIST).writeValueAsString(everyKind());
        assertThat(Json.MAPPER.readTree(json))
                .allSatisfy(node -> assertThat(node.has("event")).isTrue());
        assertThat(Json.MAPPER.readValue(json, BoardEvent.LIST)).isEqualTo(everyKind());
    }

    @Test
    void aDispatchIsByTheCoordinator() throws Exception {
        BoardEvent read = Json.MAPPER.readValue(
                "{\"event\":\"task_dispatched\",\"id\":\"T1\",\"assignee\":\"qa\","
                        + "\"messageId\":\"m1\",\"at\":\"2026-11-26T12:00:00Z\",\"by\":\"someone\"}",
                BoardEvent.class);
        assertThat(read.by()).isEqualTo("coordinator");
        assertThat(read.at()).isEqualTo(Instant.parse("2026-11-26T12:00:00Z"));
    }

    @Test
    void missingListsAndTextsReadAsEmpty() throws Exception {
        BoardEvent read = Json.MAPPER.readValue(
                "{\"event\":\"task_created\",\"id\":\"T1\",\"title\":\"t\","
                        + "\"by\":\"qa\",\"at\":\"2026-11-26T12:00:00Z\",\"future\":1}",
                BoardEvent.class);
        assertThat(read)
                .isEqualTo(new BoardEvent.TaskCreated(
                        "T1", "t", "", null, List.of(), "qa", Instant.parse("2026-11-26T12:00:00Z")));
    }

    @Test
    void theBoardRoundTripsThroughItsEvents() throws Exception {
        Team team = new Team();
        String api = team.create(Team.LEAD, "build the API", "backend");
        team.create(Team.BACKEND, "test the API", "qa", api);
        team.dispatch(api);
        team.update(Team.BACKEND, api, TaskStatus.DONE, "shipped");
        List<BoardEvent> read = Json.MAPPER.readValue(
                Json.MAPPER.writerFor(BoardEvent.LIST).writeValueAsString(team.events), BoardEvent.LIST);
        assertThat(Board.replay(read)).isEqualTo(team.board);
    }

    @Test
    void tasksAndNotesSerialiseToo() throws Exception {
        Task task = new Task(
                "T1",
                "t",
                "d",
                "qa",
                TaskStatus.REVIEW,
                List.of("T0"),
                List.of(new Note("qa", AT, "n")),
                "manager",
                AT,
                AT.plusSeconds(1));
        String json = Json.MAPPER.writeValueAsString(task);
        assertThat(json).contains("\"status\":\"review\"", "\"createdAt\":\"2026-11-26T12:00:01.250Z\"");
        assertThat(Json.MAPPER.readValue(json, Task.class)).isEqualTo(task);
    }
}
