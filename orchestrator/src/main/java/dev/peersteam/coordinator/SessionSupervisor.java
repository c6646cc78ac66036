package dev.peersteam.coordinator;

import dev.peersteam.journal.JournalRecord;
import dev.peersteam.protocol.CliMessage;
import dev.peersteam.protocol.HostMessage;
import dev.peersteam.protocol.HostRequest;
import dev.peersteam.session.SessionEvent;
import dev.peersteam.session.SessionStarter;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * The life of the sessions: start (and resume), ready, turns ended with their cost, budgets, crashes with a
 * back-off restart, and the stop sequence of the whole team, which decides how the loop ends.
 */
final class SessionSupervisor {
    static final Duration STOP_GRACE = Duration.ofSeconds(5);
    static final Duration TERMINATE_GRACE = Duration.ofSeconds(3);
    /** Crashes in a row (without a successful turn between) after which a role is given up. */
    static final int MAX_CRASHES = 5;

    private final TeamState state;
    private final SessionStarter starter;
    private final Consumer<Member> onTurnEnded;

    private boolean stopping;
    private boolean keepDirty;
    private boolean budgetExceeded;
    /** Until-done: the outcome decided when the team settled, reported once the sessions have stopped. */
    private Coordinator.Outcome settledOutcome;

    private Coordinator.Outcome outcome;

    /** {@code onTurnEnded} hears about each finished turn (after the state change), e.g. to look at the worktree. */
    SessionSupervisor(TeamState state, SessionStarter starter, Consumer<Member> onTurnEnded) {
        this.state = state;
        this.starter = starter;
        this.onTurnEnded = onTurnEnded;
    }

    boolean stopping() {
        return stopping;
    }

    boolean keepDirty() {
        return keepDirty;
    }

    Coordinator.Outcome outcome() {
        return outcome;
    }

    void launch(Member member) {
        try {
            member.channel = starter.start(
                    member.spec, member.sessionId, event -> state.post.accept(new Event.FromSession(event)));
        } catch (IOException | RuntimeException e) {
            state.setState(member, SessionState.CRASHED, "could not start: " + e.getMessage());
            return;
        }
        member.openRequests.clear();
        member.initRequestId = state.nextRequestId("init", member);
        state.setState(member, SessionState.STARTING, "pid " + member.channel.pid());
        state.outbox.add(
                member.channel, new HostMessage.ControlRequest(member.initRequestId, new HostRequest.Initialize()));
    }

    /** The back-off after a crash has passed. */
    void restart(Member member) {
        if (member.state == SessionState.RESTARTING && !stopping) {
            launch(member);
        }
    }

    /** The CLI answered {@code initialize}: the session is ready, and what waited for it goes out. */
    void initAnswered(Member member, CliMessage.ControlResponse response) {
        if (!response.success()) {
            state.events.accept(
                    new TeamEvent.Warning(member.name(), "the CLI refused initialize: " + response.error()));
            member.channel.closeInput();
            return;
        }
        if (member.state == SessionState.STARTING) {
            state.setState(member, SessionState.IDLE, member.sessionId == null ? null : "session " + member.sessionId);
            if (state.messenger.release(member) > 0) {
                state.setState(member, SessionState.BUSY, null);
            }
        }
    }

    void turnEnded(Member member, CliMessage.Result result) {
        if (member.state == SessionState.STARTING
                && result.errors().stream().anyMatch(e -> e.contains("No conversation found"))) {
            // The CLI cannot resume this session (its transcript is gone); it exits, and the restart starts anew.
            state.events.accept(new TeamEvent.Warning(
                    member.name(),
                    "session " + member.sessionId + " cannot be resumed (" + String.join("; ", result.errors())
                            + "); starting a new one"));
            member.sessionId = null;
            return;
        }
        String sessionId = result.sessionId() != null ? result.sessionId() : member.sessionId;
        double turnCost = state.costs.record(member.name(), sessionId, result.totalCostUsd());
        state.journal.append(new JournalRecord.TurnEnded(
                member.name(), sessionId, result.totalCostUsd(), result.isError(), result.subtype()));
        String detail = result.isError()
                ? (result.errors().isEmpty() ? result.subtype() : String.join("; ", result.errors()))
                : null;
        state.events.accept(new TeamEvent.TurnEnded(
                member.name(), turnCost, state.costs.roleCost(member.name()), result.isError(), detail));
        if (!result.isError()) {
            member.crashes = 0;
        }
        if (member.state == SessionState.BUSY && result.queuedTurnCount() == 0 && member.inFlight.isEmpty()) {
            state.setState(member, SessionState.IDLE, null);
        }
        enforceBudgets(member);
        onTurnEnded.accept(member);
    }

    /** A role at its cap is stopped for good; the team at its cap stops entirely. */
    private void enforceBudgets(Member member) {
        Double roleCap = member.spec.budgetUsd();
        if (roleCap != null && member.stopReason == null && state.costs.roleCost(member.name()) >= roleCap) {
            stopRole(
                    member,
                    String.format(
                            Locale.ROOT,
                            "budget reached: $%.4f of $%.2f",
                            state.costs.roleCost(member.name()),
                            roleCap));
        }
        Double teamCap = state.team.budgetUsd();
        if (teamCap != null && !budgetExceeded && state.costs.teamCost() >= teamCap) {
            budgetExceeded = true;
            beginStop(
                    String.format(Locale.ROOT, "team budget reached: $%.4f of $%.2f", state.costs.teamCost(), teamCap));
        }
    }

