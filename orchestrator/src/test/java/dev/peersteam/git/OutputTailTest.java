package dev.peersteam.git;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class OutputTailTest {
    @Test
    void keepsEverythingWhileItFits() {
        OutputTail tail = new OutputTail(100);
        tail.write("one\ntwo\n".getBytes(StandardCharsets.UTF_8), 0, 8);
        tail.write('3');

        assertThat(tail.text()).isEqualTo("one\ntwo\n3");
        assertThat(tail.lastLines(2)).isEqualTo("two\n3");
    }

    @Test
    void keepsOnlyTheLastBytesOfEndlessOutput() {
        OutputTail tail = new OutputTail(1000);
        for (int i = 0; i < 10_000; i++) {
            byte[] line = ("line " + i + "\n").getBytes(StandardCharsets.UTF_8);
            tail.write(line, 0, line.length);
        }

        assertThat(tail.text()).startsWith("…").endsWith("line 9999\n").hasSizeLessThanOrEqualTo(2001);
        assertThat(tail.lastLines(2)).isEqualTo("line 9998\nline 9999");
    }

    @Test
    void oneWriteLargerThanTheCapacityKeepsItsEnd() {
        OutputTail tail = new OutputTail(4);
        tail.write("abcdefgh".getBytes(StandardCharsets.UTF_8), 0, 8);

        assertThat(tail.text()).isEqualTo("…efgh");
    }
}
