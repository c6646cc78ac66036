package dev.peersteam.coordinator;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Consumer;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.peersteam.board.Board;
import dev.peersteam.board.BoardCommand;
import dev.peersteam.board.BoardJson;
import dev.peersteam.board.BoardText;
import dev.peersteam.board.TaskStatus;
import dev.peersteam.control.ControlRequest;
import dev.peersteam.control.ControlResponse;
import dev.peersteam.control.CoordinatorInfo;
import dev.peersteam.control.EventSink;
import dev.peersteam.coordinator.AckTracker.Status;
import dev.peersteam.journal.Journal;
import dev.peersteam.journal.JournalRecord;
import dev.peersteam.permission.Decision;
import dev.peersteam.permission.PermissionPolicy;
import dev.peersteam.protocol.CliMessage;
import dev.peersteam.protocol.CliRequest;
import dev.peersteam.protocol.ContentBlock;
import dev.peersteam.protocol.HostMessage;
import dev.peersteam.protocol.HostRequest;
import dev.peersteam.protocol.Json;
import dev.peersteam.session.SessionEvent;
import dev.peersteam.session.SessionStarter;
import dev.peersteam.team.RoleSpec;
import dev.peersteam.team.TeamSpec;
import dev.peersteam.tools.McpServer;
import dev.peersteam.tools.TeamToolCatalog;
import dev.peersteam.tools.ToolCall;
import dev.peersteam.tools.ToolResult;

/**
 * The team's one event loop. It owns every piece of mutable state (sessions, mailboxes, pending answers) and is
 * the only thread that touches it; reader threads and timers only {@link #post} events. Each turn of the loop takes
 * every event that is waiting, handles them, makes the journal durable once for all of them (group commit), and
 * only then lets their effects out to the agents.
 */
public final class Coordinator {
    /** How long a sender waits for the target's CLI to acknowledge a message before it is told "sent". */
    static final Duration ACK_DEADLINE = Duration.ofSeconds(5);
    static final Duration STOP_GRACE = Duration.ofSeconds(5);
    static final Duration TERMINATE_GRACE = Duration.ofSeconds(3);
    /** Crashes in a row (without a successful turn between) after which a role is given up. */
    static final int MAX_CRASHES = 5;

    /**
     * How the loop behaves: {@code askPeople} makes tool calls the rules do not settle wait for a person (console,
     * {@code approve}/{@code deny}) instead of being denied; {@code untilDone} stops the team once the board is
     * settled and everyone is idle.
     */
    public record Settings(boolean askPeople, boolean untilDone) {
        public static Settings headless() {
            return new Settings(false, false);
        }
    }

    /** How the loop ended. */
    public enum Outcome {
        /** A stop was requested and every session ended. */
        STOPPED,
        /** Every session ended on its own; there is nobody left to work. */
        ALL_SESSIONS_ENDED,
        /** The team-wide budget was reached and the team was stopped. */
        BUDGET_EXCEEDED,
        /** Until-done: every task is done and every session idle. */
        DONE,
        /** Until-done: the team went idle with a failed task on the board. */
        TASKS_FAILED,
        /** Until-done: everyone went idle with work still open on the board, even after a reminder. */
        STUCK
    }

    private final TeamSpec team;
    private final Settings settings;
    private final Journal journal;
    private final SessionStarter starter;
    private final Consumer<TeamEvent> events;
    private final List<EventSink> subscribers = new ArrayList<>();
    private final PermissionDesk permissions = new PermissionDesk();
    private final long startedAt = System.nanoTime();
    private final Timers timers;
    private final Supplier<String> ids;

    private final BlockingQueue<Event> queue = new LinkedBlockingQueue<>();
    private final Map<String, Member> members = new LinkedHashMap<>();
    private final Outbox outbox = new Outbox();
    private final AckTracker acks = new AckTracker();
    private final McpServer mcp = new McpServer(new TeamToolCatalog());
    private final Messenger messenger;
    private final Recovery recovery;
    private final TaskDesk desk;
    private final CostLedger costs = new CostLedger();
    private final CountDownLatch finished = new CountDownLatch(1);

    private boolean stopping;
    private boolean keepDirty;
    private boolean budgetExceeded;
    /** Until-done: the outcome decided when the team settled, reported once the sessions have stopped. */
    private Outcome settledOutcome;
    private Outcome outcome;
    private long requestCounter;

    public Coordinator(TeamSpec team, Settings settings, Recovery recovery, Journal journal, SessionStarter starter,
            Consumer<TeamEvent> events, Timers timers) {
        this(team, settings, recovery, journal, starter, events, timers, () -> UUID.randomUUID().toString());
    }

