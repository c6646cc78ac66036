package dev.peersteam.console;

/** A console command could not be done; the message says why, and the console prints it and goes on. */
final class ConsoleError extends RuntimeException {
    ConsoleError(String message) {
        super(message);
    }
}
