package dev.peersteam.runtime;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * The team's state folder, {@code .peers/} at the repository's top level: journal, per-role logs, the coordinator
 * lock (and later its control socket). Private to the user (0700), because what is in it can steer agents that run
 * commands.
 */
public record PeersDir(Path root) {
    public static final String NAME = ".peers";

    public static PeersDir of(Path repoTopLevel) {
        return new PeersDir(repoTopLevel.resolve(NAME));
    }

    public Path journal() {
        return root.resolve("journal.jsonl");
    }

    public Path logs() {
        return root.resolve("logs");
    }

    public Path log(String role) {
        return logs().resolve(role + ".jsonl");
    }

    public Path teamInfo() {
        return root.resolve("team.json");
    }

    public Path socket() {
        return root.resolve("control.sock");
    }

    public Path lock() {
        return root.resolve("coordinator.lock");
    }

    public boolean exists() {
        return Files.isDirectory(root);
    }

    /** Creates the folder (and logs/) owner-only; tightens the mode of one that already exists. */
    public PeersDir create() {
        try {
            Files.createDirectories(logs());
            Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwx------"));
            Files.setPosixFilePermissions(logs(), PosixFilePermissions.fromString("rwx------"));
            return this;
        } catch (UnsupportedOperationException e) {
            return this; // not a POSIX file system: nothing finer to set
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + root, e);
        }
    }
}
