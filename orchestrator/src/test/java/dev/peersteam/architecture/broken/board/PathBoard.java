package dev.peersteam.architecture.broken.board;

import java.nio.file.Path;

/** Keeps the rules: a path is a value, and knowing its own pid touches nothing. */
public final class PathBoard {
    public String name(Path file) {
        return file.getFileName() + "@" + ProcessHandle.current().pid();
    }
}
