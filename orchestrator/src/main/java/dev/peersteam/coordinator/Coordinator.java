package dev.peersteam.coordinator;

import com.fasterxml.jackson.databind.JsonNode;
import dev.peersteam.board.Board;
import dev.peersteam.board.BoardText;
import dev.peersteam.control.ControlRequest;
import dev.peersteam.control.ControlResponse;
import dev.peersteam.control.EventSink;
import dev.peersteam.journal.Journal;
import dev.peersteam.journal.JournalRecord;
import dev.peersteam.overlap.OverlapTracker;
import dev.peersteam.permission.CoordinatorFiles;
import dev.peersteam.permission.PathResolver;
import dev.peersteam.protocol.Json;
import dev.peersteam.session.SessionEvent;
import dev.peersteam.session.SessionStarter;
import dev.peersteam.team.RoleSpec;
import dev.peersteam.team.TeamSpec;
import dev.peersteam.tools.McpServer;
import dev.peersteam.tools.TeamToolCatalog;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The team's one event loop. It owns every piece of mutable state ({@link TeamState}) and is the only thread that
 * touches it; reader threads, timers and background jobs only {@link #post} events. Each turn of the loop takes
 * every event that is waiting, hands each to the part that handles it, settles what follows from the batch as a
 * whole, makes the journal durable once for all of it (group commit), and only then lets the effects out.
 */
public final class Coordinator {

    /**
     * How the loop behaves: {@code askPeople} makes tool calls the rules do not settle wait for a person (console,
     * {@code approve}/{@code deny}) instead of being denied; {@code untilDone} stops the team once the board is
     * settled and everyone is idle.
     */
    /**
     * @param paths       how the permission gate resolves symlinks and {@code ..}: the real file system for a real
     *                    team ({@code runtime.RealPaths}), {@link PathResolver#LEXICAL} in tests
     * @param peersDir    the coordinator's state folder that no role may touch; null for {@code <repo>/.peers}
     * @param socket      the control socket, protected too when it lies outside {@code peersDir}; may be null
     */
    public record Settings(boolean askPeople, boolean untilDone, PathResolver paths, Path peersDir, Path socket) {
        public Settings(boolean askPeople, boolean untilDone) {
            this(askPeople, untilDone, PathResolver.LEXICAL, null, null);
        }

        public static Settings headless() {
            return new Settings(false, false);
        }

        /** These settings for a team on the real file system, with its state folder and control socket. */
        public Settings onFileSystem(PathResolver paths, Path peersDir, Path socket) {
            return new Settings(askPeople, untilDone, paths, peersDir, socket);
        }

        CoordinatorFiles protectedFiles(TeamSpec team) {
            return CoordinatorFiles.of(
                    peersDir != null ? peersDir : team.repo().resolve(CoordinatorFiles.PEERS_DIR), socket, paths);
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

    /** {@code keepDirty}: the person asked to leave uncommitted work in the worktrees as it is. */
    public record Report(
            Board board, Map<String, Double> costByRole, double teamCost, Duration wallTime, boolean keepDirty) {}

    private final TeamSpec team;
    private final Settings settings;
    private final Recovery recovery;
    private final BlockingQueue<Event> queue = new LinkedBlockingQueue<>();
    private final List<EventSink> subscribers = new ArrayList<>();
    private final CountDownLatch finished = new CountDownLatch(1);
    private final long startedAt = System.nanoTime();
    private final TeamState state;
    private final SessionSupervisor sessions;
    private final WorkWatch work;
    private final WatchDesk watches;
    private final TrackedBackground background;
    private final ToolDesk tools;
    private final CliTraffic traffic;
    private final PersonDesk person;

    public Coordinator(
            TeamSpec team,
            Settings settings,
            Recovery recovery,
            Journal journal,
            SessionStarter starter,
            Consumer<TeamEvent> events,
            Timers timers) {
        this(team, settings, recovery, journal, starter, events, timers, null, null);
    }

    /**
     * @param repository the git side of overlap alerts, claims and merges; null for a team without it
     * @param background where git work runs; null for one virtual thread per job
     */
    public Coordinator(
            TeamSpec team,
            Settings settings,
            Recovery recovery,
            Journal journal,
            SessionStarter starter,
            Consumer<TeamEvent> events,
            Timers timers,
            RepositoryView repository,
            Background background) {
        this(
                team,
                settings,
                recovery,
                journal,
                starter,
                events,
                timers,
                repository,
                background,
                () -> UUID.randomUUID().toString());
    }

    Coordinator(
            TeamSpec team,
            Settings settings,
            Recovery recovery,
            Journal journal,
            SessionStarter starter,
            Consumer<TeamEvent> events,
            Timers timers,
            RepositoryView repository,
            Background background,
            Supplier<String> ids) {
        this.team = team;
        this.settings = settings;
        this.recovery = recovery;
        Consumer<TeamEvent> everyone = event -> {
            events.accept(event);
            publish(event);
        };
        Map<String, Member> members = new LinkedHashMap<>();
        CoordinatorFiles protectedFiles = settings.protectedFiles(team);
        for (RoleSpec role : team.roles()) {
            members.put(role.name(), new Member(role, team.worktreeOf(role), protectedFiles, settings.paths()));
        }
        Outbox outbox = new Outbox();
        Messenger messenger = new Messenger(members, journal, outbox, everyone, ids);
        TaskDesk desk = new TaskDesk(
                Board.replay(recovery.board()),
                journal,
                messenger,
                everyone,
                Clock.systemUTC(),
                team.lead().name(),
                team.roleNames(),
                (watcher, author) -> team.taskWatchersOf(author).stream()
                        .anyMatch(role -> role.name().equals(watcher)));
        this.state = new TeamState(
                team,
                members,
                journal,
                outbox,
                everyone,
                timers,
                this::post,
                messenger,
                desk,
                new McpServer(new TeamToolCatalog()));
        this.background = new TrackedBackground(
                background != null ? background : Background.virtualThreads(this::post, everyone), everyone);
        this.watches = new WatchDesk(state, repository, this.background);
        desk.onTaskMoved(watches::taskMoved);
        this.work = new WorkWatch(state, repository, this.background, new OverlapTracker(), watches::changesSeen);
        this.sessions = new SessionSupervisor(state, starter, this::afterTurn);
        this.tools = new ToolDesk(state, work);
        this.traffic = new CliTraffic(state, sessions, tools, settings.askPeople());
        this.person = new PersonDesk(state, sessions, startedAt);
        restore(recovery);
    }

    /** Takes over what an earlier coordinator left in the journal. */
    private void restore(Recovery recovery) {
        recovery.sessionIds().forEach((role, session) -> {
            if (state.members.containsKey(role)) {
                state.members.get(role).sessionId = session;
            }
        });
        recovery.stoppedRoles().forEach((role, reason) -> {
            if (state.members.containsKey(role)) {
                state.members.get(role).stopReason = reason;
            }
        });
        for (Envelope envelope : recovery.undelivered()) {
            Member target = state.members.get(envelope.to());
            if (target != null) {
                target.waiting.add(envelope);
            }
        }
        for (JournalRecord.TurnEnded turn : recovery.turns()) {
            state.costs.record(turn.role(), turn.sessionId(), turn.totalCostUsd());
        }
        work.restore(recovery.claims());
    }

    /** Thread-safe: hands an event to the loop. */
    public void post(Event event) {
        queue.add(event);
    }

    /** Asks the team to stop and waits (up to {@code timeout}) until every session has ended. */
    public boolean stopAndWait(String reason, Duration timeout) throws InterruptedException {
        post(new Event.StopRequested(reason));
        return finished.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Starts every session, gives the lead the goal, and runs the loop until the team has stopped. */
    public Outcome run() throws InterruptedException {
        try {
            start();
            List<Event> batch = new ArrayList<>();
            while (sessions.outcome() == null) {
                batch.add(queue.take());
                queue.drainTo(batch);
                handleAll(batch);
                batch.clear();
                settle();
                commit();
            }
            return sessions.outcome();
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

    Outcome outcome() {
        return sessions.outcome();
    }

    void start() {
        watches.start(); // first: where the branches are before any session can commit
        for (Member member : state.members.values()) {
            if (member.stopReason != null) {
                state.setState(member, SessionState.STOPPED, member.stopReason);
                continue;
            }
            if (!recovery.fresh()) {
                state.events.accept(new TeamEvent.Warning(
                        member.name(),
                        (member.sessionId == null ? "starting anew" : "resuming session " + member.sessionId)
                                + (member.waiting.isEmpty()
                                        ? ""
                                        : "; " + member.waiting.size()
                                                + " message(s) not yet taken up will be sent again")));
            }
            sessions.launch(member);
        }
        if (recovery.fresh() && team.goal() != null && !team.goal().isBlank()) {
            state.messenger.post(Messenger.HUMAN, team.lead().name(), team.goal());
        }
        sessions.noSessionAtStart();
        settle();
        commit();
    }

    /** A bug in handling one event is reported and the loop goes on: the other sessions must not pay for it. */
    private void handleAll(List<Event> batch) {
        for (Event event : batch) {
            try {
                handle(event);
            } catch (RuntimeException e) {
                state.events.accept(new TeamEvent.Warning(null, "internal error while handling " + event + ": " + e));
            }
        }
    }

    private void handle(Event event) {
        switch (event) {
            case Event.FromSession(SessionEvent sessionEvent) -> {
                Member member = state.members.get(sessionEvent.role());
                switch (sessionEvent) {
                    case SessionEvent.Received received -> traffic.received(member, received.message());
                    case SessionEvent.Garbled garbled ->
                        state.events.accept(new TeamEvent.Warning(
                                garbled.role(), "skipped a malformed line from the CLI: " + garbled.problem()));
                    case SessionEvent.Exited exited -> sessions.exited(member, exited);
                }
            }
            case Event.StopRequested(String reason) -> sessions.beginStop(reason);
            case Event.StopDeadline(Event.StopStage stage) -> sessions.escalateStop(stage);
            case Event.Restart(String role) -> sessions.restart(state.members.get(role));
            case Event.AckDeadline(String key) -> state.acks.expire(key).ifPresent(tools::answerSend);
            case Event.Control(ControlRequest request, CompletableFuture<ControlResponse> reply) ->
                reply.complete(person.handle(request));
            case Event.Subscribe(EventSink sink) -> {
                sink.push(Json.MAPPER.valueToTree(new TeamEvent.Warning(null, "connected to team " + team.name())));
                subscribers.add(sink);
            }
            case Event.Completed(String what, Runnable onLoop) -> onLoop.run();
        }
    }

    /** After every finished turn: see what that role changed in its worktree, and whether its branch moved. */
    private void afterTurn(Member member) {
        work.turnEnded(member);
        watches.turnEnded(member);
    }

    /**
     * What follows from the batch as a whole: ready tasks go out, watch notices go to roles that are idle (one
     * message for all that piled up), roles that went idle holding a task are reminded of it, and an until-done team
     * that has settled stops. Done once per batch, after every event of it, so decisions see the settled state.
     */
    private void settle() {
        if (sessions.stopping()) {
            return;
        }
        state.desk.dispatchReady(
                role -> state.members.get(role).state.alive() && state.members.get(role).stopReason == null);
        watches.deliver();
        boolean reminded = false;
        for (Member member : state.members.values()) {
            if (member.state == SessionState.IDLE && member.waiting.isEmpty() && member.inFlight.isEmpty()) {
                reminded |= state.desk.remindIfIdleWithTasks(member.name());
            }
        }
        if (settings.untilDone() && !reminded && quiet()) {
            Board board = state.desk.board();
            Outcome settled = board.anyFailed()
                    ? Outcome.TASKS_FAILED
                    : board.isEmpty() || board.allDone() ? Outcome.DONE : Outcome.STUCK;
            sessions.settle(
                    settled,
                    switch (settled) {
                        case DONE -> board.isEmpty() ? "everyone is idle and the board is empty" : "every task is done";
                        case TASKS_FAILED -> "a task failed and everyone is idle";
                        default -> "everyone is idle but tasks are still open: " + BoardText.summary(board);
                    });
        }
    }

    /**
     * Nothing is going on or about to: every session that runs is idle, no message is on its way, and no git work
     * (that may bring a notice) is still out.
     */
    private boolean quiet() {
        if (!background.idle()) {
            return false;
        }
        for (Member member : state.members.values()) {
            if (member.state == SessionState.STARTING
                    || member.state == SessionState.BUSY
                    || member.state == SessionState.RESTARTING
                    || member.state == SessionState.STOPPING) {
                return false;
            }
            if (member.state.alive() && (!member.waiting.isEmpty() || !member.inFlight.isEmpty())) {
                return false;
            }
            if (!state.permissions.waitingFor(member.name()).isEmpty()) {
                return false;
            }
        }
        return state.members.values().stream().anyMatch(m -> m.state == SessionState.IDLE);
    }

    private void commit() {
        state.journal.sync();
        state.outbox.flush();
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
        state.members.keySet().forEach(role -> byRole.put(role, state.costs.roleCost(role)));
        return new Report(
                state.desk.board(),
                byRole,
                state.costs.teamCost(),
                Duration.ofNanos(System.nanoTime() - startedAt),
                sessions.keepDirty());
    }
}
