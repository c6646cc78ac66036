package dev.peersteam.control;

import java.nio.file.Path;

/** Nothing answers on the control socket: the file is missing, or it is left over and nobody listens on it. */
public final class NoCoordinatorException extends Exception {
    private final Path socketPath;

    public NoCoordinatorException(Path socketPath, String message) {
        super(message);
        this.socketPath = socketPath;
    }

    public Path socketPath() {
        return socketPath;
    }
}
