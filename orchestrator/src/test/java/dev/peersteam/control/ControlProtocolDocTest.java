package dev.peersteam.control;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.peersteam.protocol.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * docs/control.md is true: every example request decodes and encodes back to the same JSON (or is refused with the
 * error shown after it), every answer after a request reads as the reply that request names and encodes back to the
 * same JSON, every line after a subscribe is an event or the stream's last error; and the examples show every
 * request and every kind of event.
 */
class ControlProtocolDocTest {
    private static final String CLIENT = "→ ";
    private static final String SERVER = "← ";

    private final ControlCodec codec = new ControlCodec();

    @Test
    void everyExampleIsWhatTheCodecWritesAndReads() throws Exception {
        Set<Class<?>> requestsShown = new HashSet<>();
        Set<Class<?>> eventsShown = new HashSet<>();
        List<String> lines = exampleLines();
        assertThat(lines).isNotEmpty();
        Decoded<ControlRequest> request = null;
        for (String line : lines) {
            String json = line.substring(2);
            if (line.startsWith(CLIENT)) {
                request = codec.decodeRequest(json);
                if (request instanceof Decoded.Valid<ControlRequest> valid) {
                    requestsShown.add(valid.value().getClass());
                    assertSameJson(codec.encode(valid.value()), json);
                }
                continue;
            }
            assertThat(request).as("an answer before any request: " + line).isNotNull();
            switch (request) {
                case Decoded.Invalid<ControlRequest> invalid ->
                    assertThat(codec.decodeResponse(json, BoardView.class))
                            .as("the error the codec gives for the request before " + line)
                            .isEqualTo(new Decoded.Valid<>(invalid.error()));
                case Decoded.Valid<ControlRequest>(ControlRequest.Subscribe subscribe) -> {
                    Decoded<StreamLine> decoded = codec.decodeStreamLine(json);
                    assertThat(decoded).as(line).isInstanceOf(Decoded.Valid.class);
                    switch (((Decoded.Valid<StreamLine>) decoded).value()) {
                        case StreamLine.Event event -> {
                            eventsShown.add(event.event().getClass());
                            assertSameJson(codec.encode(new ServerLine.Event(event.event())), json);
                        }
                        case StreamLine.Ended ended -> assertSameJson(codec.encode(ended.error()), json);
                        case StreamLine.Skipped skipped -> throw new AssertionError("an unknown event: " + line);
                    }
                }
                case Decoded.Valid<ControlRequest>(ControlRequest.Call<?> call) -> {
                    Decoded<ControlResponse> decoded = codec.decodeResponse(json, call.replyType());
                    assertThat(decoded).as("%s as the answer to %s", line, call).isInstanceOf(Decoded.Valid.class);
                    assertSameJson(codec.encode(((Decoded.Valid<ControlResponse>) decoded).value()), json);
                }
            }
        }
        assertThat(requestsShown)
                .as("every request is shown")
                .containsExactlyInAnyOrderElementsOf(
                        permitted(ControlRequest.Call.class, ControlRequest.Subscribe.class));
        assertThat(eventsShown)
                .as("every kind of event is shown")
                .containsExactlyInAnyOrderElementsOf(permitted(TeamEvent.class));
    }

    /** The arrow lines of the fenced blocks, each joined with the lines that continue it. */
    private static List<String> exampleLines() throws Exception {
        List<String> lines = new ArrayList<>();
        boolean fenced = false;
        boolean continues = false; // the line before was an example, in the same block
        for (String raw : Files.readAllLines(doc())) {
            if (raw.startsWith("```")) {
                fenced = !fenced;
                continues = false;
            } else if (fenced && (raw.startsWith(CLIENT) || raw.startsWith(SERVER))) {
                lines.add(raw);
                continues = true;
            } else if (fenced && continues && raw.startsWith(" ")) {
                lines.set(lines.size() - 1, lines.getLast() + raw.strip());
            } else {
                continues = false;
            }
        }
        return lines;
    }

    private static Path doc() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path doc = dir.resolve("docs/control.md");
            if (Files.isRegularFile(doc)) {
                return doc;
            }
        }
        throw new AssertionError("no docs/control.md above " + Path.of("").toAbsolutePath());
    }

    private static void assertSameJson(String written, String documented) throws Exception {
        JsonNode expected = Json.MAPPER.readTree(documented);
        assertThat(Json.MAPPER.readTree(written))
                .as("documented: " + documented)
                .isEqualTo(expected);
    }

    private static List<Class<?>> permitted(Class<?>... sealed) {
        List<Class<?>> out = new ArrayList<>();
        for (Class<?> type : sealed) {
            if (type.isSealed()) {
                out.addAll(Arrays.asList(type.getPermittedSubclasses()));
            } else {
                out.add(type);
            }
        }
        return out;
    }
}
