package dev.peersteam.agent.sim;

/** A command line the simulated agent refuses, as the real CLI would: printed to stderr, exit code 1. */
final class UsageException extends Exception {
    UsageException(String message) {
        super(message);
    }
}
