package dev.peersteam.control;

/**
 * The answer to {@link ControlRequest.Down}: the team has begun to stop ({@code stopping} is always true). The
 * coordinator exits once every session has; a client waits for that on its own (the lock, or the socket closing).
 */
public record Stopping(boolean stopping) implements ControlReply {

    public static Stopping now() {
        return new Stopping(true);
    }
}
