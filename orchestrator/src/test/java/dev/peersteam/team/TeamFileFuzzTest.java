package dev.peersteam.team;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Timeout;

/**
 * A team file, whatever bytes it holds (a cloned repository's), is a team or a {@link TeamFileException}: no other
 * exception escapes {@link TeamFileLoader#load}, the public entry point of {@code validate} and {@code up}. The file
 * lies in a git work tree of its own, so that what it names can be found.
 */
class TeamFileFuzzTest {
    private static final Path FOLDER = folder();

    @FuzzTest
    @Timeout(10)
    void aTeamFileLoadsOrFailsWithATeamFileException(byte[] input) throws IOException {
        Path file = FOLDER.resolve("team.yaml");
        Files.write(file, input);
        try {
            TeamFileLoader.load(file);
        } catch (TeamFileException expected) {
            // every problem with line and column: the documented failure
        }
    }

    /** A git work tree of its own (paths in a team file must lead into one), created once per JVM. */
    private static Path folder() {
        try {
            Path folder = Files.createTempDirectory("peers-team-fuzz");
            Process init = new ProcessBuilder("git", "init", "-q", folder.toString())
                    .redirectErrorStream(true)
                    .start();
            init.getInputStream().transferTo(OutputStream.nullOutputStream());
            if (init.waitFor() != 0) {
                throw new IllegalStateException("git init failed in " + folder);
            }
            return folder;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
