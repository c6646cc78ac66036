package dev.peersteam.control;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Timeout;

/**
 * Whatever a client sends, the codec never throws: it is a request or the error to answer with. What decodes encodes
 * back to the same request, and the same holds for the lines a server writes, read as any reply and as a stream.
 */
class ControlCodecFuzzTest {
    private static final List<Class<? extends ControlReply>> REPLY_TYPES = List.of(
            CoordinatorInfo.class,
            PsReply.class,
            BoardView.class,
            TaskView.class,
            SentMessages.class,
            Interrupted.class,
            Decided.class,
            Stopping.class);

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

        for (Class<? extends ControlReply> replyType : REPLY_TYPES) {
            Decoded<ControlResponse> response = codec.decodeResponse(line, replyType);
            assertThat(response).isNotNull();
            if (response instanceof Decoded.Valid<ControlResponse> valid) {
                assertThat(codec.decodeResponse(codec.encode(valid.value()), replyType))
                        .isEqualTo(response);
            }
        }

        Decoded<StreamLine> streamLine = codec.decodeStreamLine(line);
        assertThat(streamLine).isNotNull();
        if (streamLine instanceof Decoded.Valid<StreamLine>(StreamLine.Event event)) {
            assertThat(codec.decodeStreamLine(codec.encode(new ServerLine.Event(event.event()))))
                    .isEqualTo(streamLine);
        }
    }
}
