package dev.peersteam.session;

import dev.peersteam.protocol.HostMessage;

/**
 * The coordinator's typed handle on one running agent process: what it may write, and how it may end it.
 * Everything it hears comes back as {@link SessionEvent}s. Implementations must not block the caller.
 */
public interface AgentChannel {
    /** Queues one line for the agent's stdin; lines are written in call order. */
    void send(HostMessage message);

    /** Closes stdin after the queued lines: the CLI finishes its turn and exits. */
    void closeInput();

    /** Asks the process (and what it started) to exit: SIGTERM. */
    void terminate();

    /** Ends the process and everything it started: SIGKILL. */
    void kill();

    long pid();
}
