package dev.peersteam.runtime;

import dev.peersteam.agent.ClaudeCommand;
import dev.peersteam.agent.ClaudeSessionStarter;
import dev.peersteam.agent.ClaudeTranscripts;
import dev.peersteam.agent.codex.CodexSessionStarter;
import dev.peersteam.agent.codex.CodexThreadHistory;
import dev.peersteam.agent.codex.ThreadFiles;
import dev.peersteam.control.ControlServer;
import dev.peersteam.control.ControlStartException;
import dev.peersteam.control.TeamEvent;
import dev.peersteam.control.VerbRunner;
import dev.peersteam.coordinator.Coordinator;
import dev.peersteam.coordinator.Recovery;
import dev.peersteam.coordinator.SchedulerTimers;
import dev.peersteam.coordinator.SessionHistory;
import dev.peersteam.git.Git;
import dev.peersteam.git.GitException;
import dev.peersteam.git.UnsavedWork;
import dev.peersteam.git.WipResult;
import dev.peersteam.journal.Journal;
import dev.peersteam.journal.JournalReplay;
import dev.peersteam.notify.Notifier;
import dev.peersteam.permission.CoordinatorFiles;
import dev.peersteam.remote.RemoteRoles;
import dev.peersteam.remote.RemoteWorktree;
import dev.peersteam.session.SessionStarter;
import dev.peersteam.team.AgentKind;
import dev.peersteam.team.RoleSpec;
import dev.peersteam.team.TeamSpec;
import dev.peersteam.text.TerminalWriter;
import dev.peersteam.tools.TeamToolCatalog;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Wires a team together and runs it in the foreground: workspace, journal, sessions, coordinator loop, and a
 * shutdown hook so that Ctrl-C or SIGTERM stop every session before the process ends.
 */
public final class TeamRuntime {
    /** How long the shutdown hook waits for the stop sequence (interrupt, close, SIGTERM, SIGKILL). */
    private static final Duration SHUTDOWN_WAIT = Duration.ofSeconds(30);

    private final Map<String, String> environment;
    private final PrintWriter out;
    private final Clock clock;
    private final VerbRunner verbs;

    public TeamRuntime(Map<String, String> environment, PrintWriter out, Clock clock) {
        this(environment, out, clock, null);
    }

    /** @param verbs runs the quick verbs' command lines sent to the control socket; null: they are refused */
    public TeamRuntime(Map<String, String> environment, PrintWriter out, Clock clock, VerbRunner verbs) {
        this.environment = environment;
        this.out = new TerminalWriter(out, true); // journal warnings, git and setup output, role names: all text
        this.clock = clock;
        this.verbs = verbs;
    }

    /** Thrown when {@code up} cannot start; the message says why and what to do. */
    public static final class StartFailure extends RuntimeException {
        public StartFailure(String message) {
            super(message);
        }
    }

    /** The outcome of a run, and its summary. */
    public record Result(Coordinator.Outcome outcome, Coordinator.Report report) {}

    /**
     * What runs in the foreground while the team runs (the console of {@code up}): called once the control socket
     * is open, with the coordinator loop on a thread of its own. When it returns the team keeps running, and
     * {@code up} goes on as without it.
     */
    @FunctionalInterface
    public interface Foreground {
        /** @param teamStopped completes when the coordinator loop has ended */
        void run(PeersDir peers, CompletionStage<Coordinator.Outcome> teamStopped) throws InterruptedException;
    }

    /**
     * What runs beside the team for as long as its loop runs (the web dashboard): started once the control socket is
     * open, closed when the loop has ended. It reaches the team only through the control socket, as any client.
     */
    public interface Beside extends AutoCloseable {
        /** @return where people can open it, without any secret (notices carry it), or null */
        String start(PeersDir peers) throws IOException;

        @Override
        void close();
    }

    public Result up(TeamSpec team, Coordinator.Settings settings, Consumer<TeamEvent> events)
            throws InterruptedException, IOException {
        return up(team, settings, events, null);
    }

    public Result up(TeamSpec team, Coordinator.Settings settings, Consumer<TeamEvent> events, Foreground foreground)
            throws InterruptedException, IOException {
        return up(team, settings, events, foreground, null);
    }

