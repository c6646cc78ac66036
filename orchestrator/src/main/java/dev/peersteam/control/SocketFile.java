package dev.peersteam.control;

import java.io.IOException;
import java.net.ConnectException;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;

/** File-system checks around the socket file: its directory, a leftover from a crash, its mode. */
final class SocketFile {
    /** sun_path holds 108 bytes on Linux, including the terminating NUL. */
    static final int MAX_PATH_BYTES = 107;

    private static final Set<PosixFilePermission> OTHERS = EnumSet.of(
            PosixFilePermission.GROUP_READ,
            PosixFilePermission.GROUP_WRITE,
            PosixFilePermission.GROUP_EXECUTE,
            PosixFilePermission.OTHERS_READ,
            PosixFilePermission.OTHERS_WRITE,
            PosixFilePermission.OTHERS_EXECUTE);

    private SocketFile() {}

    static void checkLength(Path socket) throws ControlStartException {
        int bytes = socket.toString().getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_PATH_BYTES) {
            throw new ControlStartException(
                    ControlStartException.Reason.PATH_TOO_LONG,
                    "the control socket path is too long for a Unix socket (" + bytes + " bytes, at most "
                            + MAX_PATH_BYTES + "): " + socket);
        }
    }

    /**
     * The directory must exist and be the user's alone (0700). Binding makes the socket file with the umask's
     * mode before we can narrow it; a private directory closes that window, and keeps out anyone on a system where
     * peer credentials are not available.
     */
    static void requirePrivateDirectory(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new ControlStartException(
                    ControlStartException.Reason.UNSAFE_DIRECTORY,
                    "the control socket's directory does not exist: " + dir);
        }
        PosixFileAttributes attributes;
        try {
            attributes = Files.readAttributes(dir, PosixFileAttributes.class);
        } catch (UnsupportedOperationException e) {
            return; // not a POSIX file system: its own access control applies
        }
        Set<PosixFilePermission> loose = EnumSet.noneOf(PosixFilePermission.class);
        loose.addAll(attributes.permissions());
        loose.retainAll(OTHERS);
        if (!loose.isEmpty()) {
            throw new ControlStartException(
                    ControlStartException.Reason.UNSAFE_DIRECTORY,
                    "refusing to open the control socket: " + dir + " is open to other users ("
                            + PosixFilePermissions.toString(attributes.permissions()) + "); it must be 0700 (chmod 700 "
                            + dir + "), because control messages become prompts for agents that run commands");
        }
    }

    /** After binding: the directory must belong to whoever we are (the socket file's owner). */
    static void requireSameOwner(Path dir, Path socket) throws IOException {
        try {
            var dirOwner = Files.getOwner(dir);
            var self = Files.getOwner(socket, LinkOption.NOFOLLOW_LINKS);
            if (!dirOwner.equals(self)) {
                throw new ControlStartException(
                        ControlStartException.Reason.UNSAFE_DIRECTORY,
                        "refusing to open the control socket: " + dir + " belongs to " + dirOwner.getName()
                                + ", not to " + self.getName());
            }
        } catch (UnsupportedOperationException e) {
            // no owners on this file system
        }
    }

    /**
     * A socket file left by a coordinator that died is removed; one that still answers means another coordinator
     * is running, and a path that is not a socket at all is not ours to delete.
     */
    static void clearStale(Path socket) throws IOException {
        if (!Files.exists(socket, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        if (!Files.readAttributes(socket, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS)
                .isOther()) {
            throw new ControlStartException(
                    ControlStartException.Reason.NOT_A_SOCKET,
                    socket + " exists and is not a socket; remove it if it is not needed");
        }
        try {
            SocketChannel.open(UnixDomainSocketAddress.of(socket)).close();
        } catch (ConnectException refused) {
            Files.deleteIfExists(socket); // nobody listens: a leftover from a crash
            return;
        }
        throw new ControlStartException(
                ControlStartException.Reason.ALREADY_RUNNING,
                "another coordinator is running for this repository (it answers on " + socket
                        + "); stop it with `peers-team down`");
    }

    static void restrict(Path socket) throws IOException {
        try {
            Files.setPosixFilePermissions(socket, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // not POSIX: the directory check is all there is
        }
    }

    /** Identifies this very file, so close() does not delete a socket that someone else bound since. */
    static Object fileKey(Path socket) throws IOException {
        return Files.readAttributes(socket, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS)
                .fileKey();
    }
}