    private void stopRole(Member member, String reason) {
        member.stopReason = reason;
        state.journal.append(new JournalRecord.RoleStopped(member.name(), reason));
        state.events.accept(new TeamEvent.Warning(member.name(), "stopping this role: " + reason));
        if (member.channel != null && member.state.alive()) {
            if (member.state == SessionState.BUSY) {
                state.interrupt(member);
            }
            state.setState(member, SessionState.STOPPING, reason);
            state.outbox.flush();
            member.channel.closeInput();
        }
    }

    void exited(Member member, SessionEvent.Exited exited) {
        boolean expected = stopping || member.state == SessionState.STOPPING;
        member.openRequests.clear();
        // every asked call ends visibly: one that waited for a person is dropped with the session
        state.permissions
                .forget(member.name(), null)
                .forEach(p -> state.events.accept(new TeamEvent.Warning(
                        member.name(),
                        "permission request " + p.id() + " (" + p.summary() + ") was dropped: the session ended")));
        state.messenger.requeue(member);
        state.journal.append(new JournalRecord.SessionExited(member.name(), exited.exitCode(), expected));
        state.events.accept(new TeamEvent.Exited(member.name(), exited.exitCode(), expected, exited.stderrTail()));
        if (expected) {
            state.setState(
                    member,
                    SessionState.STOPPED,
                    member.stopReason != null ? member.stopReason : "exit code " + exited.exitCode());
        } else if (++member.crashes <= MAX_CRASHES) {
            Duration backoff = Duration.ofSeconds(Math.min(30, 1L << (member.crashes - 1)));
            state.setState(
                    member,
                    SessionState.RESTARTING,
                    "exit code " + exited.exitCode() + "; restart " + member.crashes + " of " + MAX_CRASHES + " in "
                            + backoff.toSeconds() + " s");
            state.timers.schedule(backoff, new Event.Restart(member.name()), state.post);
        } else {
            state.setState(
                    member,
                    SessionState.CRASHED,
                    "exit code " + exited.exitCode() + "; gave up after " + MAX_CRASHES + " crashes in a row");
        }
        if (noneAlive()) {
            outcome = finalOutcome(stopping ? Coordinator.Outcome.STOPPED : Coordinator.Outcome.ALL_SESSIONS_ENDED);
        }
    }

    /** Nobody will run any more (e.g. every role was stopped for good by an earlier run). */
    void noSessionAtStart() {
        if (noneAlive()) {
            outcome = Coordinator.Outcome.ALL_SESSIONS_ENDED;
        }
    }

    /** Until-done: the team has settled with this outcome; stop it and report that outcome when it has stopped. */
    void settle(Coordinator.Outcome settled, String reason) {
        settledOutcome = settled;
        beginStop(reason);
    }

    void down(boolean keepDirty) {
        this.keepDirty = keepDirty;
        beginStop("peers-team down" + (keepDirty ? " --keep-dirty" : ""));
    }

    /**
     * Stop: interrupt running turns (after its stdin closes a CLI can no longer get answers to its questions), close
     * every stdin so the CLIs exit by themselves, then escalate to SIGTERM and SIGKILL on deadlines.
     */
    void beginStop(String reason) {
        if (stopping) {
            return;
        }
        stopping = true;
        state.events.accept(new TeamEvent.Warning(null, "stopping the team: " + reason));
        for (Member member : state.members.values()) {
            if (!member.state.alive() || member.channel == null) {
                continue;
            }
            if (member.state == SessionState.BUSY) {
                state.interrupt(member);
            }
            state.setState(member, SessionState.STOPPING, null);
        }
        state.outbox.flush();
        for (Member member : state.members.values()) {
            if (member.state == SessionState.STOPPING) {
                member.channel.closeInput();
            }
        }
        state.members.values().stream()
                .filter(m -> m.state == SessionState.RESTARTING)
                .forEach(m -> state.setState(m, SessionState.STOPPED, "stopped while waiting to restart"));
        if (noneAlive()) {
            outcome = finalOutcome(Coordinator.Outcome.STOPPED);
            return;
        }
        state.timers.schedule(STOP_GRACE, new Event.StopDeadline(Event.StopStage.TERMINATE), state.post);
    }

    void escalateStop(Event.StopStage stage) {
        List<Member> alive = state.members.values().stream()
                .filter(m -> m.state.alive() && m.state != SessionState.RESTARTING && m.channel != null)
                .toList();
        if (alive.isEmpty()) {
            return;
        }
        switch (stage) {
            case TERMINATE -> {
                alive.forEach(m -> m.channel.terminate());
                state.timers.schedule(TERMINATE_GRACE, new Event.StopDeadline(Event.StopStage.KILL), state.post);
            }
            case KILL -> {
                alive.forEach(m -> m.channel.kill());
                state.timers.schedule(TERMINATE_GRACE, new Event.StopDeadline(Event.StopStage.GIVE_UP), state.post);
            }
            case GIVE_UP -> {
                alive.forEach(m -> state.events.accept(new TeamEvent.Warning(
                        m.name(), "pid " + m.channel.pid() + " did not exit after SIGKILL; giving up on it")));
                outcome = finalOutcome(Coordinator.Outcome.STOPPED);
            }
        }
    }

    private boolean noneAlive() {
        return state.members.values().stream().noneMatch(m -> m.state.alive());
    }

    private Coordinator.Outcome finalOutcome(Coordinator.Outcome otherwise) {
        return budgetExceeded
                ? Coordinator.Outcome.BUDGET_EXCEEDED
                : settledOutcome != null ? settledOutcome : otherwise;
    }
}
