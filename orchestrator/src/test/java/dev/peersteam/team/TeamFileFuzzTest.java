package dev.peersteam.team;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Timeout;

/**
 * A team file, whatever bytes it holds (a cloned repository's), is a team or a {@link TeamFileException}: no other
 * exception escapes {@link TeamFileLoader#load}, the public entry point of {@code validate} and {@code up}. The file
 * lies in a folder of its own that is no git repository.
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

    private static Path folder() {
        try {
            Path folder = Files.createTempDirectory("peers-team-fuzz");
            folder.toFile().deleteOnExit();
            folder.resolve("team.yaml").toFile().deleteOnExit();
            return folder;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
