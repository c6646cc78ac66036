package dev.peersteam.coordinator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.peersteam.board.TaskStatus;
import dev.peersteam.control.ControlRequest;
import dev.peersteam.control.ControlResponse;
import dev.peersteam.control.PsReply;
import dev.peersteam.control.RoleRow;
import dev.peersteam.control.SessionState;
import dev.peersteam.control.TeamEvent;
import dev.peersteam.protocol.HostMessage;
import dev.peersteam.team.TeamSpec;
import dev.peersteam.testing.TestTeams;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The API's limits: while a CLI retries a 429 or 529, or after a turn the API stopped, no new turn starts; running
 * turns go on; the waiting messages go out when the pause is over, once each and in order; a stopped turn is
 * retried (the session is told to go on), and no task fails because of it.
 */
class PacingTest {
    @TempDir
    Path dir;

    private LoopHarness started(String... roles) {
        LoopHarness loop = new LoopHarness(dir)
                .start(TestTeams.team(dir, null, roles), Coordinator.Settings.headless(), Recovery.none());
        for (String role : roles) {
            loop.ready(role);
        }
        return loop;
    }

    private static void apiRetry(LoopHarness loop, String role, int status, int attempt) {
        loop.ch(role)
                .says("{\"type\":\"system\",\"subtype\":\"api_retry\",\"attempt\":" + attempt
                        + ",\"max_retries\":10,\"retry_delay_ms\":1010,\"error_status\":" + status
                        + ",\"error\":\"rate_limit\",\"session_id\":\"sess-" + role + "\"}");
        loop.step();
    }

    /** The frame 2.1.328 ends a turn with when its retries of a 429 ran out (fixture rate_limit_exhausted). */
    private static void stoppedByLimit(LoopHarness loop, String role, double totalCost) {
        loop.ch(role)
                .says("{\"type\":\"result\",\"subtype\":\"success\",\"is_error\":true,\"api_error_status\":429,"
                        + "\"terminal_reason\":\"api_error\",\"result\":\"API Error: Request rejected (429)\","
                        + "\"session_id\":\"sess-" + role + "\",\"total_cost_usd\":" + totalCost
                        + ",\"queued_turn_count\":0}");
        loop.step();
    }

    /**
     * The lead gives a a task; a's turn on it is stopped by the limit, as 2.1.328 ends it. Returns the task message's
     * uuid.
     */
    private static String aTaskForAStoppedByTheLimit(LoopHarness loop) throws Exception {
        loop.control(new ControlRequest.Send("lead", "plan"));
        loop.lifecycle("lead", loop.prompts("lead").getFirst().uuid(), "started");
        loop.toolCall("lead", "c1", "create_task", "{\"title\":\"Build it\",\"assignee\":\"a\"}");
        loop.turnEnds("lead", 0.01);
        String task = loop.prompts("a").getFirst().uuid();
        loop.lifecycle("a", task, "started");
        apiRetry(loop, "a", 429, 1);
        stoppedByLimit(loop, "a", 0.0);
        loop.lifecycle("a", task, "cancelled"); // what 2.1.328 says of the turn's message after such a result
        return task;
    }

    private static PsReply ps(LoopHarness loop) throws Exception {
        return (PsReply) ((ControlResponse.Ok) loop.control(new ControlRequest.Ps())).body();
    }

    private static SessionState state(PsReply ps, String role) {
        return ps.role(role).map(RoleRow::state).orElseThrow();
    }

