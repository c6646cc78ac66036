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

    /**
     * The control socket: {@code .peers/control.sock}, unless that path is too long for a Unix socket (108 bytes
     * on Linux, reached in deeply nested repositories); then a private folder of the user's under
     * {@code $XDG_RUNTIME_DIR} or {@code /tmp}, named by a hash of this folder, so every client finds the same one.
     */
    public Path socket() {
        Path preferred = root.resolve("control.sock");
        if (preferred.toAbsolutePath().toString().getBytes(java.nio.charset.StandardCharsets.UTF_8).length <= 100) {
            return preferred;
        }
        String base = System.getenv().getOrDefault("XDG_RUNTIME_DIR", "/tmp");
        Path dir = Path.of(base, "peers-team-" + System.getProperty("user.name"));
        try {
            Files.createDirectories(dir);
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
            byte[] hash = java.security.MessageDigest.getInstance("SHA-256")
                    .digest(root.toAbsolutePath()
                            .normalize()
                            .toString()
                            .getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return dir.resolve(java.util.HexFormat.of().formatHex(hash, 0, 8) + ".sock");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dir + " for the control socket", e);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
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
