package dev.peersteam.architecture.broken.board;

import java.io.IOException;

/** Breaks "the pure parts start no process". */
public final class Launcher {
    public Process start() throws IOException {
        return new ProcessBuilder("true").start();
    }
}
