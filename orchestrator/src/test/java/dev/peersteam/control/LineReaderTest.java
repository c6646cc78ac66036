package dev.peersteam.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class LineReaderTest {

    private static LineReader reader(String text, int max) {
        return new LineReader(
                Channels.newChannel(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8))), max);
    }

    @Test
    void splitsLinesAcrossReadsAndKeepsUtf8() throws Exception {
        String longLine = "é".repeat(20_000); // 40 000 bytes: spans several buffer fills
        LineReader lines = reader("a\n\n" + longLine + "\nlast", 1 << 20);
        assertThat(lines.next()).isEqualTo(new LineReader.Line("a"));
        assertThat(lines.next()).isEqualTo(new LineReader.Line(""));
        assertThat(lines.next()).isEqualTo(new LineReader.Line(longLine));
        assertThat(lines.next()).isEqualTo(new LineReader.Line("last"));
        assertThat(lines.next()).isEqualTo(new LineReader.End());
        assertThat(lines.next()).isEqualTo(new LineReader.End());
    }

    @Test
    void anOversizedLineIsSkippedAndTheNextOneRead() throws Exception {
        LineReader lines = reader("x".repeat(100_001) + "\nok\n" + "y".repeat(11), 10);
        assertThat(lines.next()).isEqualTo(new LineReader.TooLong());
        assertThat(lines.next()).isEqualTo(new LineReader.Line("ok"));
        assertThat(lines.next()).isEqualTo(new LineReader.TooLong());
        assertThat(lines.next()).isEqualTo(new LineReader.End());
    }

    @Test
    void aLineOfExactlyTheLimitIsFine() throws Exception {
        LineReader lines = reader("0123456789\n", 10);
        assertThat(lines.next()).isEqualTo(new LineReader.Line("0123456789"));
    }
}
