package dev.peersteam.control;

import java.io.IOException;

/** The server refused to start; the message says why and what to do. */
public final class ControlStartException extends IOException {
    public enum Reason {
        /** Something answers on the socket path already. */
        ALREADY_RUNNING,
        /** The socket's directory is reachable by other users (or owned by someone else). */
        UNSAFE_DIRECTORY,
        /** The path exists and is not a socket: we will not delete it. */
        NOT_A_SOCKET,
        /** Longer than a Unix socket address can hold. */
        PATH_TOO_LONG,
    }

    private final Reason reason;

    public ControlStartException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
