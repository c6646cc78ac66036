package dev.peersteam.agent.sim;

import com.fasterxml.jackson.databind.JsonNode;

/** The host's answer to a control request the agent sent it. */
sealed interface HostAnswer {
    record Success(JsonNode response) implements HostAnswer {}

    /** A control error from the host, or no answer possible (stdin closed, request cancelled, agent exiting). */
    record Failure(String error) implements HostAnswer {}
}
