package dev.peersteam.coordinator;

import dev.peersteam.permission.CoordinatorFiles;
import dev.peersteam.permission.PathResolver;
import dev.peersteam.permission.PermissionPolicy;
import dev.peersteam.session.AgentChannel;
import dev.peersteam.team.RoleSpec;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** One role and its session, as the coordinator's loop sees it. Mutable, and touched by the loop thread only. */
final class Member {
    final RoleSpec spec;
    final Path worktree;
    final PermissionPolicy policy;

    AgentChannel channel;
    SessionState state = SessionState.STARTING;
    String sessionId;
    String initRequestId;
    /** Why the coordinator stopped this role for good (budget, ...); null while it may run. */
    String stopReason;
    /** The last tool the model called, for {@code ps}. */
    String lastTool;
    /** Crashes since the last successful turn, for the restart back-off and its limit. */
    int crashes;

    /** Control requests from the CLI that still need their one answer. */
    final Set<String> openRequests = new HashSet<>();
    /** Messages not yet written, because the session is not ready. */
    final Deque<Envelope> waiting = new ArrayDeque<>();
    /** Messages written to stdin that the CLI has not started on yet, by id, in order. */
    final Map<String, Envelope> inFlight = new LinkedHashMap<>();
    /** Frame types already warned about, so an unknown type is reported once, not on every line. */
    final Set<String> unknownTypesSeen = new HashSet<>();

    Member(RoleSpec spec, Path worktree, CoordinatorFiles protectedFiles, PathResolver paths) {
        this.spec = spec;
        this.worktree = worktree;
        this.policy = new PermissionPolicy(
                spec.name(), spec.allowedTools(), spec.permissionMode(), worktree, protectedFiles, paths);
    }

    String name() {
        return spec.name();
    }

    boolean ready() {
        return state == SessionState.IDLE || state == SessionState.BUSY;
    }
}
