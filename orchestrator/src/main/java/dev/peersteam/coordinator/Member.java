package dev.peersteam.coordinator;

import com.fasterxml.jackson.databind.JsonNode;
import dev.peersteam.control.SessionState;
import dev.peersteam.control.TeamEvent;
import dev.peersteam.permission.PermissionPolicy;
import dev.peersteam.session.AgentChannel;
import dev.peersteam.team.RoleSpec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * One role and its session, as the coordinator's loop sees it. It owns its state and its transitions (each one is
 * reported as a {@link TeamEvent.StateChanged}), its mailbox, and the CLI's requests that still need their one
 * answer. Touched by the loop thread only.
 */
final class Member {
    /** A control request of the CLI that waits for its answer, and what kind of answer it needs if it must fail. */
    sealed interface OpenRequest {
        /** A team tool call; the answer carries the JSON-RPC id. */
        record ToolCall(JsonNode rpcId) implements OpenRequest {}

        record Permission() implements OpenRequest {}

        /** Anything else (MCP handshake, hooks, unknown subtypes): answered at once. */
        record Other() implements OpenRequest {}
    }

    final RoleSpec spec;
    final Path worktree;
    final PermissionPolicy policy;
    final Mailbox mailbox = new Mailbox();

    private final Consumer<TeamEvent> events;
    private final Map<String, OpenRequest> openRequests = new LinkedHashMap<>();
    /** Frame types already warned about, so an unknown type is reported once, not on every line. */
    private final Set<String> unknownTypesSeen = new HashSet<>();

    private AgentChannel channel;
    private SessionState state = SessionState.STARTING;
    private String sessionId;
    private String initRequestId;
    /** Why the coordinator stopped this role for good (budget, crashes, ...); null while it may run. */
    private String stopReason;
    /** The last tool the model called, for {@code ps}. */
    private String lastTool;
    /** Crashes since the last successful turn, for the restart back-off and its limit. */
    private int crashes;
    /** Which of the role's processes is the current one; events of an earlier one are ignored. */
    private long launch;
    /** Messages the session started on in its current turn; if the turn is cut, the next session is told. */
    private final List<Envelope> turnWork = new ArrayList<>();
    /** Work a cut turn left: told to the next session once it is ready. */
    private final List<Envelope> cutWork = new ArrayList<>();
    /**
     * The messages of the turns that ended well since the last launch checked them, by id: the CLI writes its
     * transcript up to a second behind, so a session killed right after its turns (several quick ones fit in that
     * second) may have lost them from its conversation; the next launch checks each against the transcript. Not only
     * the last turn's: a sim lead that took two turns within its transcript's lag lost the first one's message.
     */
    private final Map<String, Envelope> finishedWork = new LinkedHashMap<>();
    /** Messages sent again because the session lost its record of a turn that had handled them: told to it once. */
    private final List<Envelope> forgotten = new ArrayList<>();

    Member(RoleSpec spec, Path worktree, PermissionPolicy policy, Consumer<TeamEvent> events) {
        this.spec = spec;
        this.worktree = worktree;
        this.policy = policy;
        this.events = events;
    }

    String name() {
        return spec.name();
    }

    SessionState state() {
        return state;
    }

    AgentChannel channel() {
        return channel;
    }

    String sessionId() {
        return sessionId;
    }

    String stopReason() {
        return stopReason;
    }

    String lastTool() {
        return lastTool;
    }

    int crashes() {
        return crashes;
    }

    long launch() {
        return launch;
    }

    boolean isInitRequest(String requestId) {
        return requestId.equals(initRequestId);
    }

    // ---- questions

    /** Between turns or in one: a message written now reaches the model. */
    boolean ready() {
        return state == SessionState.IDLE || state == SessionState.BUSY;
    }

    /** Idle, with nothing waiting for it and nothing on its way: the role has nothing to do. */
    boolean isQuiet() {
        return state == SessionState.IDLE && mailbox.isEmpty();
    }

    /** Whether a new message for it will reach a session (now, or when it is ready again). */
    boolean takesMessages() {
        return stopReason == null
                && (state == SessionState.STARTING
                        || state == SessionState.IDLE
                        || state == SessionState.BUSY
                        || state == SessionState.RESTARTING);
    }

    /** Stopped for good by the coordinator (budget, crashes): no session runs for it, now or after a restart. */
    boolean retired() {
        return stopReason != null;
    }

    // ---- transitions

    /** A process was started (new or resuming {@code sessionId}) and asked to initialize. */
    void launched(AgentChannel channel, String sessionId, String initRequestId) {
        this.channel = channel;
        this.launch++;
        this.sessionId = sessionId;
        this.initRequestId = initRequestId;
        openRequests.clear();
        moveTo(SessionState.STARTING, "pid " + channel.pid() + (sessionId == null ? "" : ", session " + sessionId));
    }

