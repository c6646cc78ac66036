package dev.peersteam.coordinator;

import dev.peersteam.tools.ToolResult;

/** The lead's merge tool: merges a role's branch off the loop (git) and answers the call when git is done. */
final class MergeDesk {
    private final TeamState state;
    private final RepositoryView repository;
    private final TrackedBackground background;

    MergeDesk(TeamState state, RepositoryView repository, TrackedBackground background) {
        this.state = state;
        this.repository = repository;
        this.background = background;
    }

    void merge(String role, String into, ToolReply reply) {
        if (!state.members.containsKey(role)) {
            reply.send(ToolResult.error(
                    "unknown role '" + role + "'; the roles are " + String.join(", ", state.members.keySet())));
            return;
        }
        if (repository == null) {
            reply.send(ToolResult.error("merging is not available in this team"));
            return;
        }
        background.run(
                "merging peers/" + role,
                () -> repository.merge(role, into),
                reply::send,
                why -> reply.fail("merging peers/" + role + (into == null ? "" : " into " + into), why));
    }
}