    Coordinator(TeamSpec team, Settings settings, Recovery recovery, Journal journal, SessionStarter starter,
            Consumer<TeamEvent> events, Timers timers, Supplier<String> ids) {
        this.team = team;
        this.settings = settings;
        this.journal = journal;
        this.starter = starter;
        this.events = event -> {
            events.accept(event);
            publish(event);
        };
        this.timers = timers;
        this.ids = ids;
        for (RoleSpec role : team.roles()) {
            members.put(role.name(), new Member(role, team.worktreeOf(role)));
        }
        this.messenger = new Messenger(members, journal, outbox, this.events, ids);
        this.recovery = recovery;
        this.desk = new TaskDesk(Board.replay(recovery.board()), journal, messenger, this.events, Clock.systemUTC(),
                team.lead().name(), team.roleNames());
        recovery.sessionIds().forEach((role, session) -> {
            if (members.containsKey(role)) {
                members.get(role).sessionId = session;
            }
        });
        recovery.stoppedRoles().forEach((role, reason) -> {
            if (members.containsKey(role)) {
                members.get(role).stopReason = reason;
            }
        });
        for (Envelope envelope : recovery.undelivered()) {
            Member target = members.get(envelope.to());
            if (target != null) {
                target.waiting.add(envelope);
            }
        }
        for (JournalRecord.TurnEnded turn : recovery.turns()) {
            costs.record(turn.role(), turn.sessionId(), turn.totalCostUsd());
        }
    }

    /** Thread-safe: hands an event to the loop. */
    public void post(Event event) {
        queue.add(event);
    }

