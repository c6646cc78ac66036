package dev.peersteam.coordinator;

import dev.peersteam.control.SessionState;
import dev.peersteam.control.TeamEvent;
import dev.peersteam.control.Usd;
import dev.peersteam.journal.JournalRecord;
import dev.peersteam.protocol.CliMessage;
import dev.peersteam.protocol.HostMessage;
import dev.peersteam.protocol.HostRequest;
import dev.peersteam.session.AgentChannel;
import dev.peersteam.session.SessionEvent;
import dev.peersteam.session.SessionStarter;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The life of the sessions: start (new, or resuming what the session's transcript shows it has), ready, turns ended
 * with their cost, budgets, crashes with a back-off restart, and the stop sequence of the whole team, which decides
 * how the loop ends ({@link TeamPhase}).
 */
final class SessionSupervisor {
    static final Duration STOP_GRACE = Duration.ofSeconds(5);
    static final Duration TERMINATE_GRACE = Duration.ofSeconds(3);
    /** Crashes in a row (without a successful turn between) after which a role is given up. */
    static final int MAX_CRASHES = 5;
    /** Who the coordinator's own notices to a role come from. */
    static final String SENDER = dev.peersteam.team.ReservedNames.PEERS_TEAM;

    private final TeamState state;
    private final SessionStarter starter;
    private final SessionHistory history;
    private final Supplier<String> newSessionIds;
    private final Consumer<Member> onTurnEnded;
    private Consumer<Member> beforeInputCloses = member -> {};
    private TeamPhase phase = new TeamPhase.Running();

    /**
     * @param onTurnEnded hears about each finished turn (after the state change), e.g. to look at the worktree
     * @param newSessionIds the ids of new sessions: chosen here, so the journal has a session's id before it runs
     */
    SessionSupervisor(
            TeamState state,
            SessionStarter starter,
            SessionHistory history,
            Supplier<String> newSessionIds,
            Consumer<Member> onTurnEnded) {
        this.state = state;
        this.starter = starter;
        this.history = history;
        this.newSessionIds = newSessionIds;
        this.onTurnEnded = onTurnEnded;
    }

    /** What must happen before a session's input closes for good: answering whatever its CLI still waits for. */
    void beforeInputCloses(Consumer<Member> action) {
        this.beforeInputCloses = action;
    }

    TeamPhase phase() {
        return phase;
    }

    boolean running() {
        return phase instanceof TeamPhase.Running;
    }

    Coordinator.Outcome outcome() {
        return phase instanceof TeamPhase.Ended ended ? ended.outcome() : null;
    }

    boolean keepDirty() {
        return switch (phase) {
            case TeamPhase.Stopping stopping -> stopping.keepDirty();
            case TeamPhase.Ended ended -> ended.keepDirty();
            case TeamPhase.Running running -> false;
        };
    }

    // ---- starting

    /**
     * Starts the role's process. A session is resumed when it has a transcript, and its transcript decides what is
     * sent again (see {@link #reconcile}); a session without one never took a message to disk and cannot be resumed,
     * so a new one starts (under an id chosen here) and gets everything again, the work of its cut turn included.
     * The launch is journaled before the session is sent anything.
     */
    void launch(Member member) {
        String sessionId = member.sessionId();
        boolean resume = false;
        if (sessionId != null) {
            switch (history.lookUp(member.name(), sessionId, member.worktree)) {
                case SessionHistory.Found.Unknown unknown -> resume = true;
                case SessionHistory.Found.Absent absent -> {
                    // No record at all: everything it had goes again to the new session, its finished turns' too.
                    sessionId = null;
                    List<Envelope> lost = member.takeFinishedWork();
                    member.mailbox.returnToFront(member.takeCutWork());
                    member.mailbox.returnToFront(lost);
                    member.forgot(lost);
                }
                case SessionHistory.Found.Present present -> {
                    resume = true;
                    reconcile(member, present.messageIds());
                }
            }
        }
        if (sessionId == null) {
            sessionId = newSessionIds.get();
        }
        AgentChannel channel;
        long launch = member.launch() + 1;
        try {
            channel = starter.start(
                    member.spec, sessionId, resume, event -> state.post.accept(new Event.FromSession(event, launch)));
        } catch (IOException | RuntimeException e) {
            state.journal.append(new JournalRecord.SessionExited(member.name(), -1, false));
            crashed(member, "could not start: " + e.getMessage(), member.launchFailed());
            return;
        }
        state.journal.append(new JournalRecord.SessionLaunched(member.name(), sessionId, channel.pid(), resume));
        state.journal.sync(); // a process that outlives us must be findable by the next coordinator
        String init = state.nextRequestId("init", member);
        member.launched(channel, sessionId, init);
        state.effects.send(channel, new HostMessage.ControlRequest(init, new HostRequest.Initialize()));
    }

    /**
     * What the session holds decides what is sent again, not the journal, which can be a batch behind the CLI (the
     * coordinator died) or ahead of its transcript (the CLI writes it up to a second after it reports "started", and a
     * SIGKILL loses what was not written). A message of the cut turn that the transcript lacks goes again, with its
     * id; so does one of a turn that ended well, as that turn's record was lost (the session is told it may
     * have done that work already); a message not yet counted as delivered that the transcript has is delivered now,
     * and was cut with its turn.
     */
    private void reconcile(Member member, java.util.Set<String> held) {
        List<Envelope> lost = member.takeFinishedWork().stream()
                .filter(e -> !held.contains(e.id()))
                .toList();
        List<Envelope> cut = member.takeCutWork();
        member.mailbox.returnToFront(
                cut.stream().filter(e -> !held.contains(e.id())).toList());
        member.mailbox.returnToFront(lost);
        member.forgot(lost);
        member.cutOff(cut.stream().filter(e -> held.contains(e.id())).toList());
        for (String id : member.mailbox.ids()) {
            if (held.contains(id)) {
                state.messenger
                        .taken(member, id, "already had it (its transcript shows it)")
                        .ifPresent(envelope -> member.cutOff(List.of(envelope)));
            }
        }
    }

    /** The back-off after a crash has passed. */
    void restart(Member member) {
        if (member.state() == SessionState.RESTARTING && running()) {
            launch(member);
        }
    }

    /** The CLI answered {@code initialize}: the session is ready, and what waited for it goes out. */
    void initAnswered(Member member, CliMessage.ControlResponse response) {
        if (!response.success()) {
            state.events.accept(
                    new TeamEvent.Warning(member.name(), "the CLI refused initialize: " + response.error()));
            state.effects.closeInput(member.channel());
            return;
        }
        member.initialized();
        List<Envelope> forgotten = member.takeForgotten();
        if (!forgotten.isEmpty() && running()) {
            // before the messages it will get again, so that it checks before it acts on them a second time
            state.messenger.postFirst(SENDER, member, CutWork.forgottenNotice(forgotten));
        }
        List<Envelope> cut = member.takeCutWork();
        if (!cut.isEmpty() && running()) {
            state.messenger.post(SENDER, member, CutWork.notice(cut));
        }
        state.messenger.release(member);
    }

    // ---- turns

    void turnEnded(Member member, CliMessage.Result result) {
        if (result.sessionNotFound()) {
            // The CLI cannot resume this session (its transcript is gone); it exits, and the restart starts anew.
            state.events.accept(new TeamEvent.Warning(
                    member.name(),
                    "session " + member.sessionId() + " cannot be resumed (" + result.errorDetail()
                            + "); a new one starts"));
            member.forgetSession();
            return;
        }
        String sessionId = result.sessionId() != null ? result.sessionId() : member.sessionId();
        Usd turnCost = state.costs.record(member.name(), sessionId, result.totalCostUsd());
        boolean limited = result.stoppedByApiLimit();
        // A turn the API's limit stopped is no error of the role's: its work goes on in the notice posted below, in
        // this same step, so a restart resends that notice and does not announce the work a second time as cut off.
        state.journal.append(new JournalRecord.TurnEnded(
                member.name(),
                sessionId,
                result.totalCostUsd(),
                result.isError() && !limited,
                result.subtype().wire()));
        state.pacing.turnEnded(member.name(), result);
        state.pacing.spent(turnCost);
        state.events.accept(new TeamEvent.TurnEnded(
                member.name(),
                turnCost,
                state.costs.roleCost(member.name()),
                result.isError() && !limited,
                limited
                        ? "stopped by the API's limit (" + result.apiErrorStatus()
                                + "); it goes on when the limit lifts"
                        : result.errorDetail()));
        List<Envelope> unfinished = member.currentTurnWork();
        member.turnEnded(result.queuedTurnCount(), !result.isError());
        if (limited) {
            // The session has the turn's messages but did not do them: it is told to go on, in a notice that waits
            // like any message until the pause for the limit is over. Retried, not failed, and not written twice.
            state.messenger.post(SENDER, member, CutWork.limitNotice(unfinished, result.apiErrorStatus()));
        }
        enforceBudgets(member);
        onTurnEnded.accept(member);
    }

    /** A role at its cap is stopped for good; the team at its cap stops entirely. */
    private void enforceBudgets(Member member) {
        Double roleCap = member.spec.budgetUsd();
        if (roleCap != null
                && !member.retired()
                && state.costs.roleCost(member.name()).reaches(roleCap)) {
            state.events.accept(new TeamEvent.BudgetReached(
                    member.name(), state.costs.roleCost(member.name()), Usd.ofDollars(roleCap)));
            retire(
                    member,
                    String.format(
                            Locale.ROOT, "budget reached: %s of $%.2f", state.costs.roleCost(member.name()), roleCap));
        }
        Double teamCap = state.team.budgetUsd();
        if (teamCap != null && running() && state.costs.teamCost().reaches(teamCap)) {
            state.events.accept(new TeamEvent.BudgetReached(null, state.costs.teamCost(), Usd.ofDollars(teamCap)));
            beginStop(
                    String.format(Locale.ROOT, "team budget reached: %s of $%.2f", state.costs.teamCost(), teamCap),
                    Coordinator.Outcome.BUDGET_EXCEEDED,
                    false);
        }
    }

    /** Stops a role for good (journaled, so no later run starts it): its session ends, its open tasks are told. */
    private void retire(Member member, String reason) {
        member.retire(reason);
        state.journal.append(new JournalRecord.RoleStopped(member.name(), reason));
        state.events.accept(new TeamEvent.Warning(member.name(), "stopping this role for good: " + reason));
        switch (member.state()) {
            case STARTING, IDLE, BUSY -> closeSession(member, reason); // its mailbox is failed when it has exited
            case RESTARTING -> {
                member.stopped(reason);
                failMailbox(member);
            }
            case STOPPING, STOPPED, CRASHED -> failMailbox(member);
        }
        state.desk.roleGone(member.name(), reason);
    }

    /** A role gone for good takes no more messages: what waited for it is given up, and its senders are told. */
    private void failMailbox(Member member) {
        for (Envelope envelope : member.mailbox.clear()) {
            String why = member.name() + " stopped for good (" + member.stopReason() + ")";
            state.messenger.failed(envelope, why);
            Member sender = state.members.get(envelope.from());
            if (sender != null && sender.takesMessages()) {
                state.messenger.post(
                        SENDER,
                        sender,
                        "Your message " + envelope.id() + " to " + member.name() + " was not delivered: " + why
                                + ". Ask the lead or the human who takes over its work.");
            }
        }
    }

    /** Ends one session in order: its turn interrupted, its CLI's open requests answered, then its input closed. */
    private void closeSession(Member member, String reason) {
        if (member.channel() == null) {
            member.stopped(reason);
            return;
        }
        if (member.state() == SessionState.BUSY) {
            state.interrupt(member);
        }
        member.stopping(reason);
        beforeInputCloses.accept(member);
        state.effects.closeInput(member.channel());
    }

    // ---- exits

    void exited(Member member, SessionEvent.Exited exited) {
        boolean expected = !running() || member.state() == SessionState.STOPPING;
        // every asked call ends visibly: one that waited for a person is dropped with the session
        state.permissions
                .forget(member.name(), null)
                .forEach(p -> state.events.accept(new TeamEvent.Warning(
                        member.name(),
                        "permission request " + p.id() + " (" + p.summary() + ") was dropped: the session ended")));
        state.acks.forgetSender(member.name());
        int crashes = member.exited();
        state.journal.append(new JournalRecord.SessionExited(member.name(), exited.exitCode(), expected));
        state.events.accept(new TeamEvent.Exited(member.name(), exited.exitCode(), expected, exited.stderrTail()));
        if (member.retired()) {
            member.stopped(member.stopReason());
            failMailbox(member);
        } else if (expected) {
            member.stopped("exit code " + exited.exitCode());
        } else {
            crashed(member, "exit code " + exited.exitCode(), crashes);
        }
        endIfNobodyRuns();
    }

    /** The process ended on its own (or could not start): restarted after a back-off, or given up. */
    private void crashed(Member member, String why, int crashes) {
        if (!running()) {
            member.stopped(why);
        } else if (crashes <= MAX_CRASHES) {
            Duration backoff = Duration.ofSeconds(Math.min(30, 1L << (crashes - 1)));
            member.restarting(
                    why + "; restart " + crashes + " of " + MAX_CRASHES + " in " + backoff.toSeconds() + " s");
            state.timers.schedule(backoff, () -> state.post.accept(new Event.Restart(member.name())));
        } else {
            String reason = why + "; gave up after " + MAX_CRASHES + " crashes in a row";
            member.crashed(reason);
            retire(member, reason);
        }
        endIfNobodyRuns();
    }

    /** The team ends when no role has, or will again have, a running session. */
    private void endIfNobodyRuns() {
        if (state.members.values().stream().anyMatch(m -> m.state().alive())) {
            return;
        }
        phase = switch (phase) {
            case TeamPhase.Running running -> new TeamPhase.Ended(Coordinator.Outcome.ALL_SESSIONS_ENDED, false);
            case TeamPhase.Stopping stopping -> new TeamPhase.Ended(stopping.outcome(), stopping.keepDirty());
            case TeamPhase.Ended ended -> ended;
        };
    }

    /** Nobody will run any more (e.g. every role was stopped for good by an earlier run). */
    void noSessionAtStart() {
        endIfNobodyRuns();
    }

    // ---- stopping the team

    void down(boolean keepDirty) {
        beginStop("peers-team down" + (keepDirty ? " --keep-dirty" : ""), Coordinator.Outcome.STOPPED, keepDirty);
    }

    /**
     * Stop: interrupt running turns, answer what each CLI still waits for (after its stdin closes a CLI can get no
     * answer), close every stdin so the CLIs exit by themselves, then escalate to SIGTERM and SIGKILL on deadlines.
     * Everything goes out after the journal sync of this batch, like any other effect.
     */
    void beginStop(String reason, Coordinator.Outcome outcome, boolean keepDirty) {
        if (!running()) {
            return;
        }
        phase = new TeamPhase.Stopping(reason, outcome, keepDirty);
        state.events.accept(new TeamEvent.Warning(null, "stopping the team: " + reason));
        for (Member member : state.members.values()) {
            switch (member.state()) {
                case STARTING, IDLE, BUSY -> closeSession(member, null);
                case RESTARTING -> member.stopped("stopped while waiting to restart");
                case STOPPING, STOPPED, CRASHED -> {}
            }
        }
        endIfNobodyRuns();
        if (phase instanceof TeamPhase.Stopping) {
            state.timers.schedule(
                    STOP_GRACE, () -> state.post.accept(new Event.StopDeadline(Event.StopStage.TERMINATE)));
        }
    }

    /**
     * The loop cannot go on (the journal cannot be written, or a step failed): sessions are told to end without
     * being sent anything more (SIGTERM now, SIGKILL on the usual deadline), and the run ends as failed. The
     * journal holds everything up to the last batch that was synced; the next {@code up} resumes from there.
     */
    void abandon(String reason) {
        if (phase instanceof TeamPhase.Ended) {
            return;
        }
        phase = new TeamPhase.Stopping(reason, Coordinator.Outcome.FAILED, keepDirty());
        for (Member member : state.members.values()) {
            if (member.state() == SessionState.RESTARTING) {
                member.stopped("stopped while waiting to restart");
            } else if (member.state().alive() && member.channel() != null) {
                member.stopping(reason);
                member.channel().terminate();
            }
        }
        endIfNobodyRuns();
        if (!(phase instanceof TeamPhase.Ended)) {
            state.timers.schedule(
                    TERMINATE_GRACE, () -> state.post.accept(new Event.StopDeadline(Event.StopStage.KILL)));
        }
    }

    void escalateStop(Event.StopStage stage) {
        List<Member> alive = state.members.values().stream()
                .filter(m -> m.state() == SessionState.STOPPING && m.channel() != null)
                .toList();
        if (alive.isEmpty() || phase instanceof TeamPhase.Ended) {
            return;
        }
        switch (stage) {
            case TERMINATE -> {
                alive.forEach(m -> m.channel().terminate());
                state.timers.schedule(
                        TERMINATE_GRACE, () -> state.post.accept(new Event.StopDeadline(Event.StopStage.KILL)));
            }
            case KILL -> {
                alive.forEach(m -> m.channel().kill());
                state.timers.schedule(
                        TERMINATE_GRACE, () -> state.post.accept(new Event.StopDeadline(Event.StopStage.GIVE_UP)));
            }
            case GIVE_UP -> {
                alive.forEach(m -> state.events.accept(new TeamEvent.Warning(
                        m.name(), "pid " + m.channel().pid() + " did not exit after SIGKILL; giving up on it")));
                TeamPhase.Stopping stopping = (TeamPhase.Stopping) phase;
                phase = new TeamPhase.Ended(stopping.outcome(), stopping.keepDirty());
            }
        }
    }
}
