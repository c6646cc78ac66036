package dev.peersteam.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class OneLineTest {
    @Test
    void linesAreStrippedBlankOnesDroppedAndTheRestJoined() {
        assertThat(OneLine.of("  first  \n\n   second\r\nthird \r fourth\n"))
                .isEqualTo("first / second / third / fourth");
        assertThat(OneLine.of("one line")).isEqualTo("one line");
        assertThat(OneLine.of(" \n \n")).isEmpty();
    }

    @Test
    void cutsAtTheLengthWithoutSplittingACharacter() {
        assertThat(OneLine.of("abcdefghij", 8)).isEqualTo("abcde...");
        assertThat(OneLine.of("abcd🎉fghij", 8)).isEqualTo("abcd...");
        assertThat(OneLine.of("short", 8)).isEqualTo("short");
    }

    @Test
    @Timeout(30) // a hang guard: the regular expression this replaces took hours on this input
    void aMegabyteOfSpacesWithoutALineBreakIsOneLine() {
        String text = "a" + " ".repeat(1_000_000) + "b";
        assertThat(OneLine.of(text)).isEqualTo(text);
        assertThat(OneLine.of(text, 200)).hasSize(200).startsWith("a ");
    }
}
