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
    void anOversizedLineIsReportedAsSoonAsItPassesTheLimitAndEndsTheReader() throws Exception {
        LineReader lines = reader("ok\n" + "x".repeat(100_001) + "\nnever read\n", 10);
        assertThat(lines.next()).isEqualTo(new LineReader.Line("ok"));
        assertThat(lines.next()).isEqualTo(new LineReader.TooLong());
        assertThat(lines.next()).isEqualTo(new LineReader.TooLong());
    }

    @Test
    void aLineWithoutEndIsTooLongWithoutWaitingForItsEnd() throws Exception {
        // an endless stream of bytes without a newline: the reader stops after the limit instead of reading on
        java.nio.channels.ReadableByteChannel endless = new java.nio.channels.ReadableByteChannel() {
            @Override
            public int read(java.nio.ByteBuffer buffer) {
                int n = buffer.remaining();
                while (buffer.hasRemaining()) {
                    buffer.put((byte) 'x');
                }
                return n;
            }

            @Override
            public boolean isOpen() {
                return true;
            }

            @Override
            public void close() {}
        };
        assertThat(new LineReader(endless, 1 << 20).next()).isEqualTo(new LineReader.TooLong());
    }

    @Test
    void aLineOfExactlyTheLimitIsFine() throws Exception {
        LineReader lines = reader("0123456789\n", 10);
        assertThat(lines.next()).isEqualTo(new LineReader.Line("0123456789"));
    }
}