    @Test
    void aRetryOnTheRateLimitHoldsNewTurnsBackUntilItsDelayIsOverAndNothingIsLost() throws Exception {
        LoopHarness loop = started("lead", "a", "b");
        loop.control(new ControlRequest.Send("a", "first for a"));
        String first = loop.prompts("a").getFirst().uuid();
        loop.lifecycle("a", first, "started");

        apiRetry(loop, "a", 429, 1);
        loop.control(new ControlRequest.Send("b", "for b, while limited"));
        loop.control(new ControlRequest.Send("a", "second for a, into its running turn"));

        assertThat(loop.prompts("b"))
                .as("b's turn would be a new request to the API")
                .isEmpty();
        assertThat(loop.prompts("a"))
                .as("a's turn is running: the CLI queues the message, no new turn starts for it")
                .hasSize(2);
        PsReply ps = ps(loop);
        assertThat(state(ps, "b")).isEqualTo(SessionState.WAITING);
        assertThat(ps.paused()).isNotNull();
        assertThat(ps.paused().reason()).contains("API");
        assertThat(ps.role("a").orElseThrow().apiLimits()).isEqualTo(new RoleRow.ApiLimits(1, 0, 429));
        assertThat(loop.events)
                .filteredOn(TeamEvent.Paced.class::isInstance)
                .map(e -> ((TeamEvent.Paced) e).paused())
                .containsExactly(true);

        apiRetry(loop, "a", 429, 2); // a later retry: the pause is longer now, the first timer does not end it
        loop.timers.removeFirst().run();
        loop.step();
        assertThat(loop.prompts("b"))
                .as("the first timer was replaced by the second retry's")
                .isEmpty();

        loop.timersPass();
        assertThat(loop.promptTexts("b")).containsExactly("[from human] for b, while limited");
        assertThat(ps(loop).paused()).isNull();
        assertThat(loop.events)
                .filteredOn(TeamEvent.Paced.class::isInstance)
                .map(e -> ((TeamEvent.Paced) e).paused())
                .containsExactly(true, false);
    }

    @Test
    void aTurnTheApiStoppedIsRetriedWhenTheLimitLiftsNotFailedAndItsMessageIsNotWrittenTwice() throws Exception {
        LoopHarness loop = started("lead", "a");
        String task = aTaskForAStoppedByTheLimit(loop);

        assertThat(loop.prompts("a")).as("nothing new while the limit holds").hasSize(1);
        assertThat(loop.events)
                .filteredOn(TeamEvent.TurnEnded.class::isInstance)
                .map(e -> (TeamEvent.TurnEnded) e)
                .filteredOn(e -> e.role().equals("a"))
                .singleElement()
                .satisfies(e -> {
                    assertThat(e.error())
                            .as("a limit is not the role's failure")
                            .isFalse();
                    assertThat(e.detail()).contains("429");
                });
        assertThat(ps(loop).role("a").orElseThrow().apiLimits()).isEqualTo(new RoleRow.ApiLimits(1, 1, 429));

        loop.timersPass();
        List<String> texts = loop.promptTexts("a");
        assertThat(texts).hasSize(2);
        assertThat(texts.get(1)).contains("stopped by the model API (429").contains("continue where you left off");
        assertThat(loop.prompts("a").stream().map(m -> m.uuid()).distinct()).hasSize(2);
        assertThat(loop.events)
                .filteredOn(TeamEvent.TaskChanged.class::isInstance)
                .map(e -> ((TeamEvent.TaskChanged) e).status())
                .doesNotContain(TaskStatus.FAILED);
    }

    @Test
    void limitStopsInARowPauseLongerEachTime() throws Exception {
        LoopHarness loop = started("lead", "a");
        loop.control(new ControlRequest.Send("a", "work"));
        loop.lifecycle("a", loop.prompts("a").getFirst().uuid(), "started");
        apiRetry(loop, "a", 529, 1); // the CLI's last delay: 1,010 ms
        long before = System.currentTimeMillis();
        stoppedByLimit(loop, "a", 0.0);
        long after = System.currentTimeMillis();
        long firstUntil = ps(loop).paused().untilEpochMs();
        assertThat(firstUntil).as("one stop: the CLI's last delay").isBetween(before + 1010, after + 1010);

        loop.timersPass();
        loop.lifecycle("a", loop.prompts("a").get(1).uuid(), "started");
        before = System.currentTimeMillis();
        stoppedByLimit(loop, "a", 0.0);
        after = System.currentTimeMillis();
        long secondUntil = ps(loop).paused().untilEpochMs();
        assertThat(secondUntil).as("the second stop in a row: twice that").isBetween(before + 2020, after + 2020);
        assertThat(firstUntil).isLessThan(secondUntil);
    }

