package dev.peersteam.coordinator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.peersteam.control.ControlRequest;
import dev.peersteam.control.ControlResponse;
import dev.peersteam.control.PsReply;
import dev.peersteam.control.RoleRow;
import dev.peersteam.control.SessionState;
import dev.peersteam.journal.JournalRecord;
import dev.peersteam.protocol.HostMessage;
import dev.peersteam.testing.TestTeams;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code max_active}: never more sessions in a turn than the cap, nothing lost, order kept, most urgent first. */
class TurnCapTest {
    @TempDir
    Path dir;

    private LoopHarness started(int cap, String... roles) {
        LoopHarness loop = new LoopHarness(dir)
                .start(
                        TestTeams.team(dir, null, roles).withMaxActive(cap),
                        Coordinator.Settings.headless(),
                        Recovery.none());
        for (String role : roles) {
            loop.ready(role);
        }
        return loop;
    }

    /** Messages written to the role whose turn has not ended yet: what the fake CLI still has to handle. */
    private static final class Sessions {
        final Map<String, Integer> handled = new HashMap<>();

        List<String> unhandled(LoopHarness loop, String role) {
            List<HostMessage.UserMessage> written = loop.prompts(role);
            return written.subList(handled.getOrDefault(role, 0), written.size()).stream()
                    .map(HostMessage.UserMessage::uuid)
                    .toList();
        }

        /** Roles with written, unhandled messages: in a turn, or about to be. */
        Set<String> active(LoopHarness loop, List<String> roles) {
            return roles.stream().filter(r -> !unhandled(loop, r).isEmpty()).collect(Collectors.toSet());
        }

        /** The role takes up everything written to it in one turn, and the turn ends. */
        void turn(LoopHarness loop, String role) {
            List<String> ids = unhandled(loop, role);
            handled.merge(role, ids.size(), Integer::sum);
            for (String id : ids) {
                loop.lifecycle(role, id, "started");
            }
            loop.turnEnds(role, 0.01);
        }
    }

    private static Map<String, SessionState> states(LoopHarness loop) throws Exception {
        ControlResponse response = loop.control(new ControlRequest.Ps());
        PsReply ps = (PsReply) ((ControlResponse.Ok) response).body();
        return ps.roles().stream().collect(Collectors.toMap(RoleRow::role, RoleRow::state));
    }

    @Test
    void aBurstToEveryoneRunsAtMostTheCapAtOnceAndEveryoneGetsItsMessageOnce() throws Exception {
        List<String> roles = List.of("lead", "a", "b", "c", "d", "e");
        LoopHarness loop = started(2, roles.toArray(String[]::new));
        Sessions sessions = new Sessions();

        loop.control(new ControlRequest.Send("all", "status, please"));

        assertThat(sessions.active(loop, roles)).hasSize(2);
        assertThat(states(loop).values())
                .filteredOn(s -> s == SessionState.WAITING)
                .hasSize(4);
        Set<String> done = new HashSet<>();
        while (done.size() < roles.size()) {
            Set<String> active = sessions.active(loop, roles);
            assertThat(active).as("in a turn at once").hasSizeBetween(1, 2);
            String next = active.iterator().next();
            sessions.turn(loop, next);
            done.add(next);
        }
        for (String role : roles) {
            assertThat(loop.promptTexts(role)).as(role).containsExactly("[from human] status, please");
        }
        assertThat(states(loop).values()).containsOnly(SessionState.IDLE);
        assertThat(loop.journaled())
                .filteredOn(JournalRecord.MessageDelivered.class::isInstance)
                .hasSize(6);
    }

