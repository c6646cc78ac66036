package dev.peersteam.untrusted;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Files that would hang, flood or exhaust a reader are refused before a byte is read. */
@Timeout(value = 20, threadMode = Timeout.ThreadMode.SEPARATE_THREAD) // a FIFO opened by mistake blocks forever
class BoundedFileTest {
    @TempDir
    Path dir;

    @Test
    void aRegularFileWithinTheLimitIsReadWhole() throws Exception {
        Path file = Files.writeString(dir.resolve("a.txt"), "hello");

        assertThat(BoundedFile.read(file, 5)).isEqualTo("hello".getBytes());
    }

    @Test
    void aFileOneByteOverTheLimitIsRefusedBeforeReading() throws Exception {
        Path file = Files.writeString(dir.resolve("a.txt"), "hello!");

        BoundedFile.Refused refused = catchThrowableOfType(BoundedFile.Refused.class, () -> BoundedFile.read(file, 5));

        assertThat(refused.refusal()).isEqualTo(new BoundedFile.Refusal.TooLarge(6, 5));
        assertThat(refused.getMessage()).isEqualTo("is too large: 6 bytes (at most 5 bytes)");
    }

    @Test
    void devZeroIsRefusedAsADeviceAtOnce() {
        BoundedFile.Refused refused =
                catchThrowableOfType(BoundedFile.Refused.class, () -> BoundedFile.read(Path.of("/dev/zero"), 1024));

        assertThat(refused.refusal()).isEqualTo(new BoundedFile.Refusal.NotRegular("a character device"));
    }

    @Test
    void aFifoIsRefusedWithoutBeingOpened() throws Exception {
        Path fifo = dir.resolve("pipe");
        Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
        assertThat(mkfifo.waitFor(10, TimeUnit.SECONDS) && mkfifo.exitValue() == 0)
                .isTrue();

        BoundedFile.Refused refused =
                catchThrowableOfType(BoundedFile.Refused.class, () -> BoundedFile.read(fifo, 1024));

        assertThat(refused.refusal().describe()).isEqualTo("is a FIFO (named pipe), not a regular file");
    }

    @Test
    void aLinkIsJudgedByWhatItLeadsTo() throws Exception {
        Path link = Files.createSymbolicLink(dir.resolve("zero"), Path.of("/dev/zero"));

        BoundedFile.Refused refused =
                catchThrowableOfType(BoundedFile.Refused.class, () -> BoundedFile.read(link, 1024));

        assertThat(refused.refusal()).isInstanceOf(BoundedFile.Refusal.NotRegular.class);
    }

    @Test
    void aDirectoryAndAMissingFileAreSaidSo() throws Exception {
        assertThat(catchThrowableOfType(BoundedFile.Refused.class, () -> BoundedFile.read(dir, 10))
                        .refusal())
                .isEqualTo(new BoundedFile.Refusal.NotRegular("a directory"));
        assertThat(catchThrowableOfType(BoundedFile.Refused.class, () -> BoundedFile.read(dir.resolve("no"), 10))
                        .refusal())
                .isEqualTo(new BoundedFile.Refusal.Missing());
    }

    @Test
    void aFileThatLiesAboutItsSizeIsStillCutAtTheLimit() {
        // /proc files say they are empty; the read itself stops one byte past the limit.
        BoundedFile.Refused refused = catchThrowableOfType(
                BoundedFile.Refused.class, () -> BoundedFile.read(Path.of("/proc/self/status"), 16));

        assertThat(refused.refusal()).isEqualTo(new BoundedFile.Refusal.TooLarge(17, 16));
    }

    @Test
    void sizesReadLikePeopleWriteThem() {
        assertThat(BoundedFile.size(1)).isEqualTo("1 byte");
        assertThat(BoundedFile.size(1000)).isEqualTo("1000 bytes");
        assertThat(BoundedFile.size(256 * 1024)).isEqualTo("256 KiB");
        assertThat(BoundedFile.size(1024 * 1024)).isEqualTo("1 MiB");
        assertThat(BoundedFile.size(5 * 1024 * 1024 + 100_000)).isEqualTo("5.1 MiB");
    }
}