    /** Asks the team to stop and waits (up to {@code timeout}) until every session has ended. */
    public boolean stopAndWait(String reason, Duration timeout) throws InterruptedException {
        post(new Event.StopRequested(reason));
        return finished.await(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
    }

    /** Starts every session, gives the lead the goal, and runs the loop until the team has stopped. */
    public Outcome run() throws InterruptedException {
        try {
            start();
            List<Event> batch = new ArrayList<>();
            while (outcome == null) {
                batch.add(queue.take());
                queue.drainTo(batch);
                handleAll(batch);
                batch.clear();
                settle();
                commit();
            }
            return outcome;
        } finally {
            finished.countDown();
        }
    }

    /** Handles whatever is queued right now without blocking; for tests that drive the loop step by step. */
    void runPending() {
        List<Event> batch = new ArrayList<>();
        queue.drainTo(batch);
        handleAll(batch);
        settle();
        commit();
    }

    /**
     * What follows from the batch as a whole: ready tasks go out, and roles that went idle holding a task are
     * reminded of it. Done once per batch, after every event of it, so decisions see the settled state.
     */
    private void settle() {
        if (stopping) {
            return;
        }
        desk.dispatchReady(role -> members.get(role).state.alive() && members.get(role).stopReason == null);
        boolean reminded = false;
        for (Member member : members.values()) {
            if (member.state == SessionState.IDLE && member.waiting.isEmpty() && member.inFlight.isEmpty()) {
                reminded |= desk.remindIfIdleWithTasks(member.name());
            }
        }
        if (settings.untilDone() && !reminded && settled()) {
            Board board = desk.board();
            settledOutcome = board.anyFailed() ? Outcome.TASKS_FAILED
                    : board.isEmpty() || board.allDone() ? Outcome.DONE : Outcome.STUCK;
            beginStop(switch (settledOutcome) {
                case DONE -> board.isEmpty() ? "everyone is idle and the board is empty" : "every task is done";
                case TASKS_FAILED -> "a task failed and everyone is idle";
                default -> "everyone is idle but tasks are still open: " + BoardText.summary(board);
            });
        }
    }

    /** Nothing is going on or about to: every session that runs is idle, and no message is on its way. */
    private boolean settled() {
        for (Member member : members.values()) {
            if (member.state == SessionState.STARTING || member.state == SessionState.BUSY
                    || member.state == SessionState.RESTARTING || member.state == SessionState.STOPPING) {
                return false;
            }
            if (member.state.alive() && (!member.waiting.isEmpty() || !member.inFlight.isEmpty())) {
                return false;
            }
            if (!permissions.waitingFor(member.name()).isEmpty()) {
                return false;
            }
        }
        return members.values().stream().anyMatch(m -> m.state == SessionState.IDLE);
    }

    /** A bug in handling one event is reported and the loop goes on: the other sessions must not pay for it. */
    private void handleAll(List<Event> batch) {
        for (Event event : batch) {
            try {
                handle(event);
            } catch (RuntimeException e) {
                events.accept(new TeamEvent.Warning(null, "internal error while handling " + event + ": " + e));
            }
        }
    }

    void start() {
        for (Member member : members.values()) {
            if (member.stopReason != null) {
                setState(member, SessionState.STOPPED, member.stopReason);
                continue;
            }
            if (!recovery.fresh()) {
                events.accept(new TeamEvent.Warning(member.name(), (member.sessionId == null ? "starting anew"
                        : "resuming session " + member.sessionId) + (member.waiting.isEmpty() ? ""
                        : "; " + member.waiting.size() + " message(s) not yet taken up will be sent again")));
            }
            launch(member);
        }
        if (recovery.fresh() && team.goal() != null && !team.goal().isBlank()) {
            messenger.post(Messenger.HUMAN, team.lead().name(), team.goal());
        }
        if (members.values().stream().noneMatch(m -> m.state.alive())) {
            outcome = Outcome.ALL_SESSIONS_ENDED;
        }
        settle();
        commit();
    }

    Outcome outcome() {
        return outcome;
    }

    private void commit() {
        journal.sync();
        outbox.flush();
    }

    private void launch(Member member) {
        try {
            member.channel = starter.start(member.spec, member.sessionId, event -> post(new Event.FromSession(event)));
        } catch (IOException | RuntimeException e) {
            setState(member, SessionState.CRASHED, "could not start: " + e.getMessage());
            return;
        }
        member.openRequests.clear();
        member.initRequestId = "init_" + (++requestCounter) + "_" + member.name();
        setState(member, SessionState.STARTING, "pid " + member.channel.pid());
        outbox.add(member.channel,
                new HostMessage.ControlRequest(member.initRequestId, new HostRequest.Initialize()));
    }

    private void handle(Event event) {
        switch (event) {
            case Event.FromSession(SessionEvent sessionEvent) -> onSession(sessionEvent);
            case Event.StopRequested(String reason) -> beginStop(reason);
            case Event.StopDeadline(Event.StopStage stage) -> escalateStop(stage);
            case Event.AckDeadline(String key) -> acks.expire(key).ifPresent(this::answerSend);
            case Event.Control(ControlRequest request, CompletableFuture<ControlResponse> reply) ->
                    reply.complete(onControl(request));
            case Event.Subscribe(EventSink sink) -> {
                sink.push(Json.MAPPER.valueToTree(new TeamEvent.Warning(null, "connected to team " + team.name())));
                subscribers.add(sink);
            }
            case Event.Restart(String role) -> {
                Member member = members.get(role);
                if (member.state == SessionState.RESTARTING && !stopping) {
                    launch(member);
                }
            }
        }
    }

    private void onSession(SessionEvent event) {
        Member member = members.get(event.role());
        switch (event) {
            case SessionEvent.Received(String role, CliMessage message) -> onMessage(member, message);
            case SessionEvent.Garbled(String role, String line, String problem) ->
                    events.accept(new TeamEvent.Warning(role, "skipped a malformed line from the CLI: " + problem));
            case SessionEvent.Exited exited -> onExit(member, exited);
        }
    }

    private void onMessage(Member member, CliMessage message) {
        switch (message) {
            case CliMessage.ControlRequest(String requestId, CliRequest request) -> {
                member.openRequests.add(requestId);
                onControlRequest(member, requestId, request);
            }
            case CliMessage.ControlResponse response -> onControlResponse(member, response);
            case CliMessage.ControlCancel(String requestId) -> {
                member.openRequests.remove(requestId);
                acks.forget(member.name(), requestId);
                permissions.forget(member.name(), requestId).forEach(p -> events.accept(new TeamEvent.Warning(
                        member.name(), "permission request " + p.id() + " was withdrawn by the session")));
            }
            case CliMessage.KeepAlive keepAlive -> { }
            case CliMessage.SystemInit init -> {
                if (init.sessionId() != null && !init.sessionId().equals(member.sessionId)) {
                    member.sessionId = init.sessionId();
                    journal.append(new JournalRecord.SessionStarted(member.name(), init.sessionId(),
                            member.channel.pid()));
                }
                if (member.state == SessionState.IDLE) {
                    setState(member, SessionState.BUSY, null);
                }
            }
            case CliMessage.SystemEvent system -> {
                if (system.subtype().equals("permission_denied")) {
                    events.accept(new TeamEvent.Warning(member.name(), "the CLI denied "
                            + system.raw().path("tool_name").asText() + ": " + system.raw().path("message").asText()));
                }
            }
            case CliMessage.Assistant assistant -> {
                if (assistant.parentToolUseId() == null) {
                    for (ContentBlock block : assistant.content()) {
                        switch (block) {
                            case ContentBlock.Text(String text) when !text.isBlank() ->
                                    events.accept(new TeamEvent.Said(member.name(), text));
                            case ContentBlock.ToolUse use -> {
                                member.lastTool = PermissionPolicy.describe(use.name(), use.input());
                                events.accept(new TeamEvent.ToolUsed(member.name(), member.lastTool));
                            }
                            default -> { }
                        }
                    }
                }
            }
            case CliMessage.User user -> { }
            case CliMessage.Result result -> onResult(member, result);
            case CliMessage.Lifecycle lifecycle -> onLifecycle(member, lifecycle);
            case CliMessage.Unknown unknown -> {
                if (member.unknownTypesSeen.add(unknown.type())) {
                    events.accept(new TeamEvent.Warning(member.name(),
                            "ignoring stream-json frames of unknown type '" + unknown.type() + "' (kept in the log)"));
                }
            }
        }
    }

    private void onControlResponse(Member member, CliMessage.ControlResponse response) {
        if (!response.requestId().equals(member.initRequestId)) {
            return; // answers to interrupts need no action
        }
        if (!response.success()) {
            events.accept(new TeamEvent.Warning(member.name(), "the CLI refused initialize: " + response.error()));
            member.channel.closeInput();
            return;
        }
        if (member.state == SessionState.STARTING) {
            setState(member, SessionState.IDLE, member.sessionId == null ? null : "session " + member.sessionId);
            if (messenger.release(member) > 0) {
                setState(member, SessionState.BUSY, null);
            }
        }
    }

    private void onResult(Member member, CliMessage.Result result) {
        if (member.state == SessionState.STARTING && result.errors().stream()
                .anyMatch(e -> e.contains("No conversation found"))) {
            // The CLI cannot resume this session (its transcript is gone); it exits, and the restart starts anew.
            events.accept(new TeamEvent.Warning(member.name(), "session " + member.sessionId
                    + " cannot be resumed (" + String.join("; ", result.errors()) + "); starting a new one"));
            member.sessionId = null;
            return;
        }
        String sessionId = result.sessionId() != null ? result.sessionId() : member.sessionId;
        double turnCost = costs.record(member.name(), sessionId, result.totalCostUsd());
        journal.append(new JournalRecord.TurnEnded(member.name(), sessionId, result.totalCostUsd(), result.isError(),
                result.subtype()));
        String detail = result.isError()
                ? (result.errors().isEmpty() ? result.subtype() : String.join("; ", result.errors()))
                : null;
        events.accept(new TeamEvent.TurnEnded(member.name(), turnCost, costs.roleCost(member.name()),
                result.isError(), detail));
        if (!result.isError()) {
            member.crashes = 0;
        }
        if (member.state == SessionState.BUSY && result.queuedTurnCount() == 0 && member.inFlight.isEmpty()) {
            setState(member, SessionState.IDLE, null);
        }
        enforceBudgets(member);
    }

    /** A role at its cap is stopped for good; the team at its cap stops entirely. */
    private void enforceBudgets(Member member) {
        Double roleCap = member.spec.budgetUsd();
        if (roleCap != null && member.stopReason == null && costs.roleCost(member.name()) >= roleCap) {
            stopRole(member, String.format(java.util.Locale.ROOT, "budget reached: $%.4f of $%.2f",
                    costs.roleCost(member.name()), roleCap));
        }
        Double teamCap = team.budgetUsd();
        if (teamCap != null && !budgetExceeded && costs.teamCost() >= teamCap) {
            budgetExceeded = true;
            beginStop(String.format(java.util.Locale.ROOT, "team budget reached: $%.4f of $%.2f",
                    costs.teamCost(), teamCap));
        }
    }

    private void stopRole(Member member, String reason) {
        member.stopReason = reason;
        journal.append(new JournalRecord.RoleStopped(member.name(), reason));
        events.accept(new TeamEvent.Warning(member.name(), "stopping this role: " + reason));
        if (member.channel != null && member.state.alive()) {
            if (member.state == SessionState.BUSY) {
                outbox.add(member.channel, new HostMessage.ControlRequest(
                        "stop_" + (++requestCounter) + "_" + member.name(), new HostRequest.Interrupt()));
            }
            setState(member, SessionState.STOPPING, reason);
            outbox.flush();
            member.channel.closeInput();
        }
    }

    private void onLifecycle(Member member, CliMessage.Lifecycle lifecycle) {
        String uuid = lifecycle.commandUuid();
        if (uuid == null) {
            return;
        }
        switch (lifecycle.state()) {
            case "started" -> {
                Optional<Envelope> delivered = messenger.lifecycle(member, uuid, "started");
                if (delivered.isPresent()) {
                    if (!delivered.get().from().equals(TaskDesk.BOARD)) {
                        desk.forgetReminders(member.name());
                    }
                    if (member.state == SessionState.IDLE) {
                        setState(member, SessionState.BUSY, null);
                    }
                    acks.settle(uuid, Status.DELIVERED).ifPresent(this::answerSend);
                }
            }
            // Queued behind a running turn: that is the answer for the sender. Queued on an idle session is only
            // the step before "started", which follows at once.
            case "queued" -> {
                if (member.state == SessionState.BUSY) {
                    acks.settle(uuid, Status.QUEUED).ifPresent(this::answerSend);
                }
            }
            default -> { }
        }
    }

    private void onControlRequest(Member member, String requestId, CliRequest request) {
        switch (request) {
            case CliRequest.McpMessage(String server, JsonNode message) -> {
                if (!server.equals(McpServer.NAME)) {
                    answer(member, requestId, mcpResponse(McpServer.unknownServer(message, server)));
                    return;
                }
                switch (mcp.handle(message)) {
                    case McpServer.Outcome.Reply(JsonNode reply) -> answer(member, requestId, mcpResponse(reply));
                    case McpServer.Outcome.Call(JsonNode rpcId, ToolCall call) ->
                            onToolCall(member, requestId, rpcId, call);
                }
            }
            case CliRequest.CanUseTool canUse -> onPermission(member, requestId, canUse);
            case CliRequest.HookCallback hook -> refuse(member, requestId, "peers-team registers no hooks");
            case CliRequest.Other other ->
                    refuse(member, requestId, "unsupported control request: " + other.subtype());
        }
    }

    private void onPermission(Member member, String requestId, CliRequest.CanUseTool request) {
        Decision decision = member.policy.decide(request.toolName(), request.input());
        String summary = PermissionPolicy.describe(request.toolName(), request.input());
        if (decision instanceof Decision.Ask ask) {
            if (settings.askPeople()) {
                PermissionDesk.Pending pending = permissions.open(member.name(), requestId, request, summary);
                events.accept(new TeamEvent.PermissionAsked(member.name(), pending.id(), summary, ask.why()));
                return;
            }
            decision = member.policy.headlessDefault(request.toolName(), request.input());
        }
        ObjectNode body = Json.object();
        switch (decision) {
            case Decision.Allow(String reason) -> {
                body.put("behavior", "allow");
                body.set("updatedInput", request.input());
                events.accept(new TeamEvent.PermissionDecided(member.name(), summary, true, reason));
            }
            case Decision.Deny(String message) -> {
                body.put("behavior", "deny");
                body.put("message", message);
                events.accept(new TeamEvent.PermissionDecided(member.name(), summary, false, message));
            }
            case Decision.Ask ask -> throw new IllegalStateException("resolved above");
        }
        answer(member, requestId, body);
    }

    private void onToolCall(Member member, String requestId, JsonNode rpcId, ToolCall call) {
        switch (call) {
            case ToolCall.ListPeers listPeers -> answerTool(member, requestId, rpcId, ToolResult.json(peers(member)));
            case ToolCall.SendMessage(String to, String text) -> onSend(member, requestId, rpcId, to, text);
            case ToolCall.GetBoard getBoard ->
                    answerTool(member, requestId, rpcId, ToolResult.json(BoardJson.toJson(desk.board())));
            case ToolCall.CreateTask create -> answerTool(member, requestId, rpcId, desk.execute(
                    new BoardCommand.Create(create.title(), create.details(), create.assignee(), create.dependsOn(),
                            member.name()), member.name()));
            case ToolCall.UpdateTask update -> answerTool(member, requestId, rpcId, updateTask(member.name(), update));
            // Placeholders until the lead wires issue 6 (overlap.OverlapTracker, overlap.MergeReport).
            case ToolCall.ClaimFiles claim ->
                    answerTool(member, requestId, rpcId, ToolResult.error("claim_files is not wired yet"));
            case ToolCall.ReleaseFiles release ->
                    answerTool(member, requestId, rpcId, ToolResult.error("release_files is not wired yet"));
            case ToolCall.Merge merge ->
                    answerTool(member, requestId, rpcId, ToolResult.error("merge is not wired yet"));
        }
    }

    private ToolResult updateTask(String actor, ToolCall.UpdateTask update) {
        TaskStatus status;
        try {
            status = update.status() == null ? null : TaskStatus.parse(update.status());
        } catch (IllegalArgumentException e) {
            return ToolResult.error(e.getMessage());
        }
        return desk.execute(new BoardCommand.Update(update.id(), status, update.note(), update.assignee(), actor), actor);
    }

    private void onSend(Member sender, String requestId, JsonNode rpcId, String to, String text) {
        List<String> recipients;
        if (to.equals(Messenger.HUMAN)) {
            Envelope envelope = messenger.post(sender.name(), Messenger.HUMAN, text);
            answerTool(sender, requestId, rpcId, ToolResult.json(Json.object()
                    .put("status", "delivered").put("to", Messenger.HUMAN).put("id", envelope.id())));
            return;
        } else if (to.equals(Messenger.ALL)) {
            recipients = members.keySet().stream().filter(name -> !name.equals(sender.name())
                    && members.get(name).state.alive()).toList();
            if (recipients.isEmpty()) {
                answerTool(sender, requestId, rpcId, ToolResult.error("nobody else is running in team "
                        + team.name() + "; the message was not sent"));
                return;
            }
        } else if (to.equals(sender.name())) {
            answerTool(sender, requestId, rpcId, ToolResult.error("'" + to + "' is you; send_message is for the "
                    + "other roles: " + String.join(", ", others(sender))));
            return;
        } else if (!members.containsKey(to)) {
            answerTool(sender, requestId, rpcId, ToolResult.error("unknown role '" + to + "'; the roles are "
                    + String.join(", ", others(sender)) + " (or \"all\", or \"human\"). Use list_peers to see them."));
            return;
        } else if (!members.get(to).state.alive()) {
            Member target = members.get(to);
            answerTool(sender, requestId, rpcId, ToolResult.error("not delivered: " + to + " has "
                    + target.state.label() + " and takes no messages; tell the human (to: \"human\") if this blocks"
                    + " you"));
            return;
        } else {
            recipients = List.of(to);
        }
        AckTracker.Waiter waiter = acks.open(sender.name(), requestId, rpcId, to);
        for (String recipient : recipients) {
            Member target = members.get(recipient);
            Envelope envelope = messenger.post(sender.name(), recipient, text);
            acks.expect(waiter, envelope.id(), recipient, target.ready() ? null : Status.HELD);
        }
        acks.finishIfComplete(waiter).ifPresentOrElse(this::answerSend,
                () -> timers.schedule(ACK_DEADLINE, new Event.AckDeadline(waiter.key), this::post));
    }

    /** Answers a {@code send_message} call with what each recipient's CLI said about the message. */
    private void answerSend(AckTracker.Waiter waiter) {
        Member sender = members.get(waiter.sender);
        if (sender != null && sender.openRequests.contains(waiter.requestId)) {
            answerTool(sender, waiter.requestId, waiter.rpcId, ToolResult.json(DeliveryReport.of(waiter)));
        }
    }

    private ObjectNode peers(Member asker) {
        ObjectNode result = Json.object();
        result.put("team", team.name()).put("you", asker.name());
        ArrayNode list = result.putArray("peers");
        for (Member member : members.values()) {
            list.addObject()
                    .put("role", member.name())
                    .put("lead", member.spec.lead())
                    .put("state", member.state.label())
                    .put("worktree", member.worktree.toString())
                    .put("branch", member.spec.branch())
                    .put("you", member == asker);
        }
        return result;
    }

    private List<String> others(Member member) {
        return members.keySet().stream().filter(name -> !name.equals(member.name())).toList();
    }

    private void answerTool(Member member, String requestId, JsonNode rpcId, ToolResult result) {
        answer(member, requestId, mcpResponse(mcp.result(rpcId, result)));
    }

    private static ObjectNode mcpResponse(JsonNode rpc) {
        ObjectNode body = Json.object();
        body.set("mcp_response", rpc);
        return body;
    }

    private void answer(Member member, String requestId, JsonNode response) {
        sendAnswer(member, requestId, new HostMessage.ControlSuccess(requestId, response));
    }

    private void refuse(Member member, String requestId, String error) {
        sendAnswer(member, requestId, new HostMessage.ControlError(requestId, error));
    }

    /** Sends the one answer a CLI request gets; a second answer, or one to a cancelled request, is dropped. */
    private void sendAnswer(Member member, String requestId, HostMessage answer) {
        if (member.openRequests.remove(requestId)) {
            outbox.add(member.channel, answer);
        }
    }

    private void onExit(Member member, SessionEvent.Exited exited) {
        boolean expected = stopping || member.state == SessionState.STOPPING;
        member.openRequests.clear();
        permissions.forget(member.name(), null);
        messenger.requeue(member);
        journal.append(new JournalRecord.SessionExited(member.name(), exited.exitCode(), expected));
        events.accept(new TeamEvent.Exited(member.name(), exited.exitCode(), expected, exited.stderrTail()));
        if (expected) {
            setState(member, SessionState.STOPPED, member.stopReason != null ? member.stopReason
                    : "exit code " + exited.exitCode());
        } else if (++member.crashes <= MAX_CRASHES) {
            Duration backoff = Duration.ofSeconds(Math.min(30, 1L << (member.crashes - 1)));
            setState(member, SessionState.RESTARTING, "exit code " + exited.exitCode() + "; restart "
                    + member.crashes + " of " + MAX_CRASHES + " in " + backoff.toSeconds() + " s");
            timers.schedule(backoff, new Event.Restart(member.name()), this::post);
        } else {
            setState(member, SessionState.CRASHED, "exit code " + exited.exitCode() + "; gave up after "
                    + MAX_CRASHES + " crashes in a row");
        }
        if (members.values().stream().noneMatch(m -> m.state.alive())) {
            outcome = finalOutcome(stopping ? Outcome.STOPPED : Outcome.ALL_SESSIONS_ENDED);
        }
    }

    private Outcome finalOutcome(Outcome otherwise) {
        return budgetExceeded ? Outcome.BUDGET_EXCEEDED : settledOutcome != null ? settledOutcome : otherwise;
    }

    /**
     * Stop: interrupt running turns (after its stdin closes a CLI can no longer get answers to its questions), close
     * every stdin so the CLIs exit by themselves, then escalate to SIGTERM and SIGKILL on deadlines.
     */
    private void beginStop(String reason) {
        if (stopping) {
            return;
        }
        stopping = true;
        events.accept(new TeamEvent.Warning(null, "stopping the team: " + reason));
        for (Member member : members.values()) {
            if (!member.state.alive() || member.channel == null) {
                continue;
            }
            if (member.state == SessionState.BUSY) {
                outbox.add(member.channel, new HostMessage.ControlRequest(
                        "stop_" + (++requestCounter) + "_" + member.name(), new HostRequest.Interrupt()));
            }
            setState(member, SessionState.STOPPING, null);
        }
        outbox.flush();
        for (Member member : members.values()) {
            if (member.state == SessionState.STOPPING) {
                member.channel.closeInput();
            }
        }
        members.values().stream().filter(m -> m.state == SessionState.RESTARTING)
                .forEach(m -> setState(m, SessionState.STOPPED, "stopped while waiting to restart"));
        if (members.values().stream().noneMatch(m -> m.state.alive())) {
            outcome = finalOutcome(Outcome.STOPPED);
            return;
        }
        timers.schedule(STOP_GRACE, new Event.StopDeadline(Event.StopStage.TERMINATE), this::post);
    }

    private void escalateStop(Event.StopStage stage) {
        List<Member> alive = members.values().stream()
                .filter(m -> m.state.alive() && m.state != SessionState.RESTARTING && m.channel != null).toList();
        if (alive.isEmpty()) {
            return;
        }
        switch (stage) {
            case TERMINATE -> {
                alive.forEach(m -> m.channel.terminate());
                timers.schedule(TERMINATE_GRACE, new Event.StopDeadline(Event.StopStage.KILL), this::post);
            }
            case KILL -> {
                alive.forEach(m -> m.channel.kill());
                timers.schedule(TERMINATE_GRACE, new Event.StopDeadline(Event.StopStage.GIVE_UP), this::post);
            }
            case GIVE_UP -> {
                alive.forEach(m -> events.accept(new TeamEvent.Warning(m.name(),
                        "pid " + m.channel.pid() + " did not exit after SIGKILL; giving up on it")));
                outcome = finalOutcome(Outcome.STOPPED);
            }
        }
    }

    /** A person's request through the control socket; answered on the loop thread, so it sees settled state. */
    private ControlResponse onControl(ControlRequest request) {
        return switch (request) {
            case ControlRequest.Hello hello -> new CoordinatorInfo(ProcessHandle.current().pid(), team.name(),
                    team.repo().toString(), Coordinator.class.getPackage().getImplementationVersion()).toResponse();
            case ControlRequest.Board board -> new ControlResponse.Ok(BoardJson.toJson(desk.board()));
            case ControlRequest.Ps ps -> new ControlResponse.Ok(snapshot());
            case ControlRequest.Assign assign -> {
                if (!members.containsKey(assign.role())) {
                    yield unknownRole(assign.role());
                }
                ToolResult result = desk.execute(new BoardCommand.Create(assign.text(), null, assign.role(),
                        assign.after(), Messenger.HUMAN), Messenger.HUMAN);
                yield result.isError() ? new ControlResponse.Error(ControlResponse.Error.BAD_REQUEST, result.text())
                        : new ControlResponse.Ok(parse(result.text()));
            }
            case ControlRequest.Send send -> {
                List<String> targets = send.to().equals(Messenger.ALL)
                        ? members.values().stream().filter(m -> m.state.alive()).map(Member::name).toList()
                        : List.of(send.to());
                if (!send.to().equals(Messenger.ALL) && !members.containsKey(send.to())) {
                    yield unknownRole(send.to());
                }
                ArrayNode sent = Json.MAPPER.createArrayNode();
                for (String target : targets) {
                    Member member = members.get(target);
                    if (!member.state.alive()) {
                        yield new ControlResponse.Error(ControlResponse.Error.CONFLICT,
                                target + " has " + member.state.label() + " and takes no messages");
                    }
                    Envelope envelope = messenger.post(Messenger.HUMAN, target, send.text());
                    sent.addObject().put("to", target).put("id", envelope.id())
                            .put("status", member.ready() ? "sent" : "queued");
                }
                ObjectNode body = Json.object();
                body.set("sent", sent);
                yield new ControlResponse.Ok(body);
            }
            case ControlRequest.Interrupt interrupt -> {
                Member member = members.get(interrupt.role());
                if (member == null) {
                    yield unknownRole(interrupt.role());
                }
                boolean running = member.state == SessionState.BUSY;
                if (running) {
                    outbox.add(member.channel, new HostMessage.ControlRequest(
                            "interrupt_" + (++requestCounter) + "_" + member.name(), new HostRequest.Interrupt()));
                }
                yield new ControlResponse.Ok(Json.object().put("role", member.name()).put("interrupted", running)
                        .put("state", member.state.label()));
            }
            case ControlRequest.Down down -> {
                keepDirty = down.keepDirty();
                beginStop("peers-team down" + (keepDirty ? " --keep-dirty" : ""));
                yield new ControlResponse.Ok(Json.object().put("stopping", true));
            }
            case ControlRequest.Approve approve -> decidePermission(approve.requestId(), true, approve.always(), null);
            case ControlRequest.Deny deny -> decidePermission(deny.requestId(), false, false, deny.reason());
            case ControlRequest.Logs logs -> new ControlResponse.Error(ControlResponse.Error.UNKNOWN_REQUEST,
                    "logs are read from .peers/logs by the client: peers-team logs ROLE [-f]");
            case ControlRequest.Subscribe subscribe -> new ControlResponse.Error(ControlResponse.Error.BAD_REQUEST,
                    "subscribe is a stream");
        };
    }

    private static JsonNode parse(String json) {
        try {
            return Json.MAPPER.readTree(json);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("a tool result that is not JSON: " + json, e);
        }
    }

    private ControlResponse unknownRole(String role) {
        return new ControlResponse.Error(ControlResponse.Error.UNKNOWN_ROLE, "team " + team.name()
                + " has no role '" + role + "'; its roles are " + String.join(", ", members.keySet()));
    }

    private ControlResponse decidePermission(String id, boolean allow, boolean always, String reason) {
        Optional<PermissionDesk.Pending> found = permissions.take(id);
        if (found.isEmpty()) {
            return new ControlResponse.Error(ControlResponse.Error.BAD_REQUEST, "no permission request '" + id
                    + "' is waiting" + (permissions.ids().isEmpty() ? "" : "; waiting: "
                    + String.join(", ", permissions.ids())));
        }
        PermissionDesk.Pending pending = found.get();
        Member member = members.get(pending.role());
        ObjectNode answer;
        if (allow) {
            answer = PermissionDesk.allow(pending.request(), always);
            PermissionDesk.rulesOf(answer).forEach(member.policy::approveAlways);
        } else {
            answer = PermissionDesk.deny("denied by the person running the team"
                    + (reason == null || reason.isBlank() ? "" : ": " + reason));
        }
        answer(member, pending.requestId(), answer);
        events.accept(new TeamEvent.PermissionDecided(member.name(), pending.summary(), allow,
                allow ? (always ? "approved always" : "approved") : "denied" + (reason == null ? "" : ": " + reason)));
        return new ControlResponse.Ok(Json.object().put("id", id).put("role", member.name())
                .put("allowed", allow));
    }

    /** What {@code ps} shows: each role's state, task, cost, queue, process and session, and what waits. */
    private ObjectNode snapshot() {
        ObjectNode body = Json.object();
        body.put("team", team.name()).put("cost_usd", costs.teamCost())
                .put("uptime_s", (System.nanoTime() - startedAt) / 1_000_000_000L);
        ArrayNode roles = body.putArray("roles");
        for (Member member : members.values()) {
            ObjectNode role = roles.addObject();
            role.put("role", member.name()).put("lead", member.spec.lead()).put("state", member.state.label())
                    .put("cost_usd", costs.roleCost(member.name()))
                    .put("queued", member.waiting.size() + member.inFlight.size());
            desk.board().currentTaskOf(member.name()).ifPresent(t -> role.put("task", t.id()).put("task_title", t.title()));
            if (member.channel != null && member.state.alive()) {
                role.put("pid", member.channel.pid());
            }
            if (member.sessionId != null) {
                role.put("session_id", member.sessionId);
            }
            if (member.lastTool != null) {
                role.put("last_tool", member.lastTool);
            }
            if (member.stopReason != null) {
                role.put("stopped_because", member.stopReason);
            }
            ArrayNode waiting = role.putArray("permissions");
            permissions.waitingFor(member.name()).forEach(p -> waiting.add(PermissionDesk.describe(p)));
        }
        return body;
    }

    /** Pushes an event to every live subscriber; one that is gone is forgotten. */
    private void publish(TeamEvent event) {
        if (subscribers.isEmpty()) {
            return;
        }
        JsonNode json = Json.MAPPER.valueToTree(event);
        subscribers.removeIf(sink -> !sink.push(json));
    }

    /** A summary of the run, for {@code up --until-done}; call after {@link #run} returned. */
    public Report report() {
        Map<String, Double> byRole = new LinkedHashMap<>();
        members.keySet().forEach(role -> byRole.put(role, costs.roleCost(role)));
        return new Report(desk.board(), byRole, costs.teamCost(), Duration.ofNanos(System.nanoTime() - startedAt),
                keepDirty);
    }

    /** {@code keepDirty}: the person asked to leave uncommitted work in the worktrees as it is. */
    public record Report(Board board, Map<String, Double> costByRole, double teamCost, Duration wallTime,
            boolean keepDirty) {}

    private void setState(Member member, SessionState state, String detail) {
        if (member.state == state && detail == null) {
            return;
        }
        member.state = state;
        events.accept(new TeamEvent.StateChanged(member.name(), state, detail));
    }
}