    /** The CLI reported (or changed) its session id. Returns whether it is new to us. */
    boolean sessionIs(String id) {
        if (id == null || id.equals(sessionId)) {
            return false;
        }
        sessionId = id;
        return true;
    }

    /** The session can not be resumed; the next start begins a new one. */
    void forgetSession() {
        sessionId = null;
    }

    /** The CLI answered {@code initialize}. */
    void initialized() {
        if (state == SessionState.STARTING) {
            moveTo(SessionState.IDLE, null);
        }
    }

    /** A turn runs (a message was started, or the CLI began one of its own). */
    void turnStarted() {
        if (state == SessionState.IDLE) {
            moveTo(SessionState.BUSY, null);
        }
    }

    /** A turn ended; the session is idle unless more turns are queued in its CLI or messages are on their way. */
    void turnEnded(int queuedTurns, boolean succeeded) {
        if (succeeded) {
            // The work the turn took up is done. After a failed turn (an interrupt, an API error) it is not: if this
            // session ends before a turn succeeds, the next one is told it was cut off.
            crashes = 0;
            turnWork.forEach(e -> finishedWork.put(e.id(), e));
            turnWork.clear();
        }
        if (state == SessionState.BUSY && queuedTurns == 0 && mailbox.nothingInFlight()) {
            moveTo(SessionState.IDLE, null);
        }
    }

    /** The session started on a message (its turn, or folded into the running one). */
    /** The messages the running (or just failed) turn took up, oldest first. */
    List<Envelope> currentTurnWork() {
        return List.copyOf(turnWork);
    }

    void startedOn(Envelope envelope) {
        turnWork.add(envelope);
        turnStarted();
    }

    /** Work an earlier session was cut off in (from this run, or found in the journal of the last one). */
    void cutOff(Collection<Envelope> work) {
        work.stream()
                .filter(e -> cutWork.stream().noneMatch(c -> c.id().equals(e.id())))
                .forEach(cutWork::add);
    }

    /** Messages of turns that ended well, found in the journal of the last run: checked at the next launch. */
    void finishedBefore(Collection<Envelope> work) {
        work.forEach(e -> finishedWork.put(e.id(), e));
    }

    /** The finished turns' messages, to check against the transcript once; empty afterwards. */
    List<Envelope> takeFinishedWork() {
        var work = List.copyOf(finishedWork.values());
        finishedWork.clear();
        return work;
    }

    /** Messages the session's transcript lost after it had handled them: sent again, with a word about it. */
    void forgot(Collection<Envelope> work) {
        forgotten.addAll(work);
    }

    List<Envelope> takeForgotten() {
        var work = List.copyOf(forgotten);
        forgotten.clear();
        return work;
    }

    /** The cut-off work to tell the session about, once; empty when there is none. */
    List<Envelope> takeCutWork() {
        var work = List.copyOf(cutWork);
        cutWork.clear();
        return work;
    }

    void usedTool(String summary) {
        lastTool = summary;
    }

    /** Asked to end: its input is being closed. */
    void stopping(String reason) {
        if (state.alive() && state != SessionState.RESTARTING) {
            moveTo(SessionState.STOPPING, reason);
        }
    }

    /** Stopped for good by the coordinator; {@link #retired()} from now on, and on resume. */
    void retire(String reason) {
        stopReason = reason;
    }

    /** The process has ended; what it had not taken waits for the next session. Returns the crash count. */
    int exited() {
        openRequests.clear();
        mailbox.requeue();
        cutOff(turnWork); // a turn without its result was cut by the exit
        turnWork.clear();
        return state == SessionState.STOPPING ? crashes : ++crashes;
    }

    /** The process could not be started; counts as a crash. Returns the crash count. */
    int launchFailed() {
        return ++crashes;
    }

    void stopped(String detail) {
        moveTo(SessionState.STOPPED, detail);
    }

    void restarting(String detail) {
        moveTo(SessionState.RESTARTING, detail);
    }

    void crashed(String detail) {
        moveTo(SessionState.CRASHED, detail);
    }

    private void moveTo(SessionState next, String detail) {
        if (state == next && detail == null) {
            return;
        }
        state = next;
        events.accept(new TeamEvent.StateChanged(name(), next, detail));
    }

    // ---- the CLI's requests

    void opened(String requestId, OpenRequest request) {
        openRequests.put(requestId, request);
    }

    /** Takes the request out of the open ones; null when it was answered already, cancelled, or is unknown. */
    OpenRequest close(String requestId) {
        return openRequests.remove(requestId);
    }

    boolean isOpen(String requestId) {
        return openRequests.containsKey(requestId);
    }

    /** The open requests, oldest first; a snapshot, so answering them while iterating is safe. */
    Map<String, OpenRequest> openRequests() {
        return new LinkedHashMap<>(openRequests);
    }

    /** Whether this frame type is reported for the first time. */
    boolean firstUnknownType(String type) {
        return unknownTypesSeen.add(type);
    }
}
