package dev.peersteam.coordinator;

import dev.peersteam.board.Board;
import dev.peersteam.board.BoardText;
import dev.peersteam.control.ControlRequest;
import dev.peersteam.control.ControlResponse;
import dev.peersteam.control.EventSink;
import dev.peersteam.control.TeamEvent;
import dev.peersteam.control.Usd;
import dev.peersteam.journal.Journal;
import dev.peersteam.journal.JournalRecord;
import dev.peersteam.overlap.OverlapTracker;
import dev.peersteam.permission.CoordinatorFiles;
import dev.peersteam.permission.PathResolver;
import dev.peersteam.permission.PermissionPolicy;
import dev.peersteam.session.SessionEvent;
import dev.peersteam.session.SessionStarter;
import dev.peersteam.team.RoleSpec;
import dev.peersteam.team.TeamSpec;
import dev.peersteam.tools.McpServer;
import dev.peersteam.tools.TeamToolCatalog;
import java.io.UncheckedIOException;
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
 * touches it; reader threads, timers and background jobs only post events to it. Each turn of the loop takes every
 * event that is waiting, hands each to the part that handles it, settles what follows from the batch as a whole,
 * makes the journal durable once for all of it (group commit), and only then lets the effects out ({@link HeldEffects}).
 * A step that fails stops the team in order; a journal that cannot be written stops it without another word to the
 * sessions. Either way the next {@code up} resumes from the journal.
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
        STUCK,
        /** The coordinator could not go on (the journal could not be written, or a step failed); up resumes. */
        FAILED
    }

    /** {@code keepDirty}: the person asked to leave uncommitted work in the worktrees as it is. */
    public record Report(
            Board board, Map<String, Usd> costByRole, Usd teamCost, Duration wallTime, boolean keepDirty) {}

    /** The edges a coordinator needs besides its team: where sessions come from, and what else it looks at. */
    public record Edges(
            Journal journal,
            SessionStarter starter,
            SessionHistory history,
            Timers timers,
            RepositoryView repository,
            Background background) {}

    private final TeamSpec team;
    private final Settings settings;
    private final Recovery recovery;
    private final Consumer<TeamEvent> onEvent;
    private final BlockingQueue<Event> queue = new LinkedBlockingQueue<>();
    private final List<EventSink> subscribers = new ArrayList<>();
    private final CountDownLatch finished = new CountDownLatch(1);
    private final long startedAt = System.nanoTime();
    private final TeamState state;
    private final SessionSupervisor sessions;
    private final OverlapDesk overlaps;
    private final CommitWatch commitWatch;
    private final HeldNotices notices;
    private final TrackedBackground background;
    private final ToolDesk tools;
    private final CliTraffic traffic;
    private final PersonDesk person;
    /** What {@link TeamEvent.Settled} told last: the outcome and the board it was about. */
    private String toldOutcome;

    private Board toldBoard;

    public Coordinator(
            TeamSpec team,
            Settings settings,
            Recovery recovery,
            Journal journal,
            SessionStarter starter,
            Consumer<TeamEvent> events,
            Timers timers) {
        this(team, settings, recovery, new Edges(journal, starter, SessionHistory.UNKNOWN, timers, null, null), events);
    }

    public Coordinator(TeamSpec team, Settings settings, Recovery recovery, Edges edges, Consumer<TeamEvent> events) {
        this(team, settings, recovery, edges, events, () -> UUID.randomUUID().toString());
    }

    Coordinator(
            TeamSpec team,
            Settings settings,
            Recovery recovery,
            Edges edges,
            Consumer<TeamEvent> events,
            Supplier<String> ids) {
        this.team = team;
        this.settings = settings;
        this.recovery = recovery;
        this.onEvent = events;
        HeldEffects effects = new HeldEffects(this::publish);
        Consumer<TeamEvent> everyone = effects::publish;
        Map<String, Member> members = new LinkedHashMap<>();
        CoordinatorFiles protectedFiles = settings.protectedFiles(team);
        for (RoleSpec role : team.roles()) {
            Path worktree = team.worktreeOf(role);
            PermissionPolicy policy = new PermissionPolicy(
                    role.name(),
                    role.allowedTools(),
                    role.permissionMode(),
                    worktree,
                    protectedFiles,
                    settings.paths());
            members.put(role.name(), new Member(role, worktree, policy, everyone));
        }
        Pacing pacing = new Pacing(Clock.systemUTC(), edges.timers(), this::post, everyone, team.budgetUsdPerHour());
        Messenger messenger = new Messenger(
                members, edges.journal(), effects, everyone, ids, new TurnCap(team.maxActive(), pacing::paused));
        TaskDesk desk = new TaskDesk(
                Board.replay(recovery.board()),
                edges.journal(),
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
                edges.journal(),
                effects,
                everyone,
                edges.timers(),
                this::post,
                messenger,
                desk,
                new McpServer(new TeamToolCatalog()),
                pacing);
        this.background =
                new TrackedBackground(edges.background() != null ? edges.background() : virtualThreads(), everyone);
        this.notices = new HeldNotices(state);
        this.commitWatch = new CommitWatch(state, edges.repository(), this.background, notices);
        desk.onTaskMoved(new TaskWatch(state, edges.repository(), this.background, notices)::taskMoved);
        SharedFileGuard sharedFiles = new SharedFileGuard(state, edges.repository(), this.background);
        this.overlaps = new OverlapDesk(
                state, edges.repository(), this.background, new OverlapTracker(), sharedFiles::changesSeen);
        this.sessions = new SessionSupervisor(
                state, edges.starter(), edges.history(), () -> UUID.randomUUID().toString(), this::afterTurn);
        this.tools = new ToolDesk(state, overlaps, new MergeDesk(state, edges.repository(), this.background));
        this.sessions.beforeInputCloses(member -> {
            tools.settleSendsOf(member);
            state.failOpenRequests(member, "the team is stopping; this call was not carried out");
        });
        this.traffic = new CliTraffic(state, sessions, tools, settings.askPeople());
        this.person = new PersonDesk(state, sessions, startedAt);
        restore(recovery);
    }

    /** Takes over what an earlier coordinator left in the journal. */
    private void restore(Recovery recovery) {
        recovery.stoppedRoles().forEach((role, reason) -> {
            if (state.members.containsKey(role)) {
                state.members.get(role).retire(reason);
            }
        });
        recovery.sessionIds().forEach((role, session) -> {
            if (state.members.containsKey(role)) {
                state.members.get(role).sessionIs(session);
            }
        });
        for (Envelope envelope : recovery.undelivered()) {
            Member target = state.members.get(envelope.to());
            if (target != null) {
                target.mailbox.hold(envelope);
            }
        }
        recovery.cutWork().forEach((role, work) -> {
            if (state.members.containsKey(role)) {
                state.members.get(role).cutOff(work);
            }
        });
        recovery.finishedWork().forEach((role, work) -> {
            if (state.members.containsKey(role)) {
                state.members.get(role).finishedBefore(work);
            }
        });
        for (Recovery.EndedTurn ended : recovery.turns()) {
            JournalRecord.TurnEnded turn = ended.turn();
            // The last hour's spending too: a crash and `up` must not start the hourly budget afresh.
            state.pacing.spent(ended.at(), state.costs.record(turn.role(), turn.sessionId(), turn.totalCostUsd()));
        }
        overlaps.restore(recovery.claims());
    }

    // ---- the API: everything here is thread-safe and reaches the state only through the loop

    /** Asks the team to stop (Ctrl-C, SIGTERM): running turns are interrupted and every session ends. */
    public void stop(String reason) {
        post(new Event.StopRequested(reason));
    }

    /** Asks the team to stop and waits (up to {@code timeout}) until the loop has ended. */
    public boolean stopAndWait(String reason, Duration timeout) throws InterruptedException {
        stop(reason);
        return finished.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** A person's request; the answer comes once everything it reports is durable in the journal. */
    public CompletableFuture<ControlResponse> control(ControlRequest.Call<?> request) {
        CompletableFuture<ControlResponse> reply = new CompletableFuture<>();
        post(new Event.Control(request, reply));
        return reply;
    }

    /**
     * A warning from beside the team (a notifier that fails), shown to people like the team's own: in the live log,
     * the console and the dashboard.
     */
    public void warn(String text) {
        post(new Event.Completed("warning", () -> state.events.accept(new TeamEvent.Warning(null, text))));
    }

    /** Streams the team's events to {@code sink} from now on, until it refuses one. */
    public void subscribe(EventSink sink) {
        post(new Event.Subscribe(sink));
    }

    void post(Event event) {
        queue.add(event);
    }

    /** Starts every session, gives the lead the goal, and runs the loop until the team has stopped. */
    public Outcome run() throws InterruptedException {
        try {
            start();
            List<Event> batch = new ArrayList<>();
            while (sessions.outcome() == null) {
                batch.add(queue.take());
                queue.drainTo(batch);
                List<Event> events = List.copyOf(batch);
                batch.clear();
                step(() -> handleAll(events));
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
        step(() -> handleAll(batch));
    }

    Outcome outcome() {
        return sessions.outcome();
    }

    TeamPhase phase() {
        return sessions.phase();
    }

    /**
     * One turn of the loop: the work, what follows from it, then durable, then out. A failure in the work or in
     * settling stops the team in order; a journal that cannot be written stops it without another word to anyone.
     */
    private void step(Runnable work) {
        work.run();
        guarded("settling the batch", this::settle);
        try {
            state.journal.sync();
        } catch (UncheckedIOException e) {
            String why = "cannot write the journal (" + e.getMessage() + "); the team stops without sending"
                    + " anything more. Free disk space or fix the file, then 'peers-team up' resumes from the last"
                    + " record written.";
            state.effects.discard(why);
            onEvent.accept(new TeamEvent.Warning(null, why));
            sessions.abandon(why);
            return;
        }
        state.effects.flush();
    }

    /** Starts the sessions and lets the first effects out; {@link #run} does this first. */
    void start() {
        step(() -> guarded("starting the team", this::startSessions));
    }

    private void startSessions() {
        commitWatch.start(); // first: where the branches are before any session can commit
        for (String stranger : state.desk.strangers()) {
            state.desk.roleGone(stranger, "is not in the team file any more");
        }
        if (recovery.fresh() && team.goal() != null && !team.goal().isBlank()) {
            // Before any launch: a launch is synced to the journal at once, and a run that dies after one is not
            // fresh any more, so a goal recorded later would be lost.
            state.messenger.post(Address.HUMAN, state.members.get(team.lead().name()), team.goal());
        }
        for (Member member : state.members.values()) {
            if (member.retired()) {
                member.stopped(member.stopReason());
                continue;
            }
            if (!recovery.fresh()) {
                state.events.accept(new TeamEvent.Warning(
                        member.name(),
                        (member.sessionId() == null ? "starting anew" : "resuming session " + member.sessionId())
                                + (member.mailbox.isEmpty()
                                        ? ""
                                        : "; " + member.mailbox.size()
                                                + " message(s) not yet taken up are checked against its transcript"
                                                + " and sent again")));
            }
            sessions.launch(member);
        }
        sessions.noSessionAtStart();
    }

    private void handleAll(List<Event> batch) {
        for (Event event : batch) {
            guarded("handling " + event.getClass().getSimpleName(), () -> handle(event));
        }
    }

    /**
     * Runs one part of a step; if it fails (a bug), the team is stopped in order and the rest of the batch is still
     * handled, so that no person waits forever for an answer and no exit goes unseen.
     */
    private void guarded(String what, Runnable part) {
        try {
            part.run();
        } catch (RuntimeException e) {
            state.events.accept(new TeamEvent.Warning(
                    null,
                    "internal error while " + what + ": " + e
                            + "; stopping the team in order. Its state is in the journal: 'peers-team up' resumes it."
                            + " Please report this with .peers/journal.jsonl and the log above."));
            sessions.beginStop("internal error: " + e, Outcome.FAILED, false);
        }
    }

    private void handle(Event event) {
        switch (event) {
            case Event.FromSession(SessionEvent sessionEvent, long launch) -> {
                Member member = state.members.get(sessionEvent.role());
                if (member == null || launch != member.launch()) {
                    return; // an earlier process of the role, already gone
                }
                switch (sessionEvent) {
                    case SessionEvent.Received received -> traffic.received(member, received.message());
                    case SessionEvent.Garbled garbled ->
                        state.events.accept(new TeamEvent.Warning(
                                garbled.role(), "skipped a malformed line from the CLI: " + garbled.problem()));
                    case SessionEvent.Exited exited -> sessions.exited(member, exited);
                }
            }
            case Event.StopRequested(String reason) -> sessions.beginStop(reason, Outcome.STOPPED, false);
            case Event.StopDeadline(Event.StopStage stage) -> sessions.escalateStop(stage);
            case Event.Restart(String role) -> sessions.restart(state.members.get(role));
            case Event.AckDeadline(String key) -> state.acks.expire(key).ifPresent(tools::answerSend);
            case Event.Control(ControlRequest.Call<?> request, CompletableFuture<ControlResponse> reply) -> {
                ControlResponse response;
                try {
                    response = person.handle(request);
                } catch (RuntimeException e) {
                    response = new ControlResponse.Error(ControlResponse.Error.INTERNAL, e.toString());
                    state.events.accept(new TeamEvent.Warning(null, "internal error answering " + request + ": " + e));
                }
                state.effects.reply(reply, response);
            }
            case Event.Subscribe(EventSink sink) -> {
                sink.push(new TeamEvent.Warning(null, "connected to team " + team.name()));
                subscribers.add(sink);
            }
            case Event.Completed(String what, Runnable onLoop) -> onLoop.run();
        }
    }

    /** After every finished turn: see what that role changed in its worktree, and whether its branch moved. */
    private void afterTurn(Member member) {
        overlaps.turnEnded(member);
        commitWatch.turnEnded(member);
    }

    /**
     * What follows from the batch as a whole: ready tasks go out, watch notices go to roles that are idle (one
     * message for all that piled up), roles that went idle holding a task are reminded of it, and an until-done team
     * that has settled stops. Done once per batch, after every event of it, so decisions see the settled state.
     */
    private void settle() {
        if (!sessions.running()) {
            return;
        }
        state.desk.dispatchReady();
        notices.deliver();
        boolean reminded = false;
        for (Member member : state.members.values()) {
            if (member.isQuiet()) {
                reminded |= state.desk.remindIfIdleWithTasks(member.name());
            }
        }
        state.messenger.releaseHeldBack(state.desk.board());
        boolean quietNow = !reminded && quiet();
        tellIfSettled(quietNow);
        if (settings.untilDone() && quietNow) {
            Board board = state.desk.board();
            Outcome settled = board.anyFailed()
                    ? Outcome.TASKS_FAILED
                    : board.isEmpty() || board.allDone() ? Outcome.DONE : Outcome.STUCK;
            sessions.beginStop(
                    switch (settled) {
                        case DONE -> board.isEmpty() ? "everyone is idle and the board is empty" : "every task is done";
                        case TASKS_FAILED -> "a task failed and everyone is idle";
                        default -> "everyone is idle but tasks are still open: " + BoardText.summary(board);
                    },
                    settled,
                    false);
        }
    }

    /**
     * Tells people when the team has gone quiet with work on the board (done, stuck, failed), so that a notifier can
     * call someone: once for each outcome and board; a team that only talks and settles again on the same board is no
     * news.
     */
    private void tellIfSettled(boolean settled) {
        if (!settled) {
            return;
        }
        Board board = state.desk.board();
        String outcome = settledOutcome(board);
        if (outcome != null && !(outcome.equals(toldOutcome) && board.equals(toldBoard))) {
            state.events.accept(new TeamEvent.Settled(null, outcome, BoardText.summary(board)));
            toldOutcome = outcome;
            toldBoard = board;
        }
    }

    /** Open work first (someone has to act), then a failure, then done; null for an empty board. */
    private static String settledOutcome(Board board) {
        if (board.isEmpty()) {
            return null;
        }
        if (board.tasks().stream().anyMatch(t -> t.status().isOpen())) {
            return TeamEvent.Settled.STUCK;
        }
        return board.anyFailed() ? TeamEvent.Settled.FAILED : TeamEvent.Settled.DONE;
    }

    /**
     * Nothing is going on or about to: every role that runs is idle with nothing on its way, none waits for a person,
     * and no git work (that may bring a notice) is still out.
     */
    private boolean quiet() {
        if (!background.idle()) {
            return false;
        }
        boolean anyIdle = false;
        for (Member member : state.members.values()) {
            switch (member.state()) {
                case STARTING, BUSY, RESTARTING, STOPPING -> {
                    return false;
                }
                case IDLE -> {
                    if (!member.isQuiet()
                            || !state.permissions.waitingFor(member.name()).isEmpty()) {
                        return false;
                    }
                    anyIdle = true;
                }
                case STOPPED, CRASHED -> {}
            }
        }
        return anyIdle;
    }

    /** Lets an event out to the live log and every subscriber; one that is gone is forgotten. */
    private void publish(TeamEvent event) {
        onEvent.accept(event);
        if (subscribers.isEmpty()) {
            return;
        }
        subscribers.removeIf(sink -> !sink.push(event));
    }

    private Background virtualThreads() {
        return new Background() {
            @Override
            public <T> void run(String what, Supplier<T> work, Consumer<T> onLoop) {
                Thread.ofVirtual().name("background-" + what).start(() -> {
                    T result = work.get();
                    post(new Event.Completed(what, () -> onLoop.accept(result)));
                });
            }
        };
    }

    /** A summary of the run, for {@code up --until-done}; call after {@link #run} returned. */
    public Report report() {
        Map<String, Usd> byRole = new LinkedHashMap<>();
        state.members.keySet().forEach(role -> byRole.put(role, state.costs.roleCost(role)));
        return new Report(
                state.desk.board(),
                byRole,
                state.costs.teamCost(),
                Duration.ofNanos(System.nanoTime() - startedAt),
                sessions.keepDirty());
    }
}
