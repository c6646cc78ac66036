package dev.peersteam.git;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WorktreeStatusTest {
    @Test
    void parsesPorcelainWithRenamesAndOddNames() {
        String output = String.join(
                        "\0",
                        " M src/a.txt",
                        "R  new name.txt",
                        "old name.txt",
                        "?? dir/line\nbreak.txt",
                        "UU both.txt",
                        "D  gone.txt")
                + "\0";

        assertThat(WorktreeStatus.parsePorcelain(output))
                .containsExactly(
                        "src/a.txt", "new name.txt", "old name.txt", "dir/line\nbreak.txt", "both.txt", "gone.txt");
        assertThat(WorktreeStatus.parsePorcelain("")).isEmpty();
    }
}
