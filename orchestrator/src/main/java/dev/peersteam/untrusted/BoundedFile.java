package dev.peersteam.untrusted;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Reads a whole file only when it is a regular file of at most a given size, both checked before it is opened: a FIFO
 * would block the reader forever, a device such as {@code /dev/zero} never ends, and a huge file would exhaust the
 * heap. The read itself is bounded too, because files under {@code /proc} say they are empty and are not.
 */
public final class BoundedFile {
    private BoundedFile() {}

    /** Why a file was not read. */
    public sealed interface Refusal {
        /** Completes "the prompt file ..." and the like, e.g. "is a FIFO (named pipe), not a regular file". */
        String describe();

        /** The file (or a folder on its way) does not exist. */
        record Missing() implements Refusal {
            @Override
            public String describe() {
                return "does not exist";
            }
        }

        /** @param kind e.g. "a directory", "a character device" */
        record NotRegular(String kind) implements Refusal {
            @Override
            public String describe() {
                return "is " + kind + ", not a regular file";
            }
        }

        record TooLarge(long size, long limit) implements Refusal {
            @Override
            public String describe() {
                return "is too large: " + BoundedFile.size(size) + " (at most " + BoundedFile.size(limit) + ")";
            }
        }

        record Unreadable(String reason) implements Refusal {
            @Override
            public String describe() {
                return "cannot be read: " + reason;
            }
        }
    }

    /** The file was not read; {@link #refusal()} says why. */
    public static final class Refused extends Exception {
        private final transient Refusal refusal;

        Refused(Refusal refusal) {
            super(refusal.describe());
            this.refusal = refusal;
        }

        public Refusal refusal() {
            return refusal;
        }
    }

    /**
     * The bytes of {@code file}, following symbolic links.
     *
     * @param limit the largest size accepted, in bytes
     * @throws Refused when it is missing, not a regular file, larger than {@code limit}, or cannot be read
     */
    public static byte[] read(Path file, int limit) throws Refused {
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(file, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            throw new Refused(new Refusal.Missing());
        } catch (AccessDeniedException e) {
            throw new Refused(new Refusal.Unreadable("permission denied"));
        } catch (IOException e) {
            throw new Refused(new Refusal.Unreadable(reason(e)));
        }
        if (!attributes.isRegularFile()) {
            throw new Refused(new Refusal.NotRegular(kindOf(file, attributes)));
        }
        if (attributes.size() > limit) {
            throw new Refused(new Refusal.TooLarge(attributes.size(), limit));
        }
        try (InputStream in = Files.newInputStream(file)) {
            byte[] bytes = in.readNBytes(limit + 1);
            if (bytes.length > limit) {
                throw new Refused(new Refusal.TooLarge(bytes.length, limit)); // it grew, or it lied about its size
            }
            return bytes;
        } catch (AccessDeniedException e) {
            throw new Refused(new Refusal.Unreadable("permission denied"));
        } catch (IOException e) {
            throw new Refused(new Refusal.Unreadable(reason(e)));
        }
    }

    /** What a file that is not regular is, in the words of {@code ls -l}'s first letter. */
    private static String kindOf(Path file, BasicFileAttributes attributes) {
        if (attributes.isDirectory()) {
            return "a directory";
        }
        try {
            int type = ((Integer) Files.getAttribute(file, "unix:mode")) & 0170000;
            return switch (type) {
                case 0010000 -> "a FIFO (named pipe)";
                case 0020000 -> "a character device";
                case 0060000 -> "a block device";
                case 0140000 -> "a socket";
                default -> "a special file";
            };
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException | ClassCastException e) {
            return "a special file"; // no unix view on this platform: the kind is unknown, not the refusal
        }
    }

    private static String reason(IOException e) {
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }

    /** For example "1 MiB", "5.2 MiB", "300 KiB", "12 bytes". */
    static String size(long bytes) {
        if (bytes >= 1024 * 1024) {
            return bytes % (1024 * 1024) == 0
                    ? bytes / (1024 * 1024) + " MiB"
                    : String.format(java.util.Locale.ROOT, "%.1f MiB", bytes / (1024.0 * 1024));
        }
        if (bytes >= 1024) {
            return (bytes + 1023) / 1024 + " KiB";
        }
        return bytes + (bytes == 1 ? " byte" : " bytes");
    }
}
