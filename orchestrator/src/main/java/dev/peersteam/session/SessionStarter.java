package dev.peersteam.session;

import dev.peersteam.team.RoleSpec;
import java.io.IOException;
import java.util.function.Consumer;

/** Starts a role's agent process; the seam where tests put a scripted channel in place of a real process. */
@FunctionalInterface
public interface SessionStarter {
    /**
     * @param sessionId the session to resume ({@code resume}), or the id the new session must take: the coordinator
     *     chooses it, so that the process's command line names it and a leftover can be recognised
     * @param events receives everything the process says, from its reader thread
     */
    AgentChannel start(RoleSpec role, String sessionId, boolean resume, Consumer<SessionEvent> events)
            throws IOException;
}
