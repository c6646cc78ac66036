package dev.peersteam.agent.sim;

import com.fasterxml.jackson.databind.JsonNode;

/** What the stdin reader hands to the turn thread, in arrival order. */
sealed interface Work {
    /** The host's {@code initialize}: answered after the first half of the MCP handshakes. */
    record Initialize(String requestId, JsonNode request) implements Work {}

    /**
     * A user message: a turn, or part of one (merged with the messages queued behind it, or folded into a running
     * turn). {@code runAgain}: the resumed transcript has it, unanswered.
     */
    record Prompt(Incoming message, boolean runAgain) implements Work {}

    /** The host's {@code end_session}: the messages still waiting are discarded, then the agent exits. */
    record EndSession() implements Work {}

    /** stdin closed: finish what came before, then exit. */
    record EndOfInput() implements Work {}

    /** The exit was decided elsewhere: stop at once. */
    record Stop() implements Work {}
}