    @Test
    void overTheHourlyBudgetNewTurnsWaitUntilTheHourAllowsAndRunningOnesGoOn() throws Exception {
        LoopHarness loop = new LoopHarness(dir)
                .start(
                        TestTeams.withHourlyBudget(TestTeams.team(dir, null, "lead", "a", "b"), 0.05),
                        Coordinator.Settings.headless(),
                        Recovery.none());
        for (String role : List.of("lead", "a", "b")) {
            loop.ready(role);
        }
        loop.control(new ControlRequest.Send("a", "one"));
        loop.control(new ControlRequest.Send("b", "two"));
        loop.lifecycle("a", loop.prompts("a").getFirst().uuid(), "started");
        loop.lifecycle("b", loop.prompts("b").getFirst().uuid(), "started");
        loop.turnEnds("a", 0.03);
        assertThat(ps(loop).paused()).as("$0.03 of $0.05").isNull();
        loop.control(new ControlRequest.Send("b", "into b's running turn"));
        loop.turnEnds("b", 0.03);

        PsReply ps = ps(loop);
        assertThat(ps.paused()).isNotNull();
        assertThat(ps.paused().reason()).contains("budget for the last hour");
        assertThat(ps.paused().untilEpochMs())
                .as("when a's $0.03 leaves the hour")
                .isGreaterThan(System.currentTimeMillis() + 3_500_000L);
        assertThat(loop.prompts("b")).as("written while b was in its turn").hasSize(2);

        loop.control(new ControlRequest.Send("lead", "three"));
        assertThat(loop.prompts("lead")).isEmpty();
        assertThat(state(ps(loop), "lead")).isEqualTo(SessionState.WAITING);

        loop.timersPass();
        assertThat(loop.promptTexts("lead")).containsExactly("[from human] three");
        assertThat(ps(loop).paused()).isNull();
    }

    @Test
    void theLastHoursSpendingSurvivesACrashSoARestartCannotSpendTheHourlyBudgetAgain() throws Exception {
        TeamSpec team = TestTeams.withHourlyBudget(TestTeams.team(dir, null, "lead", "a"), 0.05);
        LoopHarness first = new LoopHarness(dir).start(team, Coordinator.Settings.headless(), Recovery.none());
        first.ready("lead");
        first.ready("a");
        first.control(new ControlRequest.Send("a", "one"));
        first.handles("a", first.prompts("a").getFirst().uuid(), 0.04);
        assertThat(ps(first).paused()).as("$0.04 of $0.05").isNull();

        // killed; `up` again: a's session resumes and its next turn costs another $0.02 ($0.06 in all)
        LoopHarness second = first.restart(team, Coordinator.Settings.headless());
        second.ready("lead");
        second.ready("a");
        assertThat(ps(second).paused()).as("$0.04 is still within the hour").isNull();
        second.control(new ControlRequest.Send("a", "two"));
        second.handles("a", second.prompts("a").getLast().uuid(), 0.06);

        PsReply ps = ps(second);
        assertThat(ps.paused())
                .as("$0.04 before the crash + $0.02 after it is over $0.05: a fresh window would show $0.02")
                .isNotNull();
        assertThat(ps.paused().reason()).contains("budget for the last hour");
        second.control(new ControlRequest.Send("lead", "three"));
        assertThat(second.prompts("lead")).as("held back, not lost").isEmpty();
        assertThat(state(ps(second), "lead")).isEqualTo(SessionState.WAITING);
    }

    @Test
    void killedWhileTheLimitHoldsTheStoppedWorkIsAnnouncedOnceAfterTheRestartNotLostNotTwice() throws Exception {
        TeamSpec team = TestTeams.team(dir, null, "lead", "a");
        LoopHarness first = new LoopHarness(dir).start(team, Coordinator.Settings.headless(), Recovery.none());
        first.ready("lead");
        first.ready("a");
        String task = aTaskForAStoppedByTheLimit(first);
        assertThat(ps(first).paused()).isNotNull();

        // killed during the pause, before the stopped work was announced again; `up` resumes the sessions
        LoopHarness second = first.restart(team, Coordinator.Settings.headless());
        second.ready("lead");
        second.ready("a");
        second.timersPass();

        List<HostMessage.UserMessage> toA = second.prompts("a");
        assertThat(toA).as("the stopped work, announced once").hasSize(1);
        assertThat(toA.getFirst().uuid())
                .as("under an id of its own, not the first one again")
                .isNotEqualTo(task);
        assertThat(second.promptTexts("a").getFirst()).contains(task);
        assertThat(second.prompts("lead"))
                .as("the lead's finished turn is not sent again")
                .isEmpty();
        assertThat(second.events)
                .filteredOn(TeamEvent.TaskChanged.class::isInstance)
                .map(e -> ((TeamEvent.TaskChanged) e).status())
                .doesNotContain(TaskStatus.FAILED);
    }
}
