package dev.peersteam.coordinator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.peersteam.control.ControlReply;
import dev.peersteam.control.ControlRequest;
import dev.peersteam.control.ControlResponse;
import dev.peersteam.control.PendingPermission;
import dev.peersteam.control.PsReply;
import dev.peersteam.control.SentMessage;
import dev.peersteam.control.SentMessages;
import dev.peersteam.control.SessionState;
import dev.peersteam.control.TaskView;
import dev.peersteam.control.TeamEvent;
import dev.peersteam.control.Usd;
import dev.peersteam.journal.Journal;
import dev.peersteam.journal.JournalEntry;
import dev.peersteam.journal.JournalRecord;
import dev.peersteam.journal.JournalReplay;
import dev.peersteam.json.Json;
import dev.peersteam.protocol.HostMessage;
import dev.peersteam.protocol.HostRequest;
import dev.peersteam.protocol.McpReply;
import dev.peersteam.team.TeamSpec;
import dev.peersteam.testing.Fixture;
import dev.peersteam.testing.ScriptedChannel;
import dev.peersteam.testing.TestTeams;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CoordinatorTest {
    @TempDir
    Path dir;

    private final Map<String, ScriptedChannel> channels = new LinkedHashMap<>();
    private final List<TeamEvent> events = new ArrayList<>();
    private final List<Runnable> scheduled = new ArrayList<>();
    private final AtomicInteger ids = new AtomicInteger();
    private Path journalFile;
    private Journal journal;
    private Coordinator coordinator;

    @BeforeEach
    void openJournal() {
        journalFile = dir.resolve(".peers/journal.jsonl");
        journal = Journal.open(journalFile, JournalReplay.empty(), Clock.systemUTC());
    }

    private Recovery recovery = Recovery.none();
    private Coordinator.Settings settings = Coordinator.Settings.headless();
    private RepositoryView repository;
    private SessionHistory history = SessionHistory.UNKNOWN;
    /** Background work runs at once, and its result comes back through the loop as it does for real. */
    private final Background background = new Background() {
        @Override
        public <T> void run(String what, java.util.function.Supplier<T> work, Consumer<T> onLoop) {
            T result = work.get();
            coordinator.post(new Event.Completed(what, () -> onLoop.accept(result)));
        }
    };

    private final List<String> resumedWith = new ArrayList<>();

    private void startTeam(String goal, String... roles) {
        TeamSpec team = TestTeams.team(dir, goal, roles);
        AtomicInteger pid = new AtomicInteger(1000);
        coordinator = new Coordinator(
                team,
                settings,
                recovery,
                new Coordinator.Edges(
                        journal,
                        (role, sessionId, resume, sink) -> {
                            ScriptedChannel channel = new ScriptedChannel(role.name(), sink, pid.incrementAndGet());
                            resumedWith.add(role.name() + ":" + (resume ? sessionId : null));
                            channels.put(role.name(), channel);
                            return channel;
                        },
                        history,
                        (delay, action) -> scheduled.add(action),
                        repository,
                        background),
                events::add,
                () -> "m" + ids.incrementAndGet());
        coordinator.start();
    }

    private ScriptedChannel ch(String role) {
        return channels.get(role);
    }

    private void step() {
        coordinator.runPending();
    }

    /** The CLI answers our initialize request, which makes the session ready. */
    private void ready(String role) {
        String id = ch(role).sentOf(HostMessage.ControlRequest.class).getFirst().requestId();
        ch(role).says("{\"type\":\"control_response\",\"response\":{\"subtype\":\"success\",\"request_id\":\"" + id
                + "\",\"response\":{}}}");
        step();
    }

    private void toolCall(String role, String requestId, String tool, String argsJson) {
        ch(role).says("{\"type\":\"control_request\",\"request_id\":\"" + requestId + "\",\"request\":{\"subtype\":"
                + "\"mcp_message\",\"server_name\":\"peers\",\"message\":{\"method\":\"tools/call\",\"params\":{\"name\":\""
                + tool + "\",\"arguments\":" + argsJson + "},\"jsonrpc\":\"2.0\",\"id\":7}}}");
        step();
    }

    private void lifecycle(String role, String uuid, String state) {
        ch(role).says("{\"type\":\"command_lifecycle\",\"command_uuid\":\"" + uuid + "\",\"state\":\"" + state
                + "\",\"session_id\":\"s\"}");
        step();
    }

    private void turnStarts(String role) {
        ch(role).says("{\"type\":\"system\",\"subtype\":\"init\",\"session_id\":\"sess-" + role + "\",\"tools\":[],"
                + "\"mcp_servers\":[]}");
        step();
    }

    private void turnEnds(String role, double totalCost) {
        ch(role).says("{\"type\":\"result\",\"subtype\":\"success\",\"is_error\":false,\"session_id\":\"sess-" + role
                + "\",\"total_cost_usd\":" + totalCost + ",\"queued_turn_count\":0}");
        step();
    }

    /** The tool result text of the single answer to {@code requestId}. */
    private JsonNode toolResult(String role, String requestId) throws Exception {
        List<HostMessage> answers = ch(role).answersTo(requestId);
        assertThat(answers).as("answers to " + requestId).hasSize(1);
        McpReply.ToolResult result = (McpReply.ToolResult) ((HostMessage.McpAnswer) answers.getFirst()).reply();
        String text = result.text();
        return Json.object()
                .put("isError", result.isError())
                .set("body", text.startsWith("{") ? Json.MAPPER.readTree(text) : Json.MAPPER.valueToTree(text));
    }

    private List<HostMessage.UserMessage> prompts(String role) {
        return ch(role).sentOf(HostMessage.UserMessage.class);
    }

    private List<JournalRecord> journaled() {
        return JournalReplay.entries(journalFile).stream()
                .map(JournalEntry::record)
                .toList();
    }

    @Test
    void everySessionIsInitializedAndTheGoalWaitsForTheLeadToBeReady() {
        startTeam("Ship the login flow", "lead", "dev");
        for (String role : List.of("lead", "dev")) {
            assertThat(ch(role).sentOf(HostMessage.ControlRequest.class))
                    .singleElement()
                    .extracting(HostMessage.ControlRequest::request)
                    .isInstanceOf(HostRequest.Initialize.class);
        }
        assertThat(prompts("lead")).isEmpty();
        assertThat(journaled())
                .filteredOn(r -> !(r instanceof JournalRecord.SessionLaunched))
                .first()
                .isInstanceOf(JournalRecord.MessagePosted.class);

        ready("lead");
        assertThat(prompts("lead")).singleElement().satisfies(m -> {
            assertThat(ScriptedChannel.unframed(m.text())).isEqualTo("[from human] Ship the login flow");
            assertThat(m.uuid()).isEqualTo("m1");
        });
    }

    @Test
    void aMessageToAnIdleRoleIsJournaledWrittenAndReportedDeliveredWhenItsCliStartsOnIt() throws Exception {
        startTeam(null, "alice", "bob");
        ready("alice");
        ready("bob");
        toolCall("alice", "req-1", "send_message", "{\"to\":\"bob\",\"text\":\"hi bob\"}");

        assertThat(prompts("bob"))
                .singleElement()
                .satisfies(m -> assertThat(ScriptedChannel.unframed(m.text())).isEqualTo("[from alice] hi bob"));
        assertThat(ch("alice").answersTo("req-1"))
                .as("no answer before bob's CLI acknowledges")
                .isEmpty();
        assertThat(journaled()).contains(new JournalRecord.MessagePosted("m1", "alice", "bob", "hi bob"));

        lifecycle("bob", "m1", "queued");
        assertThat(ch("alice").answersTo("req-1"))
                .as("queued on an idle session is not yet an answer")
                .isEmpty();
        lifecycle("bob", "m1", "started");

        JsonNode result = toolResult("alice", "req-1");
        assertThat(result.path("isError").asBoolean()).isFalse();
        assertThat(result.path("body").path("status").asText()).isEqualTo("delivered");
        assertThat(result.path("body").path("to").asText()).isEqualTo("bob");
        assertThat(journaled()).contains(new JournalRecord.MessageDelivered("m1", "bob"));
    }

    @Test
    void aMessageToABusyRoleIsReportedQueued() throws Exception {
        startTeam(null, "alice", "bob");
        ready("alice");
        ready("bob");
        turnStarts("bob");
        toolCall("alice", "req-1", "send_message", "{\"to\":\"bob\",\"text\":\"later\"}");
        lifecycle("bob", "m1", "queued");

        assertThat(toolResult("alice", "req-1").path("body").path("status").asText())
                .isEqualTo("queued");
        assertThat(journaled()).doesNotContain(new JournalRecord.MessageDelivered("m1", "bob"));
        lifecycle("bob", "m1", "started");
        assertThat(journaled()).contains(new JournalRecord.MessageDelivered("m1", "bob"));
        assertThat(ch("alice").answersTo("req-1"))
                .as("still exactly one answer")
                .hasSize(1);
    }

    @Test
    void aMessageToARoleStillStartingIsHeldUntilItIsReady() throws Exception {
        startTeam(null, "alice", "bob");
        ready("alice");
        toolCall("alice", "req-1", "send_message", "{\"to\":\"bob\",\"text\":\"when you are up\"}");

        JsonNode result = toolResult("alice", "req-1");
        assertThat(result.path("body").path("status").asText()).isEqualTo("queued");
        assertThat(result.path("body").path("note").asText()).contains("starting");
        assertThat(prompts("bob")).isEmpty();

        ready("bob");
        assertThat(prompts("bob"))
                .singleElement()
                .satisfies(m -> assertThat(m.uuid()).isEqualTo("m1"));
    }

    @Test
    void unknownRolesSelfAndHumanGetClearAnswers() throws Exception {
        startTeam(null, "alice", "bob");
        ready("alice");
        toolCall("alice", "r1", "send_message", "{\"to\":\"carol\",\"text\":\"x\"}");
        toolCall("alice", "r2", "send_message", "{\"to\":\"alice\",\"text\":\"x\"}");
        toolCall("alice", "r3", "send_message", "{\"to\":\"human\",\"text\":\"need a decision\"}");
        toolCall("alice", "r4", "send_message", "{\"to\":\"bob\"}");

        assertThat(toolResult("alice", "r1").path("isError").asBoolean()).isTrue();
        assertThat(toolResult("alice", "r1").path("body").asText())
                .contains("unknown role 'carol'")
                .contains("bob");
        assertThat(toolResult("alice", "r2").path("body").asText()).contains("is you");
        assertThat(toolResult("alice", "r3").path("body").path("status").asText())
                .isEqualTo("delivered");
        assertThat(toolResult("alice", "r4").path("body").asText()).contains("needs both");
        assertThat(events).contains(new TeamEvent.ToHuman("alice", "need a decision"));
    }

    @Test
    void messageToAllReachesEveryOtherRoleAndReportsEach() throws Exception {
        startTeam(null, "alice", "bob", "carol");
        ready("alice");
        ready("bob");
        ready("carol");
        turnStarts("carol");
        toolCall("alice", "r1", "send_message", "{\"to\":\"all\",\"text\":\"standup\"}");
        assertThat(prompts("bob")).hasSize(1);
        assertThat(prompts("carol")).hasSize(1);
        assertThat(prompts("alice")).isEmpty();

        lifecycle("bob", "m1", "started");
        assertThat(ch("alice").answersTo("r1")).isEmpty();
        lifecycle("carol", "m2", "queued");
        JsonNode body = toolResult("alice", "r1").path("body");
        assertThat(body.path("to").asText()).isEqualTo("all");
        assertThat(body.path("recipients"))
                .extracting(n -> n.path("to").asText() + ":" + n.path("status").asText())
                .containsExactly("bob:delivered", "carol:queued");
    }

    @Test
    void aSenderThatGetsNoAcknowledgementIsToldSentAfterTheDeadline() throws Exception {
        startTeam(null, "alice", "bob");
        ready("alice");
        ready("bob");
        toolCall("alice", "r1", "send_message", "{\"to\":\"bob\",\"text\":\"x\"}");
        assertThat(scheduled).hasSize(1);
        scheduled.getFirst().run();
        step();
        assertThat(toolResult("alice", "r1").path("body").path("status").asText())
                .isEqualTo("sent");
        lifecycle("bob", "m1", "started");
        assertThat(ch("alice").answersTo("r1")).hasSize(1);
    }

    @Test
    void aCancelledRequestIsNeverAnswered() {
        startTeam(null, "alice", "bob");
        ready("alice");
        ready("bob");
        toolCall("alice", "r1", "send_message", "{\"to\":\"bob\",\"text\":\"x\"}");
        ch("alice").says("{\"type\":\"control_cancel_request\",\"request_id\":\"r1\"}");
        step();
        lifecycle("bob", "m1", "started");
        assertThat(ch("alice").answersTo("r1")).isEmpty();
        assertThat(journaled()).contains(new JournalRecord.MessageDelivered("m1", "bob"));
    }

    @Test
    void listPeersShowsEveryRoleWithStateWorktreeAndBranch() throws Exception {
        startTeam(null, "alice", "bob");
        ready("alice");
        toolCall("alice", "r1", "list_peers", "{}");
        JsonNode peers = toolResult("alice", "r1").path("body").path("peers");
        assertThat(peers)
                .extracting(p -> p.path("role").asText() + "/" + p.path("state").asText() + "/"
                        + p.path("branch").asText())
                .containsExactly("alice/idle/peers/alice", "bob/starting/peers/bob");
        assertThat(peers.get(1).path("worktree").asText()).endsWith("worktrees/bob");
        assertThat(peers.get(0).path("lead").asBoolean()).isTrue();
    }

    @Test
    void permissionRequestsAreAnsweredFromTheRoleRules() {
        startTeam(null, "alice");
        ready("alice");
        ch("alice")
                .says("{\"type\":\"control_request\",\"request_id\":\"p1\",\"request\":{\"subtype\":\"can_use_tool\","
                        + "\"tool_name\":\"Read\",\"input\":{\"file_path\":\"/etc/hosts\"}}}");
        ch("alice")
                .says("{\"type\":\"control_request\",\"request_id\":\"p2\",\"request\":{\"subtype\":\"can_use_tool\","
                        + "\"tool_name\":\"Bash\",\"input\":{\"command\":\"rm -rf build\"}}}");
        step();
        JsonNode allow = ch("alice").answerBody("p1");
        assertThat(allow.path("behavior").asText()).isEqualTo("allow");
        assertThat(allow.path("updatedInput").path("file_path").asText()).isEqualTo("/etc/hosts");
        JsonNode deny = ch("alice").answerBody("p2");
        assertThat(deny.path("behavior").asText()).isEqualTo("deny");
        assertThat(deny.path("message").asText()).startsWith("not allowed for role alice: Bash(rm -rf build)");
    }

    @Test
    void unknownFramesAndGarbledLinesAreReportedOnceAndNeverFatal() {
        startTeam(null, "alice");
        ready("alice");
        ch("alice").says("{\"type\":\"rate_limit_event\",\"x\":1}");
        ch("alice").says("{\"type\":\"rate_limit_event\",\"x\":2}");
        coordinator.post(
                new Event.FromSession(new dev.peersteam.session.SessionEvent.Garbled("alice", "{oops", "bad"), 1));
        ch("alice")
                .says("{\"type\":\"control_request\",\"request_id\":\"x1\",\"request\":{\"subtype\":\"brand_new\"}}");
        step();
        assertThat(events)
                .filteredOn(e -> e instanceof TeamEvent.Warning w && w.text().contains("rate_limit_event"))
                .hasSize(1);
        assertThat(events)
                .anySatisfy(e -> assertThat(e)
                        .isInstanceOf(TeamEvent.Warning.class)
                        .extracting(w -> ((TeamEvent.Warning) w).text())
                        .asString()
                        .contains("malformed"));
        assertThat(ch("alice").answersTo("x1"))
                .singleElement()
                .isInstanceOfSatisfying(
                        HostMessage.ControlError.class,
                        e -> assertThat(e.error()).contains("unsupported control request: brand_new"));
        assertThat(coordinator.outcome()).isNull();
    }

    @Test
    void aCrashedSessionIsResumedAfterABackOffAndGetsItsUnstartedMessagesAgainWithTheSameIds() throws Exception {
        startTeam(null, "alice", "bob");
        ready("alice");
        ready("bob");
        turnStarts("bob");
        toolCall("alice", "r1", "send_message", "{\"to\":\"bob\",\"text\":\"x\"}");
        ScriptedChannel first = ch("bob");
        first.exits(1);
        step();
        assertThat(events)
                .contains(new TeamEvent.StateChanged(
                        "bob", SessionState.RESTARTING, "exit code 1; restart 1 of 5 in 1 s"));
        assertThat(journaled()).contains(new JournalRecord.SessionExited("bob", 1, false));

        toolCall("alice", "r2", "send_message", "{\"to\":\"bob\",\"text\":\"y\"}");
        assertThat(toolResult("alice", "r2").path("body").path("status").asText())
                .isEqualTo("queued");

        coordinator.post(new Event.Restart("bob"));
        step();
        assertThat(ch("bob")).isNotSameAs(first);
        assertThat(resumedWith).containsExactly("alice:null", "bob:null", "bob:sess-bob");
        ready("bob");
        assertThat(prompts("bob")).extracting(HostMessage.UserMessage::uuid).containsExactly("m1", "m2");
    }

    @Test
    void aRoleThatKeepsCrashingIsGivenUpAndRefusesMessages() throws Exception {
        startTeam(null, "alice", "bob");
        ready("alice");
        for (int crash = 1; crash <= SessionSupervisor.MAX_CRASHES; crash++) {
            ch("bob").exits(1);
            step();
            coordinator.post(new Event.Restart("bob"));
            step();
        }
        ch("bob").exits(1);
        step();
        assertThat(events)
                .contains(new TeamEvent.StateChanged(
                        "bob", SessionState.CRASHED, "exit code 1; gave up after 5 crashes in a row"));
        toolCall("alice", "r1", "send_message", "{\"to\":\"bob\",\"text\":\"y\"}");
        assertThat(toolResult("alice", "r1").path("body").asText()).contains("bob has crashed");
    }

    @Test
    void aSessionThatCannotBeResumedIsStartedAnew() {
        recovery = new Recovery(
                Map.of("bob", "gone-session"),
                List.of(),
                Map.of(),
                Map.of(),
                List.of(),
                Map.of(),
                List.of(),
                false,
                List.of(),
                List.of());
        startTeam(null, "alice", "bob");
        ch("bob")
                .says(
                        "{\"type\":\"result\",\"subtype\":\"error_during_execution\",\"is_error\":true,"
                                + "\"num_turns\":0,\"session_id\":\"x\",\"errors\":[\"No conversation found with session ID: gone\"]}");
        ch("bob").exits(1);
        step();
        coordinator.post(new Event.Restart("bob"));
        step();
        assertThat(resumedWith).containsExactly("alice:null", "bob:gone-session", "bob:null");
    }

    @Test
    void aRecoveredTeamResumesSessionsResendsWhatWasNotTakenUpAndDoesNotRepeatTheGoal() {
        recovery = new Recovery(
                Map.of("alice", "sess-alice"),
                List.of(new Envelope("old-1", "human", "alice", "hello")),
                Map.of(),
                Map.of(),
                List.of(new Recovery.EndedTurn(
                        Instant.now(), new JournalRecord.TurnEnded("alice", "sess-alice", 1.5, false, "success"))),
                Map.of(),
                List.of(),
                false,
                List.of(),
                List.of());
        startTeam("the goal", "alice", "bob");
        assertThat(resumedWith).containsExactly("alice:sess-alice", "bob:null");
        ready("alice");
        assertThat(prompts("alice")).singleElement().satisfies(m -> {
            assertThat(m.uuid()).isEqualTo("old-1");
            assertThat(m.text()).isEqualTo("[from human · old-1] hello");
        });
        turnStarts("alice");
        turnEnds("alice", 1.75);
        assertThat(events)
                .contains(new TeamEvent.TurnEnded("alice", Usd.ofDollars(0.25), Usd.ofDollars(1.75), false, null));
    }

    @Test
    void aRoleAtItsBudgetIsStoppedAndTheTeamAtItsBudgetStops() {
        TeamSpec team = new TeamSpec(
                dir.resolve("team.yaml"),
                "test",
                dir,
                null,
                dir.resolve("worktrees"),
                null,
                1.0,
                List.of(),
                List.of(),
                List.of(
                        new dev.peersteam.team.RoleSpec(
                                "alice",
                                true,
                                "",
                                null,
                                dev.peersteam.team.AgentKind.CLAUDE,
                                null,
                                "acceptEdits",
                                List.of(),
                                null,
                                0.5),
                        TestTeams.role("bob", false, List.of())));
        coordinator = new Coordinator(
                team,
                settings,
                recovery,
                new Coordinator.Edges(
                        journal,
                        (role, sessionId, resume, sink) -> {
                            ScriptedChannel channel = new ScriptedChannel(role.name(), sink, 7);
                            channels.put(role.name(), channel);
                            return channel;
                        },
                        history,
                        (delay, action) -> scheduled.add(action),
                        repository,
                        background),
                events::add,
                () -> "m" + ids.incrementAndGet());
        coordinator.start();
        ready("alice");
        ready("bob");
        turnStarts("alice");
        turnEnds("alice", 0.6);
        assertThat(ch("alice").inputClosed).isTrue();
        assertThat(journaled()).anySatisfy(r -> assertThat(r).isInstanceOf(JournalRecord.RoleStopped.class));
        assertThat(ch("bob").inputClosed).isFalse();

        turnStarts("bob");
        turnEnds("bob", 0.45);
        assertThat(ch("bob").inputClosed)
                .as("the team total $1.05 is over its $1.00")
                .isTrue();
        assertThat(events)
                .filteredOn(TeamEvent.BudgetReached.class::isInstance)
                .map(TeamEvent.BudgetReached.class::cast)
                .satisfiesExactly(
                        role -> assertThat(role)
                                .isEqualTo(
                                        new TeamEvent.BudgetReached("alice", Usd.ofDollars(0.6), Usd.ofDollars(0.5))),
                        wholeTeam -> assertThat(wholeTeam)
                                .as("exact sums: 0.6 + 0.45")
                                .isEqualTo(new TeamEvent.BudgetReached(null, Usd.ofDollars(1.05), Usd.ofDollars(1.0))));
        ch("alice").exits(0);
        ch("bob").exits(0);
        step();
        assertThat(coordinator.outcome()).isEqualTo(Coordinator.Outcome.BUDGET_EXCEEDED);
    }

    @Test
    void costsAndSessionIdsAreJournaled() {
        startTeam(null, "alice");
        ready("alice");
        turnStarts("alice");
        turnEnds("alice", 0.25);
        turnStarts("alice");
        turnEnds("alice", 0.40);
        assertThat(journaled()).contains(new JournalRecord.SessionStarted("alice", "sess-alice", 1001));
        assertThat(journaled())
                .filteredOn(r -> r instanceof JournalRecord.SessionStarted)
                .hasSize(1);
        assertThat(events)
                .filteredOn(e -> e instanceof TeamEvent.TurnEnded)
                .extracting(e -> (TeamEvent.TurnEnded) e)
                .extracting(TeamEvent.TurnEnded::turnCostUsd)
                .containsExactly(Usd.ofDollars(0.25), Usd.ofDollars(0.15)); // exact: kept in millionths of a dollar
        assertThat(events).contains(new TeamEvent.StateChanged("alice", SessionState.IDLE, null));
    }

    @Test
    void stoppingInterruptsBusySessionsClosesInputsAndEscalates() {
        startTeam(null, "alice", "bob");
        ready("alice");
        ready("bob");
        turnStarts("bob");
        coordinator.post(new Event.StopRequested("test"));
        step();
        assertThat(ch("bob").sentOf(HostMessage.ControlRequest.class))
                .last()
                .extracting(HostMessage.ControlRequest::request)
                .isInstanceOf(HostRequest.Interrupt.class);
        assertThat(ch("alice").sentOf(HostMessage.ControlRequest.class)).hasSize(1);
        assertThat(ch("alice").inputClosed).isTrue();
        assertThat(ch("bob").inputClosed).isTrue();

        ch("alice").exits(0);
        step();
        assertThat(coordinator.outcome()).isNull();
        scheduled.getLast().run(); // the grace period passed
        step();
        assertThat(ch("bob").terminated).isTrue();
        assertThat(ch("alice").terminated).isFalse();
        ch("bob").exits(143);
        step();
        assertThat(coordinator.outcome()).isEqualTo(Coordinator.Outcome.STOPPED);
        assertThat(journaled()).contains(new JournalRecord.SessionExited("bob", 143, true));
    }

    @Test
    void theRecordedMcpHandshakeIsAnsweredOnceEachAsTheRealCliExpects() throws Exception {
        startTeam(null, "alice", "bob");
        ready("bob");
        Fixture fixture = Fixture.load("mcp_sdk_alwaysload");
        List<String> requestIds = new ArrayList<>();
        for (JsonNode line : fixture.fromCli()) {
            String type = line.path("type").asText();
            if (type.equals("control_response")) {
                ready("alice"); // stands for the recorded initialize answer
                continue;
            }
            if (type.equals("control_request")) {
                requestIds.add(line.path("request_id").asText());
            }
            ch("alice").says(line.toString());
            step();
            if (line.path("request").path("message").path("method").asText().equals("tools/call")) {
                lifecycle("bob", "m1", "started");
            }
        }
        for (String id : requestIds) {
            assertThat(ch("alice").answersTo(id)).as("answers to " + id).hasSize(1);
        }
        JsonNode init = mcpAnswer(requestIds.get(0));
        assertThat(init.path("result").path("capabilities").has("tools")).isTrue();
        assertThat(init.path("id").asInt()).isZero();
        JsonNode tools = mcpAnswer(requestIds.get(2)).path("result").path("tools");
        assertThat(tools).extracting(t -> t.path("name").asText()).contains("send_message", "list_peers");
        assertThat(tools)
                .allSatisfy(t -> assertThat(
                                t.path("_meta").path("anthropic/alwaysLoad").asBoolean())
                        .isTrue());
        assertThat(tools)
                .allSatisfy(t -> assertThat(t.path("description").asText()).contains("team"));
        JsonNode call = mcpAnswer(requestIds.get(3));
        assertThat(call.path("id").asInt()).isEqualTo(2);
        assertThat(call.path("result").path("content").get(0).path("text").asText())
                .contains("delivered");
        assertThat(prompts("bob"))
                .singleElement()
                .satisfies(m -> assertThat(ScriptedChannel.unframed(m.text())).isEqualTo("[from alice] hi bob"));
    }

    @Test
    void tasksGoToTheirAssigneeWhenTheirDependenciesAreDoneAndTheirEndIsAnnounced() throws Exception {
        startTeam(null, "lead", "api", "web");
        ready("lead");
        ready("api");
        ready("web");
        toolCall(
                "lead",
                "c1",
                "create_task",
                "{\"title\":\"Build the API\",\"details\":\"POST /login\",\"assignee\":\"api\"}");
        assertThat(toolResult("lead", "c1").path("body").path("id").asText()).isEqualTo("T1");
        toolCall(
                "lead",
                "c2",
                "create_task",
                "{\"title\":\"Build the page\",\"assignee\":\"web\",\"depends_on\":[\"T1\"]}");
        assertThat(toolResult("lead", "c2").path("body").path("status").asText())
                .isEqualTo("assigned");

        assertThat(prompts("api"))
                .singleElement()
                .satisfies(m -> assertThat(ScriptedChannel.unframed(m.text()))
                        .startsWith("[from board] Task T1 is yours: Build the API\nPOST /login"));
        assertThat(prompts("web")).as("T2 waits for T1").isEmpty();

        toolCall("api", "u1", "update_task", "{\"id\":\"T1\",\"status\":\"in_progress\"}");
        toolCall("web", "u2", "update_task", "{\"id\":\"T1\",\"status\":\"done\"}");
        assertThat(toolResult("web", "u2").path("isError").asBoolean())
                .as("not web's task")
                .isTrue();
        toolCall("api", "u3", "update_task", "{\"id\":\"T1\",\"status\":\"done\",\"note\":\"on peers/api\"}");
        assertThat(toolResult("api", "u3").path("body").path("status").asText()).isEqualTo("done");

        assertThat(prompts("web"))
                .singleElement()
                .satisfies(m -> assertThat(ScriptedChannel.unframed(m.text()))
                        .startsWith("[from board] Task T2 is yours: Build the page"));
        assertThat(prompts("lead"))
                .singleElement()
                .satisfies(m -> assertThat(ScriptedChannel.unframed(m.text()))
                        .isEqualTo("[from board] T1 \"Build the API\" is done (by api): on peers/api"));

        toolCall("lead", "g1", "get_board", "{}");
        JsonNode tasks = toolResult("lead", "g1").path("body").path("tasks");
        assertThat(tasks)
                .extracting(t -> t.path("id").asText() + ":" + t.path("status").asText())
                .containsExactly("T1:done", "T2:assigned");
        assertThat(journaled())
                .filteredOn(r -> r instanceof JournalRecord.BoardChanged)
                .hasSizeGreaterThanOrEqualTo(5);
    }

    @Test
    void badBoardCallsGetErrorsTheModelCanActOn() throws Exception {
        startTeam(null, "lead", "api");
        ready("lead");
        toolCall("lead", "c1", "create_task", "{\"title\":\"x\",\"assignee\":\"nobody\"}");
        assertThat(toolResult("lead", "c1").path("body").asText())
                .contains("nobody")
                .contains("api");
        toolCall("lead", "u1", "update_task", "{\"id\":\"T9\",\"status\":\"done\"}");
        assertThat(toolResult("lead", "u1").path("isError").asBoolean()).isTrue();
        toolCall("lead", "u2", "update_task", "{\"id\":\"T1\",\"status\":\"finished\"}");
        assertThat(toolResult("lead", "u2").path("body").asText()).contains("in_progress");
    }

    @Test
    void aRoleThatGoesIdleHoldingATaskIsRemindedOnceUntilSomethingNewHappens() throws Exception {
        startTeam(null, "lead", "api");
        ready("lead");
        ready("api");
        toolCall("lead", "c1", "create_task", "{\"title\":\"Build the API\",\"assignee\":\"api\"}");
        String taskMessage = prompts("api").getFirst().uuid();
        lifecycle("api", taskMessage, "started");
        turnEnds("api", 0.1);
        assertThat(prompts("api")).hasSize(2);
        HostMessage.UserMessage reminder = prompts("api").get(1);
        assertThat(ScriptedChannel.unframed(reminder.text()))
                .startsWith("[from board] Reminder: your turn ended while you hold T1 \"Build the API\" (assigned)");

        lifecycle("api", reminder.uuid(), "started");
        turnEnds("api", 0.2);
        assertThat(prompts("api")).as("ignored once: not nagged in a loop").hasSize(2);

        toolCall("lead", "s1", "send_message", "{\"to\":\"api\",\"text\":\"how is it going?\"}");
        lifecycle("api", prompts("api").get(2).uuid(), "started");
        turnEnds("api", 0.3);
        assertThat(prompts("api")).as("a new idle spell after news").hasSize(4);
        assertThat(prompts("api").get(3).text()).contains("Reminder");
    }

    @Test
    void theBoardIsRestoredFromTheJournal() throws Exception {
        startTeam(null, "lead", "api");
        ready("lead");
        toolCall("lead", "c1", "create_task", "{\"title\":\"Build the API\",\"assignee\":\"api\"}");
        journal.close();

        Recovery recovered = Recovery.read(journalFile);
        assertThat(recovered.board())
                .extracting(e -> e.getClass().getSimpleName())
                .containsExactly("TaskCreated", "TaskDispatched");
        assertThat(dev.peersteam.board.Board.replay(recovered.board()).task("T1"))
                .isPresent();
        assertThat(recovered.undelivered())
                .as("the dispatch waits for api, which never started")
                .singleElement()
                .satisfies(e -> assertThat(e.from()).isEqualTo("board"));
    }

    private ControlResponse control(ControlRequest.Call<?> request) throws Exception {
        java.util.concurrent.CompletableFuture<ControlResponse> reply = new java.util.concurrent.CompletableFuture<>();
        coordinator.post(new Event.Control(request, reply));
        step();
        assertThat(reply).as("answered on the loop").isDone();
        return reply.get();
    }

    private <R extends ControlReply> R ok(ControlRequest.Call<R> request) throws Exception {
        ControlResponse response = control(request);
        assertThat(response).isInstanceOf(ControlResponse.Ok.class);
        return request.replyType().cast(((ControlResponse.Ok) response).body());
    }

    @Test
    void thePersonAssignsSendsAndReadsTheBoardAndTheRoles() throws Exception {
        startTeam(null, "lead", "qa");
        ready("lead");
        ready("qa");
        TaskView task = ok(new ControlRequest.Assign("qa", "test login flow"));
        assertThat(task.id()).isEqualTo("T1");
        assertThat(task.createdBy()).isEqualTo("human");
        assertThat(prompts("qa"))
                .singleElement()
                .satisfies(m -> assertThat(ScriptedChannel.unframed(m.text()))
                        .startsWith("[from board] Task T1 is yours: test login flow"));

        SentMessages sent = ok(new ControlRequest.Send("all", "stand-up in 5"));
        assertThat(sent.sent()).extracting(SentMessage::to).containsExactly("lead", "qa");
        assertThat(prompts("lead"))
                .singleElement()
                .satisfies(m -> assertThat(ScriptedChannel.unframed(m.text())).isEqualTo("[from human] stand-up in 5"));

        assertThat(ok(new ControlRequest.Board()).tasks()).hasSize(1);
        PsReply ps = ok(new ControlRequest.Ps());
        assertThat(ps.roles())
                .extracting(r -> r.role() + ":" + (r.task() == null ? "-" : r.task()))
                .containsExactly("lead:-", "qa:T1");
        assertThat(ps.roles().get(1).queued()).isEqualTo(2);

        assertThat(control(new ControlRequest.Assign("nobody", "x")))
                .isInstanceOfSatisfying(
                        ControlResponse.Error.class,
                        e -> assertThat(e.code()).isEqualTo(ControlResponse.Error.UNKNOWN_ROLE));
        assertThat(control(new ControlRequest.Assign("qa", "x", List.of("T9"))))
                .isInstanceOfSatisfying(
                        ControlResponse.Error.class,
                        e -> assertThat(e.message()).contains("T9"));
        assertThat(control(new ControlRequest.Send("ghost", "x"))).isInstanceOf(ControlResponse.Error.class);
    }

    @Test
    void interruptAndDownReachTheSessions() throws Exception {
        startTeam(null, "lead", "qa");
        ready("lead");
        ready("qa");
        assertThat(ok(new ControlRequest.Interrupt("qa")).interrupted()).isFalse();
        turnStarts("qa");
        assertThat(ok(new ControlRequest.Interrupt("qa")).interrupted()).isTrue();
        assertThat(ch("qa").sentOf(HostMessage.ControlRequest.class))
                .last()
                .extracting(HostMessage.ControlRequest::request)
                .isInstanceOf(HostRequest.Interrupt.class);

        assertThat(ok(new ControlRequest.Down(true)).stopping()).isTrue();
        assertThat(ch("lead").inputClosed).isTrue();
        ch("lead").exits(0);
        ch("qa").exits(0);
        step();
        assertThat(coordinator.outcome()).isEqualTo(Coordinator.Outcome.STOPPED);
        assertThat(coordinator.report().keepDirty()).isTrue();
    }

    @Test
    void psShowsAWaitingCallWholeUnlessItIsHuge() throws Exception {
        settings = new Coordinator.Settings(true, false);
        startTeam(null, "qa");
        ready("qa");
        String ask = "{\"type\":\"control_request\",\"request_id\":\"%s\",\"request\":{\"subtype\":\"can_use_tool\","
                + "\"tool_name\":\"Write\",\"input\":{\"file_path\":\"/etc/x\",\"content\":\"%s\"}}}";
        String long100 = "a".repeat(100);
        String huge = "b".repeat(PendingPermission.MAX_INPUT_CHARS);
        ch("qa").says(ask.formatted("c1", long100));
        ch("qa").says(ask.formatted("c2", huge));
        step();
        List<PendingPermission> waiting =
                ok(new ControlRequest.Ps()).roles().get(0).permissions();
        assertThat(waiting.get(0).summary()).isEqualTo("Write(/etc/x)");
        assertThat(waiting.get(0).input())
                .isEqualTo(Json.MAPPER.readTree("{\"file_path\":\"/etc/x\",\"content\":\"" + long100 + "\"}"));
        assertThat(waiting.get(0).inputExcerpt()).isNull();
        assertThat(waiting.get(1).input()).isNull();
        assertThat(waiting.get(1).inputExcerpt())
                .hasSize(PendingPermission.MAX_INPUT_CHARS)
                .startsWith("{\"file_path\":\"/etc/x\",\"content\":\"bbb");
        assertThat(waiting.get(1).inputChars()).isGreaterThan(PendingPermission.MAX_INPUT_CHARS);
    }

    @Test
    void withAPersonThereUnsettledToolCallsWaitForApproveOrDeny() throws Exception {
        settings = new Coordinator.Settings(true, false);
        startTeam(null, "qa");
        ready("qa");
        String ask = "{\"type\":\"control_request\",\"request_id\":\"%s\",\"request\":{\"subtype\":\"can_use_tool\","
                + "\"tool_name\":\"Bash\",\"input\":{\"command\":\"%s\"},\"permission_suggestions\":[{\"type\":"
                + "\"addRules\",\"rules\":[{\"toolName\":\"Bash\",\"ruleContent\":\"%s\"}],\"behavior\":\"allow\","
                + "\"destination\":\"localSettings\"}]}}";
        ch("qa").says(ask.formatted("c1", "npm test", "npm test"));
        ch("qa").says(ask.formatted("c2", "rm -rf /", "rm -rf /"));
        ch("qa").says(ask.formatted("c3", "make", "make"));
        step();
        assertThat(ch("qa").answersTo("c1")).as("waits for the person").isEmpty();
        assertThat(events)
                .contains(new TeamEvent.PermissionAsked(
                        "qa",
                        "p1",
                        "Bash(npm test)",
                        "Bash(npm test) is not allowed by the allowed_tools of role qa."));
        assertThat(ok(new ControlRequest.Ps()).roles().get(0).permissions())
                .extracting(PendingPermission::id)
                .containsExactly("p1", "p2", "p3");
        assertThat(ok(new ControlRequest.Ps())
                        .roles()
                        .get(0)
                        .permissions()
                        .get(1)
                        .input())
                .as("the whole input of the call, for the person to decide on")
                .isEqualTo(Json.MAPPER.readTree("{\"command\":\"rm -rf /\"}"));

        ok(new ControlRequest.Approve("p1", true));
        JsonNode allow = ch("qa").answerBody("c1");
        assertThat(allow.path("behavior").asText()).isEqualTo("allow");
        assertThat(allow.path("updatedPermissions").get(0).path("destination").asText())
                .isEqualTo("session");
        assertThat(allow.path("updatedPermissions")
                        .get(0)
                        .path("rules")
                        .get(0)
                        .path("ruleContent")
                        .asText())
                .isEqualTo("npm test");

        ok(new ControlRequest.Deny("p2", "never on this machine"));
        JsonNode deny = ch("qa").answerBody("c2");
        assertThat(deny.path("message").asText())
                .isEqualTo("denied by the person running the team: never on this machine");

        ch("qa").says("{\"type\":\"control_cancel_request\",\"request_id\":\"c3\"}");
        step();
        assertThat(control(new ControlRequest.Approve("p3", false)))
                .as("withdrawn by the CLI")
                .isInstanceOf(ControlResponse.Error.class);
        assertThat(ch("qa").answersTo("c3")).isEmpty();

        ch("qa").says(ask.formatted("c4", "npm test", "npm test"));
        step();
        assertThat(ch("qa").answersTo("c4"))
                .as("approved always: settled by the rule now")
                .hasSize(1);
    }

    @Test
    void untilDoneStopsWhenEveryTaskIsDoneAndEveryoneIsIdle() throws Exception {
        // (a team with no goal and an empty board settles at once: there is nothing to wait for)
        settings = new Coordinator.Settings(false, true);
        startTeam("plan the work", "lead", "api");
        ready("api");
        ready("lead");
        lifecycle("lead", "m1", "started");
        assertThat(ch("api").inputClosed).as("the lead is working on the goal").isFalse();
        toolCall("lead", "c1", "create_task", "{\"title\":\"Build\",\"assignee\":\"api\"}");
        turnEnds("lead", 0.05);
        lifecycle("api", prompts("api").getFirst().uuid(), "started");
        toolCall("api", "u1", "update_task", "{\"id\":\"T1\",\"status\":\"done\"}");
        lifecycle("lead", prompts("lead").get(1).uuid(), "started");
        turnEnds("api", 0.1);
        assertThat(ch("api").inputClosed).as("lead still busy with the news").isFalse();
        turnEnds("lead", 0.1);
        assertThat(ch("api").inputClosed).isTrue();
        ch("lead").exits(0);
        ch("api").exits(0);
        step();
        assertThat(coordinator.outcome()).isEqualTo(Coordinator.Outcome.DONE);
        assertThat(events)
                .filteredOn(TeamEvent.Settled.class::isInstance)
                .containsExactly(new TeamEvent.Settled(null, TeamEvent.Settled.DONE, "1 task: 1 done"));
    }

    @Test
    void untilDoneReportsStuckWork() throws Exception {
        settings = new Coordinator.Settings(false, true);
        startTeam("plan the work", "lead", "api");
        ready("api");
        ready("lead");
        lifecycle("lead", "m1", "started");
        toolCall("lead", "c1", "create_task", "{\"title\":\"Build\",\"assignee\":\"api\"}");
        toolCall("lead", "c2", "create_task", "{\"title\":\"Unowned\"}");
        turnEnds("lead", 0.05);
        lifecycle("api", prompts("api").getFirst().uuid(), "started");
        turnEnds("api", 0.1);
        lifecycle("api", prompts("api").get(1).uuid(), "started"); // the reminder
        turnEnds("api", 0.2);
        assertThat(ch("api").inputClosed)
                .as("idle, reminded once, T1 still open: stuck")
                .isTrue();
        ch("lead").exits(0);
        ch("api").exits(0);
        step();
        assertThat(coordinator.outcome()).isEqualTo(Coordinator.Outcome.STUCK);
        assertThat(events)
                .filteredOn(TeamEvent.Settled.class::isInstance)
                .containsExactly(new TeamEvent.Settled(null, TeamEvent.Settled.STUCK, "2 tasks: 1 todo, 1 assigned"));
    }

    @Test
    void aTeamThatSettlesIsToldOnceForEachOutcomeAndBoardAlsoWithoutUntilDone() throws Exception {
        startTeam("plan the work", "lead", "api");
        ready("api");
        ready("lead");
        lifecycle("lead", "m1", "started");
        toolCall("lead", "c1", "create_task", "{\"title\":\"Build\",\"assignee\":\"api\"}");
        turnEnds("lead", 0.05);
        lifecycle("api", prompts("api").getFirst().uuid(), "started");
        turnEnds("api", 0.1);
        assertThat(events).noneMatch(TeamEvent.Settled.class::isInstance); // reminded first
        lifecycle("api", prompts("api").get(1).uuid(), "started");
        turnEnds("api", 0.2);
        step();
        step();
        assertThat(events)
                .filteredOn(TeamEvent.Settled.class::isInstance)
                .as("stuck: told once, however many batches pass")
                .containsExactly(new TeamEvent.Settled(null, TeamEvent.Settled.STUCK, "1 task: 1 assigned"));
        assertThat(ch("api").inputClosed)
                .as("without until-done the team runs on")
                .isFalse();

        coordinator.control(new ControlRequest.Send("api", "how is it going?"));
        step();
        lifecycle("api", prompts("api").get(2).uuid(), "started");
        turnEnds("api", 0.25);
        lifecycle("api", prompts("api").get(3).uuid(), "started"); // reminded of T1 again
        turnEnds("api", 0.26);
        step();
        assertThat(prompts("api")).hasSize(4);
        assertThat(events)
                .filteredOn(TeamEvent.Settled.class::isInstance)
                .as("busy, then quiet again on the same board: no news")
                .containsExactly(new TeamEvent.Settled(null, TeamEvent.Settled.STUCK, "1 task: 1 assigned"));

        coordinator.control(new ControlRequest.Send("api", "finish T1"));
        step();
        lifecycle("api", prompts("api").get(4).uuid(), "started");
        toolCall("api", "u1", "update_task", "{\"id\":\"T1\",\"status\":\"done\"}");
        turnEnds("api", 0.3);
        lifecycle("lead", prompts("lead").get(1).uuid(), "started"); // T1's end is told to the lead
        turnEnds("lead", 0.35);
        assertThat(events)
                .filteredOn(TeamEvent.Settled.class::isInstance)
                .containsExactly(
                        new TeamEvent.Settled(null, TeamEvent.Settled.STUCK, "1 task: 1 assigned"),
                        new TeamEvent.Settled(null, TeamEvent.Settled.DONE, "1 task: 1 done"));
    }

    /** A repository whose roles changed what the test says, in worktrees that exist. */
    private final Map<String, List<String>> changed = new java.util.HashMap<>();

    private final List<String> merges = new ArrayList<>();

    private void withRepository(String... roles) throws Exception {
        for (String role : roles) {
            java.nio.file.Files.createDirectories(dir.resolve("worktrees").resolve(role));
        }
        repository = new RepositoryView() {
            @Override
            public Optional<dev.peersteam.git.ChangeSet> changes(String role) {
                return Optional.of(new dev.peersteam.git.ChangeSet(
                        "base",
                        "base",
                        "head",
                        changed.getOrDefault(role, List.of()).stream()
                                .map(p -> dev.peersteam.git.ChangedPath.of(p, dev.peersteam.git.ChangeKind.MODIFIED))
                                .toList(),
                        Map.of()));
            }

            @Override
            public String summary(String role, dev.peersteam.git.ChangedPath change) {
                return "+1 -0 in " + change.path() + " by " + role;
            }

            @Override
            public dev.peersteam.tools.ToolResult merge(String role, String into) {
                merges.add(role + "->" + into);
                return new dev.peersteam.tools.ToolResult("Merged peers/" + role, false);
            }
        };
    }

    @Test
    void twoRolesChangingTheSamePathAreBothToldAfterTheTurnThatMadeItOverlap() throws Exception {
        withRepository("alice", "bob");
        startTeam(null, "alice", "bob");
        ready("alice");
        ready("bob");
        changed.put("alice", List.of("src/App.java"));
        turnStarts("alice");
        turnEnds("alice", 0.1);
        assertThat(prompts("bob")).as("no overlap yet").isEmpty();

        changed.put("bob", List.of("src/App.java", "README.md"));
        turnStarts("bob");
        turnEnds("bob", 0.1);
        step(); // the changes come back from the background
        step(); // and then the summaries
        assertThat(prompts("alice"))
                .singleElement()
                .satisfies(m -> assertThat(ScriptedChannel.unframed(m.text()))
                        .startsWith("[from overlap] bob has also changed src/App.java")
                        .contains("by bob"));
        assertThat(prompts("bob"))
                .singleElement()
                .satisfies(m -> assertThat(ScriptedChannel.unframed(m.text()))
                        .startsWith("[from overlap] alice has also changed src/App.java")
                        .contains("by alice"));

        turnEnds("bob", 0.2);
        step();
        step();
        assertThat(prompts("alice")).as("reported once until it changes again").hasSize(1);
    }

    @Test
    void anEditOfAClaimedPathIsToldToTheEditorAndTheClaimerAndClaimsSurviveARestart() throws Exception {
        withRepository("alice", "bob");
        startTeam(null, "alice", "bob");
        ready("alice");
        ready("bob");
        toolCall("alice", "c1", "claim_files", "{\"paths\":[\"src/api/\"],\"reason\":\"reshaping the API\"}");
        assertThat(toolResult("alice", "c1").path("body").asText()).startsWith("Claimed");
        changed.put("bob", List.of("src/api/Items.java"));
        turnStarts("bob");
        turnEnds("bob", 0.1);
        step(); // the changes come back from the background
        assertThat(prompts("bob"))
                .singleElement()
                .satisfies(m -> assertThat(m.text())
                        .contains("src/api/Items.java")
                        .contains("alice has claimed")
                        .contains("reshaping the API"));
        assertThat(prompts("alice"))
                .singleElement()
                .satisfies(m -> assertThat(m.text()).contains("bob"));

        journal.close();
        assertThat(Recovery.read(journalFile).claims())
                .singleElement()
                .isEqualTo(new JournalRecord.FilesClaimed("alice", List.of("src/api/"), "reshaping the API"));
    }

    /** The claim that once sent the loop into regex backtracking, and one at the bounds that is still taken. */
    private static final String FREEZING_CLAIM = "**?**?**?**?**?**?**?**?**?**?**?**?!";

    private static final String CLAIM_AT_THE_BOUNDS = "**?**?**?**?**?**?**?**?**?**?!";

    @Test
    void theClaimThatFrozeTheLoopIsRefusedWithAnErrorTheModelCanReadAndIsNotJournaled() throws Exception {
        withRepository("alice", "bob");
        startTeam(null, "alice", "bob");
        ready("alice");
        ready("bob");
        toolCall("alice", "c1", "claim_files", "{\"paths\":[\"" + FREEZING_CLAIM + "\"],\"reason\":\"all\"}");
        JsonNode result = toolResult("alice", "c1");
        assertThat(result.path("isError").asBoolean()).isTrue();
        assertThat(result.path("body").asText())
                .contains("36 wildcard characters")
                .contains("at most 32");

        toolCall("alice", "c2", "claim_files", "{\"paths\":[\"" + CLAIM_AT_THE_BOUNDS + "\"],\"reason\":\"all\"}");
        assertThat(toolResult("alice", "c2").path("body").asText()).startsWith("Claimed");
        changed.put("bob", List.of("a".repeat(1000) + "!", "b".repeat(4000)));
        turnStarts("bob");
        turnEnds("bob", 0.1);
        step();
        assertThat(prompts("bob"))
                .singleElement()
                .satisfies(m -> assertThat(m.text()).contains("alice has claimed"));

        journal.close();
        assertThat(Recovery.read(journalFile).claims())
                .singleElement()
                .isEqualTo(new JournalRecord.FilesClaimed("alice", List.of(CLAIM_AT_THE_BOUNDS), "all"));
    }

    @Test
    void aJournaledClaimBeyondTheBoundsIsDroppedWithAWarningOnResumeAndTheOthersAreRestored() throws Exception {
        recovery = new Recovery(
                Map.of(),
                List.of(),
                Map.of(),
                Map.of(),
                List.of(),
                Map.of(),
                List.of(),
                false,
                List.of(),
                List.of(
                        new JournalRecord.FilesClaimed(
                                "alice", List.of(FREEZING_CLAIM, "src/api/", CLAIM_AT_THE_BOUNDS), "older version"),
                        new JournalRecord.FilesReleased("alice", List.of("x".repeat(5000)))));
        withRepository("alice", "bob");
        startTeam(null, "alice", "bob");
        assertThat(events)
                .filteredOn(TeamEvent.Warning.class::isInstance)
                .map(e -> ((TeamEvent.Warning) e).text())
                .anySatisfy(text -> assertThat(text)
                        .startsWith("a claim in the journal is not restored")
                        .contains("36 wildcard characters"))
                .anySatisfy(text -> assertThat(text).contains("5000 characters long"));
        ready("alice");
        ready("bob");
        changed.put("bob", List.of("src/api/Items.java", "c".repeat(4000)));
        turnStarts("bob");
        turnEnds("bob", 0.1);
        step();
        assertThat(prompts("bob"))
                .singleElement()
                .satisfies(
                        m -> assertThat(m.text()).contains("src/api/Items.java").contains("older version"));
    }

    @Test
    void onlyTheLeadMerges() throws Exception {
        withRepository("alice", "bob");
        startTeam(null, "alice", "bob");
        ready("alice");
        ready("bob");
        toolCall("bob", "m1", "merge", "{\"role\":\"bob\"}");
        assertThat(toolResult("bob", "m1").path("body").asText()).startsWith("only the lead (alice) merges");
        toolCall("alice", "m2", "merge", "{\"role\":\"bob\",\"into\":\"release\"}");
        step();
        assertThat(toolResult("alice", "m2").path("body").asText()).isEqualTo("Merged peers/bob");
        assertThat(merges).containsExactly("bob->release");
    }

    private JsonNode mcpAnswer(String requestId) {
        return ch("alice").answerBody(requestId).path("mcp_response");
    }
}