    /**
     * {@code foreground} null: the loop runs in this thread, as {@code up} does without a console. {@code beside}
     * null: nothing runs beside the team. The team's {@code notify:} targets are told, off the loop, when it needs a
     * person.
     */
    public Result up(
            TeamSpec team,
            Coordinator.Settings settings,
            Consumer<TeamEvent> events,
            Foreground foreground,
            Beside beside)
            throws InterruptedException, IOException {
        requireStartable(team);
        Workspace workspace = Workspace.check(team);
        PeersDir state = workspace.peersDir();
        RealPaths realPaths = new RealPaths();
        CoordinatorFiles coordinatorFiles = CoordinatorFiles.of(state.root(), state.socket(), realPaths);
        ClaudeCommand claude = new ClaudeCommand(team, new TeamToolCatalog(), environment, coordinatorFiles.roots());
        sandboxNotice(team, claude);

        PeersDir peers = workspace.peersDir().create();
        Optional<CoordinatorLock> lock = CoordinatorLock.tryAcquire(peers.lock());
        if (lock.isEmpty()) {
            throw new StartFailure("a coordinator is already running for " + team.repo()
                    + CoordinatorLock.holder(peers.lock())
                            .map(pid -> " (pid " + pid + ")")
                            .orElse("")
                    + ". Stop it first (Ctrl-C in its terminal), or work with it from here.");
        }
        try (CoordinatorLock held = lock.get();
                SchedulerTimers timers = new SchedulerTimers()) {
            workspace.create(new PrintedProgress(out));
            RemoteRoles remotes = RemoteRoles.of(team, workspace.repo().topLevel(), environment);
            prepareRemoteWorktrees(team, workspace, remotes);
            if (team.roles().stream().anyMatch(role -> role.agent() == AgentKind.CLAUDE && claude.sandboxed(role))) {
                ClaudeCommand.SANDBOX_MASKED.forEach(workspace.repo()::excludeFromGit);
            }
            TeamInfo.of(team, workspace.baseCommit(), workspace.baseBranch()).write(peers.teamInfo());
            // Folded as it is read: a long journal costs the team's open state, not its length.
            Recovery.Fold fold = new Recovery.Fold();
            JournalReplay replay = JournalReplay.read(peers.journal(), fold);
            replay.warnings().forEach(w -> out.println("peers-team: journal: " + w));
            JournalOwner owner = JournalOwner.current(workspace.repo());
            owner.check(peers.journal(), replay);
            try (Journal journal = Journal.open(peers.journal(), replay, clock)) {
                if (replay.isEmpty()) {
                    journal.append(owner.record());
                }
                Warnings warnings = new Warnings(out);
                Notifier notifier = team.notifyTargets().isEmpty()
                        ? null
                        : new Notifier(
                                team.name(),
                                team.notifyTargets(),
                                team.repo(),
                                warnings,
                                Clock.systemUTC(),
                                Notifier.Settings.DEFAULTS);
                ClaudeSessionStarter claudeStarter =
                        new ClaudeSessionStarter(team, claude, environment, peers.logs(), clock, remotes::launcherFor);
                ThreadFiles codexThreads = new ThreadFiles(peers.root().resolve("codex-threads"));
                CodexSessionStarter codexStarter = new CodexSessionStarter(
                        team, claude, new TeamToolCatalog(), environment, peers.logs(), codexThreads, clock);
                // The coordinator does not know which kind a role runs: both speak its typed frames.
                SessionStarter starter = (role, sessionId, resume, sessionEvents) -> (role.agent() == AgentKind.CODEX
                                ? codexStarter
                                : claudeStarter)
                        .start(role, sessionId, resume, sessionEvents);
                SessionHistory claudeHistory = remotes.history(new ClaudeTranscripts(environment));
                SessionHistory codexHistory = new CodexThreadHistory(codexThreads, environment);
                SessionHistory history = (role, sessionId, cwd) -> team.role(role)
                                .filter(spec -> spec.agent() == AgentKind.CODEX)
                                .isPresent()
                        ? codexHistory.lookUp(role, sessionId, cwd)
                        : claudeHistory.lookUp(role, sessionId, cwd);
                Recovery recovery = fold.recovery();
                LeftoverSessions.stop(recovery.launches(), line -> out.println("peers-team: " + line));
                Coordinator coordinator = new Coordinator(
                        team,
                        settings.onFileSystem(realPaths, peers.root(), peers.socket()),
                        recovery,
                        new Coordinator.Edges(
                                journal,
                                starter,
                                history,
                                timers,
                                new WorkspaceRepository(
                                        team,
                                        workspace.repo(),
                                        workspace.baseCommit(),
                                        workspace.baseBranch(),
                                        remotes),
                                null),
                        notifier == null ? events : events.andThen(notifier));
                warnings.to(coordinator);
                try {
                    return runInForeground(team, peers, coordinator, foreground, beside, notifier, remotes);
                } finally {
                    warnings.to(null);
                    if (notifier != null) {
                        notifier.close(); // what the end of the team brought is still sent, briefly
                    }
                }
            }
        }
    }

