package dev.peersteam.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.peersteam.agent.sim.ScriptLoader;
import dev.peersteam.board.BoardEvent;
import dev.peersteam.board.TaskStatus;
import dev.peersteam.journal.Journal;
import dev.peersteam.journal.JournalRecord;
import dev.peersteam.journal.JournalReplay;
import dev.peersteam.json.Json;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MakespanBenchTest {
    /** 0 → {1, 2} → 3, durations 1, 2, 3, 4 (ms). */
    private static final TaskDag DIAMOND =
            new TaskDag(0, new long[] {1, 2, 3, 4}, List.of(List.of(), List.of(0), List.of(0), List.of(1, 2)));

    private static final Instant T0 = Instant.parse("2026-12-07T12:00:00Z");

    @Test
    void theScriptIsOneTheSimAcceptsAndPutsTheGraphOnTheBoardBehindTheGate() throws Exception {
        String script = MakespanBench.script(DIAMOND, new int[] {0, 0, 1, 0}, 2);

        ScriptLoader.parse(script, "makespan script"); // throws on an unknown step or a bad regex
        JsonNode steps = Json.MAPPER.readTree(script).at("/roles/lead/rules/0/do");
        List<JsonNode> creates = new ArrayList<>();
        steps.forEach(step -> {
            if (step.at("/tool/name").asText().equals("create_task")) {
                creates.add(step.at("/tool/input"));
            }
        });
        assertThat(creates).hasSize(5); // the gate, then the graph
        // with 2 workers, T1..T2 are their warm-ups, T3 the gate, the graph's tasks T4..T7
        assertThat(MakespanBench.gateId(2)).isEqualTo("T3");
        assertThat(creates.get(1).get("depends_on").toString()).isEqualTo("[\"T3\"]");
        assertThat(creates.get(4).get("depends_on").toString()).isEqualTo("[\"T5\",\"T6\"]");
        assertThat(creates.get(3).get("assignee").asText()).isEqualTo("w2");
        assertThat(creates.get(4).get("details").asText()).isEqualTo("takes 4 ms");
        assertThat(steps.get(steps.size() - 1).at("/tool/input/id").asText()).isEqualTo("T3");
    }

    @Test
    void aRunIsReadFromTheJournalRelativeToTheGateAndARestartIsCounted(@TempDir Path dir) {
        Path file = dir.resolve("journal.jsonl");
        Journal journal = Journal.open(file, JournalReplay.empty(), Clock.systemUTC());
        // gate T3 done at 0; task i is board task T(4+i); w1 runs 0, 1, 3; w2 runs 2
        update(journal, "T3", TaskStatus.DONE, 0);
        task(journal, "T4", "w1", 0, 5, 20);
        task(journal, "T5", "w1", 20, 25, 40);
        task(journal, "T6", "w2", 20, 30, 60);
        update(journal, "T6", TaskStatus.IN_PROGRESS, 35); // a second start of the same task
        task(journal, "T7", "w1", 60, 70, 100);
        journal.sync();

        MakespanBench.Run run = MakespanBench.read(file, DIAMOND, 2, "l0", "l1", 1_000_000);

        assertThat(run.makespanMs()).isEqualTo(100);
        assertThat(run.tasksDone()).isEqualTo(4);
        assertThat(run.startedTwice()).isEqualTo(1);
        assertThat(run.mostAtOnce()).as("T5 and T6 overlap").isEqualTo(2);
        MakespanBench.TaskTimes last = run.tasks().get(3);
        assertThat(last.readyMs()).as("after the later of its dependencies").isEqualTo(60);
        assertThat(last.role()).isEqualTo("w1");
        assertThat(MakespanBench.pickUps(run))
                .as("sent → in_progress, each worker free")
                .containsExactly(5L, 5L, 10L, 10L);
    }

    @Test
    void aTaskNeverDoneIsNotCountedAsDone(@TempDir Path dir) {
        Path file = dir.resolve("journal.jsonl");
        Journal journal = Journal.open(file, JournalReplay.empty(), Clock.systemUTC());
        update(journal, "T3", TaskStatus.DONE, 0);
        task(journal, "T4", "w1", 0, 1, 3);
        task(journal, "T5", "w1", 3, 4, 6);
        task(journal, "T6", "w2", 3, 4, 9);
        dispatch(journal, "T7", "w1", 9); // sent, never started
        journal.sync();

        MakespanBench.Run run = MakespanBench.read(file, DIAMOND, 2, "l0", "l1", 1);

        assertThat(run.tasksDone()).isEqualTo(3);
        assertThat(run.makespanMs()).isEqualTo(9);
    }

    private static void task(Journal journal, String id, String role, long sent, long started, long done) {
        dispatch(journal, id, role, sent);
        update(journal, id, TaskStatus.IN_PROGRESS, started);
        update(journal, id, TaskStatus.DONE, done);
    }

    private static void dispatch(Journal journal, String id, String role, long ms) {
        journal.append(
                new JournalRecord.BoardChanged(new BoardEvent.TaskDispatched(id, role, "m-" + id, T0.plusMillis(ms))));
    }

    private static void update(Journal journal, String id, TaskStatus status, long ms) {
        journal.append(
                new JournalRecord.BoardChanged(new BoardEvent.TaskUpdated(id, status, null, "w", T0.plusMillis(ms))));
    }
}
