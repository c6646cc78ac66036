package dev.peersteam.protocol;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Timeout;

/**
 * A line on a CLI's stdout, whatever it holds, decodes into a message, nothing, or a {@link ProtocolException}: no
 * other exception escapes ({@code Unknown} frames are kept, never fatal). Seeds are lines of real CLI traffic.
 */
class StreamJsonCodecFuzzTest {
    private final StreamJsonCodec codec = new StreamJsonCodec();

    @FuzzTest
    @Timeout(10)
    void aLineDecodesOrFailsWithAProtocolException(byte[] input) {
        String line = new String(input, StandardCharsets.UTF_8);
        try {
            codec.decode(line);
        } catch (ProtocolException expected) {
            // the one documented failure: a garbled line, reported and skipped by the caller
        }
    }
}