    /**
     * A role that asks for the sandbox where it cannot run stops {@code up}; roles that leave it to the default run
     * without it, and the person is told so once.
     */
    private void sandboxNotice(TeamSpec team, ClaudeCommand claude) {
        List<String> missing = claude.sandboxMissing();
        if (missing.isEmpty()) {
            return;
        }
        for (RoleSpec role : team.roles()) {
            if (role.agent() == AgentKind.CLAUDE && Boolean.TRUE.equals(role.sandbox())) {
                throw new StartFailure(
                        "role " + role.name() + " asks for 'sandbox: true', but " + String.join(" and ", missing)
                                + " cannot be found on PATH. Install them (Debian/Ubuntu: apt-get install bubblewrap socat),"
                                + " or set 'sandbox: false' for the role.");
            }
        }
        List<String> unsandboxed = team.roles().stream()
                .filter(role -> role.agent() == AgentKind.CLAUDE && role.sandbox() == null)
                .map(RoleSpec::name)
                .toList();
        if (!unsandboxed.isEmpty()) {
            out.println("peers-team: notice: the Bash sandbox is off for " + String.join(", ", unsandboxed) + ": "
                    + String.join(" and ", missing) + " not found on PATH (apt-get install bubblewrap socat). Their"
                    + " shell commands run with your user's full rights; see docs/security.md.");
        }
    }

    /**
     * The checks {@code up} makes before it creates anything, once more for a team that did not come through
     * {@link Preflight#check} (the demo's, or a test's): the same checks, without the team file's lines.
     */
    private void requireStartable(TeamSpec team) {
        Preflight preflight = new Preflight(environment);
        preflight.repository(team.repo()).ifPresent(finding -> fail(finding, "repo"));
        if (team.base() != null) {
            preflight.base(team.repo(), team.base()).ifPresent(finding -> fail(finding, "base"));
        }
        for (RoleSpec role : team.roles()) {
            (role.onAnotherHost() ? preflight.host(team, role) : preflight.agentProgram(team, role))
                    .or(() -> preflight.commandLine(team, role))
                    .ifPresent(finding -> fail(finding, "role " + role.name()));
            if (role.agent() == AgentKind.SIM && role.simScript() != null && role.command() == null) {
                preflight.behaviourScript(role.simScript()).ifPresent(finding -> {
                    throw new StartFailure(role.simScript()
                            + (finding.line() > 0 ? ":" + finding.line() + ":" + finding.column() : "")
                            + ": " + finding.message() + " (behaviour script of role " + role.name() + "). Fix: "
                            + finding.fix());
                });
            }
        }
    }

    private static void fail(dev.peersteam.team.StartChecks.Finding finding, String what) {
        throw new StartFailure(what + ": " + finding.message() + ". Fix: " + finding.fix() + ".");
    }

