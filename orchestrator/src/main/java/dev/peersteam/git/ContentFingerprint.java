package dev.peersteam.git;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A short fingerprint of a file's current content, to tell whether it changed between two looks: a hash of its bytes
 * (of its target for a symbolic link, which is not followed). Read in Java, so no git process and no object written.
 * Files bigger than {@link #MAX_HASHED_BYTES} are fingerprinted by size and modification time, so that a role's huge
 * generated file does not cost a full read after every turn.
 */
final class ContentFingerprint {
    static final long MAX_HASHED_BYTES = 32L << 20;
    static final String ABSENT = "absent";

    private ContentFingerprint() {}

    static String of(Path file) {
        try {
            BasicFileAttributes attributes =
                    Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            if (attributes.isSymbolicLink()) {
                return "link:" + hash(Files.readSymbolicLink(file).toString().getBytes(StandardCharsets.UTF_8));
            }
            if (attributes.isDirectory()) {
                return "directory"; // a submodule or nested repository: its own history is not looked into
            }
            if (!attributes.isRegularFile()) {
                return "special";
            }
            if (attributes.size() > MAX_HASHED_BYTES) {
                return "size:" + attributes.size() + ",mtime:"
                        + attributes.lastModifiedTime().toMillis();
            }
            MessageDigest digest = sha256();
            try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
                byte[] buffer = new byte[64 * 1024];
                for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                    digest.update(buffer, 0, n);
                }
            }
            return short20(digest.digest());
        } catch (NoSuchFileException gone) {
            return ABSENT; // deleted since git listed it
        } catch (IOException unreadable) {
            return "unreadable";
        }
    }

    private static String hash(byte[] bytes) {
        return short20(sha256().digest(bytes));
    }

    private static String short20(byte[] digest) {
        return HexFormat.of().formatHex(digest, 0, 10);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
