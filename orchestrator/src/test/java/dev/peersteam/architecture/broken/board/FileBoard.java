package dev.peersteam.architecture.broken.board;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Breaks "the pure parts do no I/O": a board that reads a file. */
public final class FileBoard {
    public String load(Path file) throws IOException {
        return Files.readString(file);
    }
}