    /**
     * Runs the loop in this thread until the team stops, then saves what the roles left uncommitted. Ctrl-C and
     * SIGTERM go through a shutdown hook that asks the loop to stop and waits until all of this is finished: the
     * JVM would otherwise end the moment the hook returns, with sessions and work left behind.
     */
    private Result runInForeground(
            TeamSpec team,
            PeersDir peers,
            Coordinator coordinator,
            Foreground foreground,
            Beside beside,
            Notifier notifier,
            RemoteRoles remotes)
            throws IOException, InterruptedException {
        CountDownLatch finished = new CountDownLatch(1);
        Thread hook = new Thread(
                () -> {
                    coordinator.stop("the coordinator was asked to exit (Ctrl-C or SIGTERM)");
                    try {
                        finished.await(SHUTDOWN_WAIT.toMillis(), TimeUnit.MILLISECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                },
                "peers-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            Coordinator.Outcome outcome;
            try (ControlServer control = startControl(peers, coordinator, verbs)) {
                out.println("peers-team: team " + team.name() + " is starting "
                        + team.roles().size()
                        + " sessions; journal " + peers.journal() + "."
                        + (foreground == null
                                ? " Ctrl-C stops the team."
                                : " The console opens; 'down' stops the team."));
                out.flush();
                try (Beside companion = beside != null ? beside : NOTHING_BESIDE) {
                    String dashboard = companion.start(peers);
                    if (notifier != null) {
                        notifier.dashboardAt(dashboard);
                    }
                    outcome =
                            foreground == null ? coordinator.run() : runBeside(coordinator, peers, foreground, control);
                }
            }
            Coordinator.Report report = coordinator.report();
            endRemoteSessions(remotes);
            if (!report.keepDirty()) {
                saveUncommittedWork(team);
            }
            saveRemoteWork(remotes, !report.keepDirty());
            return new Result(outcome, report);
        } finally {
            finished.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException alreadyShuttingDown) {
                // the hook is running and waits for the latch above; nothing to undo
            }
        }
    }

    /**
     * Each remote role's worktree on its host before any agent starts: a new one gets the role's branch, the
     * {@code copy:} files and the {@code setup:} commands; one from an earlier run has its commits fetched back.
     */
    private void prepareRemoteWorktrees(TeamSpec team, Workspace workspace, RemoteRoles remotes) {
        for (RemoteRoles.Placed placed : remotes.all()) {
            String role = placed.role().name();
            try {
                RemoteWorktree.Prepared prepared = placed.worktree()
                        .prepare(
                                workspace.copiedFromTopLevel(),
                                team.setup(),
                                (step, done, ok) -> out.println("peers-team: " + role + ": " + step
                                        + (done ? (ok ? " ... ok" : " ... FAILED") : " ...")));
                out.println("peers-team: " + role + ": "
                        + (prepared == RemoteWorktree.Prepared.CREATED ? "created" : "reusing") + " worktree "
                        + placed.worktree().where() + ":" + placed.worktree().dir() + " on peers/" + role);
            } catch (IOException | GitException e) {
                throw new StartFailure(
                        "role " + role + " runs on " + placed.shell().where()
                                + ", but its worktree there cannot be prepared: " + e.getMessage()
                                + ". Check the host with 'peers-team validate'.");
            }
            out.flush();
        }
    }

    /**
     * Every session has stopped: nothing of a remote role's may go on running on its host, even where its sshd has
     * not noticed a dead link yet.
     */
    private void endRemoteSessions(RemoteRoles remotes) {
        for (RemoteRoles.Placed placed : remotes.all()) {
            try {
                placed.launcher().endLeftovers().ifPresent(result -> {
                    if (!result.stderr().isBlank()) {
                        out.println("peers-team: " + placed.role().name() + ": "
                                + result.stderr().strip());
                    }
                });
            } catch (IOException e) {
                out.println("peers-team: " + placed.role().name() + ": cannot reach "
                        + placed.shell().where() + " to make sure its session ended there: " + e.getMessage());
            }
        }
    }

    /** A remote role's uncommitted work is committed on its host as WIP (unless kept dirty), then fetched here. */
    private void saveRemoteWork(RemoteRoles remotes, boolean commitWip) {
        for (RemoteRoles.Placed placed : remotes.all()) {
            String role = placed.role().name();
            try {
                if (commitWip) {
                    placed.worktree()
                            .saveWip(clock)
                            .ifPresent(sha -> out.println("peers-team: " + role + ": saved uncommitted work on "
                                    + placed.shell().where() + " as WIP commit " + sha + " on peers/" + role));
                } else {
                    placed.worktree().fetchBack();
                }
            } catch (IOException | GitException e) {
                out.println("peers-team: " + role + ": could not save or fetch its work on "
                        + placed.shell().where() + ": " + e.getMessage() + ". It is still there, in "
                        + placed.worktree().dir());
            }
        }
        out.flush();
    }

    /**
     * Every session has stopped: what a role left uncommitted in its worktree is committed to its branch as a
     * marked WIP commit, so that no later cleanup can lose it. ({@code down --keep-dirty} skips this.)
     */
    private void saveUncommittedWork(TeamSpec team) {
        UnsavedWork unsaved = new UnsavedWork(new Git());
        for (RoleSpec role : team.roles()) {
            Path worktree = team.worktreeOf(role);
            if (role.onAnotherHost() || !Files.isDirectory(worktree)) {
                continue;
            }
            try {
                switch (unsaved.commitWip(worktree, role.name())) {
                    case WipResult.Committed c ->
                        out.println("peers-team: " + role.name() + ": saved uncommitted work"
                                + " (" + c.paths() + " paths) as WIP commit "
                                + c.commit().substring(0, 10) + " on "
                                + c.branch());
                    case WipResult.Clean clean -> {}
                    case WipResult.Blocked blocked ->
                        out.println(
                                "peers-team: " + role.name() + ": uncommitted work left as it is: " + blocked.reason());
                }
            } catch (GitException e) {
                out.println("peers-team: " + role.name() + ": could not save uncommitted work: " + e.getMessage());
            }
        }
        out.flush();
    }

    /**
     * The loop on a thread of its own, the foreground here; then waits for the loop, however long the team runs.
     * When the loop ends the control socket is closed at once (not after the foreground returns), so that the
     * foreground's own subscription gets the last events and then its end.
     */
    private static Coordinator.Outcome runBeside(
            Coordinator coordinator, PeersDir peers, Foreground foreground, ControlServer control)
            throws InterruptedException {
        CompletableFuture<Coordinator.Outcome> loop = new CompletableFuture<>();
        Thread thread = Thread.ofPlatform().name("peers-coordinator").start(() -> {
            try {
                loop.complete(runThenClose(coordinator, control));
            } catch (Throwable e) {
                loop.completeExceptionally(e);
            }
        });
        try {
            foreground.run(peers, loop.minimalCompletionStage());
        } finally {
            thread.join(); // the team outlives the foreground; nothing is closed under a running loop
        }
        try {
            return loop.get();
        } catch (ExecutionException e) {
            switch (e.getCause()) {
                case InterruptedException interrupted -> throw interrupted;
                case RuntimeException runtime -> throw runtime;
                case Error error -> throw error;
                default -> throw new IllegalStateException(e.getCause());
            }
        }
    }

    private static Coordinator.Outcome runThenClose(Coordinator coordinator, ControlServer control)
            throws InterruptedException {
        try {
            return coordinator.run();
        } finally {
            control.close();
        }
    }

    private static ControlServer startControl(PeersDir peers, Coordinator coordinator, VerbRunner verbs)
            throws IOException {
        try {
            return ControlServer.start(peers.socket(), new ControlBridge(coordinator, verbs, peers));
        } catch (ControlStartException e) {
            throw new StartFailure("cannot open the control socket " + peers.socket() + ": " + e.getMessage());
        }
    }

    private static final Beside NOTHING_BESIDE = new Beside() {
        @Override
        public String start(PeersDir peers) {
            return null;
        }

        @Override
        public void close() {}
    };

    /**
     * Where warnings from beside the loop go (a notifier that fails): to the coordinator while it runs, so the live
     * log, the console and the dashboard show them; printed before and after.
     */
    private static final class Warnings implements Consumer<String> {
        private final PrintWriter out;
        private volatile Coordinator coordinator;

        Warnings(PrintWriter out) {
            this.out = out;
        }

        void to(Coordinator running) {
            this.coordinator = running;
        }

        @Override
        public void accept(String text) {
            Coordinator running = coordinator;
            if (running != null) {
                running.warn(text);
            } else {
                synchronized (out) {
                    out.println("peers-team: " + text);
                    out.flush();
                }
            }
        }
    }

    private record PrintedProgress(PrintWriter out) implements Workspace.Progress {
        @Override
        public void worktree(dev.peersteam.git.Worktree worktree) {
            out.println("peers-team: " + worktree.role() + ": " + (worktree.created() ? "created" : "reusing")
                    + " worktree " + worktree.path() + " on " + worktree.branch());
            out.flush();
        }

        @Override
        public void setup(String role, String step, boolean done, boolean ok) {
            out.println("peers-team: " + role + ": " + step + (done ? (ok ? " ... ok" : " ... FAILED") : " ..."));
            out.flush();
        }
    }
}
