package dev.peersteam.agent.sim;

/**
 * Thrown out of a write once the agent has exited (or its stdout broke): unwinds whichever thread was still
 * working, since nothing it does can be seen any more.
 */
final class AgentHalted extends RuntimeException {
    AgentHalted(String message) {
        super(message, null, false, false);
    }
}
