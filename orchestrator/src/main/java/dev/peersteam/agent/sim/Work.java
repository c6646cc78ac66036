package dev.peersteam.agent.sim;

import com.fasterxml.jackson.databind.JsonNode;

/** What the stdin reader hands to the turn thread, in arrival order. */
sealed interface Work {
    /** The host's {@code initialize}: answered after the first half of the MCP handshakes. */
    record Initialize(String requestId, JsonNode request) implements Work {}

    /** A user message: one turn. */
    record Prompt(Incoming message) implements Work {}

    /** stdin closed: finish what came before, then exit. */
    record EndOfInput() implements Work {}

    /** The exit was decided elsewhere: stop at once. */
    record Stop() implements Work {}
}
