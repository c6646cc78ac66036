package dev.peersteam.control;

/**
 * Runs a quick verb's command line inside the coordinator's process ({@link ControlRequest.Verb}). Called on a
 * thread of its own, never the coordinator's loop: the verb talks to the team through the control socket.
 */
@FunctionalInterface
public interface VerbRunner {
    VerbOutput run(ControlRequest.Verb verb);
}
