package dev.peersteam.session;

import dev.peersteam.team.RoleSpec;
import java.io.IOException;
import java.util.function.Consumer;

/** Starts a role's agent process; the seam where tests put a scripted channel in place of a real process. */
@FunctionalInterface
public interface SessionStarter {
    /**
     * @param resumeSessionId the Claude Code session to resume, or null for a new one
     * @param events receives everything the process says, from its reader thread
     */
    AgentChannel start(RoleSpec role, String resumeSessionId, Consumer<SessionEvent> events) throws IOException;
}