    @Test
    void randomTrafficNeverExceedsTheCapAndEachRoleGetsEveryMessageOnceInOrder() throws Exception {
        long seed = System.nanoTime();
        System.out.println("TurnCapTest seed " + seed + " (re-run: replace System.nanoTime() with it)");
        Random random = new Random(seed);
        List<String> roles = List.of("lead", "a", "b", "c", "d", "e", "f", "g");
        int cap = 1 + random.nextInt(3);
        LoopHarness loop = started(cap, roles.toArray(String[]::new));
        Sessions sessions = new Sessions();
        Map<String, List<String>> sent = new HashMap<>();

        for (int step = 0; step < 400; step++) {
            if (random.nextInt(3) > 0) {
                String to = roles.get(random.nextInt(roles.size()));
                String text = "message " + step;
                loop.control(new ControlRequest.Send(to, text));
                sent.computeIfAbsent(to, r -> new ArrayList<>()).add("[from human] " + text);
            } else {
                List<String> active = new ArrayList<>(sessions.active(loop, roles));
                if (!active.isEmpty()) {
                    sessions.turn(loop, active.get(random.nextInt(active.size())));
                }
            }
            assertThat(sessions.active(loop, roles).size())
                    .as("sessions in a turn at step %d (seed %d, cap %d)", step, seed, cap)
                    .isLessThanOrEqualTo(cap);
        }
        for (List<String> active = new ArrayList<>(sessions.active(loop, roles));
                !active.isEmpty();
                active = new ArrayList<>(sessions.active(loop, roles))) {
            sessions.turn(loop, active.getFirst());
        }
        for (String role : roles) {
            assertThat(loop.promptTexts(role))
                    .as("%s's messages (seed %d)", role, seed)
                    .containsExactlyElementsOf(sent.getOrDefault(role, List.of()));
        }
    }

    @Test
    void theRoleHoldingTheLongestChainOfOpenWorkGoesFirst() throws Exception {
        LoopHarness loop = started(1, "lead", "quick", "deep");
        Sessions sessions = new Sessions();
        loop.control(new ControlRequest.Send("lead", "plan the work"));
        loop.lifecycle("lead", loop.prompts("lead").getFirst().uuid(), "started"); // the lead's turn holds the cap
        loop.toolCall("lead", "c1", "create_task", "{\"title\":\"Fix a typo\",\"assignee\":\"quick\"}");
        loop.toolCall("lead", "c2", "create_task", "{\"title\":\"Schema\",\"assignee\":\"deep\"}");
        loop.toolCall("lead", "c3", "create_task", "{\"title\":\"API\",\"depends_on\":[\"T2\"]}");
        loop.toolCall("lead", "c4", "create_task", "{\"title\":\"UI\",\"depends_on\":[\"T3\"]}");
        assertThat(loop.prompts("quick")).as("held back while the lead works").isEmpty();
        assertThat(loop.prompts("deep")).isEmpty();
        assertThat(states(loop))
                .containsEntry("quick", SessionState.WAITING)
                .containsEntry("deep", SessionState.WAITING);

        loop.turnEnds("lead", 0.01);
        sessions.handled.put("lead", 1);

        assertThat(loop.prompts("deep")).as("T2 has two tasks behind it").hasSize(1);
        assertThat(loop.prompts("quick"))
                .as("T1 has none: it waits, though it was assigned first")
                .isEmpty();
        sessions.turn(loop, "deep"); // it did not start on T2: it is reminded of it
        assertThat(sessions.unhandled(loop, "deep"))
                .as("the reminder goes before quick's task: T2 is still what the board waits for")
                .hasSize(1);
        assertThat(loop.prompts("quick")).isEmpty();

        loop.lifecycle("deep", sessions.unhandled(loop, "deep").getFirst(), "started");
        loop.toolCall("deep", "d1", "update_task", "{\"id\":\"T2\",\"status\":\"done\",\"note\":\"schema in\"}");
        sessions.handled.merge("deep", 1, Integer::sum);
        loop.turnEnds("deep", 0.02);
        assertThat(loop.prompts("quick"))
                .as("now quick holds the longest chain (its own task)")
                .hasSize(1);
    }
}
