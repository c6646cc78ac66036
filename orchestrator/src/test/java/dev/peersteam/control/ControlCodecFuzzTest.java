package dev.peersteam.control;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Timeout;

/**
 * Whatever a client sends, the codec never throws: it is a request or the error to answer with. What decodes encodes
 * back to the same request, and the same holds for the lines a server writes.
 */
class ControlCodecFuzzTest {
    private final ControlCodec codec = new ControlCodec();

    @FuzzTest
    @Timeout(10)
    void decodingNeverThrowsAndWhatDecodesSurvivesARoundTrip(byte[] input) {
        String line = new String(input, StandardCharsets.UTF_8);

        Decoded<ControlRequest> request = codec.decodeRequest(line);
        assertThat(request).isNotNull();
        if (request instanceof Decoded.Valid<ControlRequest> valid) {
            assertThat(codec.decodeRequest(codec.encode(valid.value()))).isEqualTo(request);
        } else {
            assertThat(((Decoded.Invalid<ControlRequest>) request).error().message())
                    .hasSizeLessThan(1_000);
        }

        Decoded<ServerLine> serverLine = codec.decodeServerLine(line);
        assertThat(serverLine).isNotNull();
        if (serverLine instanceof Decoded.Valid<ServerLine> valid) {
            assertThat(codec.decodeServerLine(codec.encode(valid.value()))).isEqualTo(serverLine);
        }
    }
}
