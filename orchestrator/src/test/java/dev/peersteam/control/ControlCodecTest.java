package dev.peersteam.control;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.peersteam.protocol.Json;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ControlCodecTest {
    private final ControlCodec codec = new ControlCodec();

    static Stream<Arguments> requests() {
        return Stream.of(
                Arguments.of(new ControlRequest.Hello(), "{\"v\":1,\"type\":\"hello\"}"),
                Arguments.of(
                        new ControlRequest.Assign("qa", "test login", List.of("t1", "t2")),
                        "{\"v\":1,\"type\":\"assign\",\"role\":\"qa\",\"text\":\"test login\",\"after\":[\"t1\",\"t2\"]}"),
                Arguments.of(
                        new ControlRequest.Assign("qa", "two\nlines"),
                        "{\"v\":1,\"type\":\"assign\",\"role\":\"qa\",\"text\":\"two\\nlines\",\"after\":[]}"),
                Arguments.of(
                        new ControlRequest.Send("backend", "use /api/v2"),
                        "{\"v\":1,\"type\":\"send\",\"to\":\"backend\",\"text\":\"use /api/v2\"}"),
                Arguments.of(new ControlRequest.Board(), "{\"v\":1,\"type\":\"board\"}"),
                Arguments.of(new ControlRequest.Ps(), "{\"v\":1,\"type\":\"ps\"}"),
                Arguments.of(new ControlRequest.Interrupt("qa"), "{\"v\":1,\"type\":\"interrupt\",\"role\":\"qa\"}"),
                Arguments.of(new ControlRequest.Down(true), "{\"v\":1,\"type\":\"down\",\"keep_dirty\":true}"),
                Arguments.of(
                        new ControlRequest.Approve("p-7", true),
                        "{\"v\":1,\"type\":\"approve\",\"request_id\":\"p-7\",\"always\":true}"),
                Arguments.of(
                        new ControlRequest.Deny("p-7", "not on main"),
                        "{\"v\":1,\"type\":\"deny\",\"request_id\":\"p-7\",\"reason\":\"not on main\"}"),
                Arguments.of(
                        new ControlRequest.Deny("p-8", null), "{\"v\":1,\"type\":\"deny\",\"request_id\":\"p-8\"}"),
                Arguments.of(
                        new ControlRequest.Logs("qa", true),
                        "{\"v\":1,\"type\":\"logs\",\"role\":\"qa\",\"follow\":true}"),
                Arguments.of(new ControlRequest.Logs(null, false), "{\"v\":1,\"type\":\"logs\",\"follow\":false}"),
                Arguments.of(new ControlRequest.Subscribe(), "{\"v\":1,\"type\":\"subscribe\"}"));
    }

    @ParameterizedTest
    @MethodSource("requests")
    void requestsRoundTripWithTheirWireForm(ControlRequest request, String wire) {
        assertThat(codec.encode(request)).isEqualTo(wire);
        assertThat(codec.decodeRequest(wire)).isEqualTo(new Decoded.Valid<>(request));
    }

    static Stream<ServerLine> serverLines() {
        JsonNode body = Json.object()
                .put("pid", 42)
                .set("roles", Json.MAPPER.createArrayNode().add("qa"));
        return Stream.of(
                new ControlResponse.Ok(body),
                ControlResponse.Ok.empty(),
                ControlResponse.Ok.of(new CoordinatorInfo(42, "shop", "/repo", "0.1.0")),
                new ControlResponse.Error(ControlResponse.Error.UNKNOWN_ROLE, "no role \"qa\""),
                new ControlResponse.Error(ControlResponse.Error.INTERNAL, ""),
                new ServerLine.Event(
                        Json.object().put("type", "said").put("role", "qa").put("text", "hi\n\"x\"")));
    }

    @ParameterizedTest
    @MethodSource("serverLines")
    void serverLinesRoundTrip(ServerLine line) {
        String wire = codec.encode(line);
        assertThat(wire).startsWith("{\"v\":1,\"type\":").doesNotContain("\n");
        Decoded<ServerLine> decoded = codec.decodeServerLine(wire);
        assertThat(decoded).isInstanceOfSatisfying(Decoded.Valid.class, valid -> {
            assertThat(valid.value()).hasSameClassAs(line);
            // compared as text: a Java long becomes a LongNode, the same number read back an IntNode
            assertThat(codec.encode((ServerLine) valid.value())).isEqualTo(wire);
        });
    }

    @Test
    void serverLineWireForms() {
        assertThat(codec.encode(ControlResponse.Ok.empty())).isEqualTo("{\"v\":1,\"type\":\"ok\",\"body\":{}}");
        assertThat(codec.encode(new ControlResponse.Error("unknown_role", "no role \"x\"")))
                .isEqualTo("{\"v\":1,\"type\":\"error\",\"code\":\"unknown_role\",\"message\":\"no role \\\"x\\\"\"}");
        assertThat(codec.encode(new ServerLine.Event(Json.object().put("type", "said"))))
                .isEqualTo("{\"v\":1,\"type\":\"event\",\"event\":{\"type\":\"said\"}}");
    }

    @Test
    void okWithoutBodyDecodesToAnEmptyBody() {
        assertThat(codec.decodeServerLine("{\"v\":1,\"type\":\"ok\"}"))
                .isEqualTo(new Decoded.Valid<>(ControlResponse.Ok.empty()));
    }

    @Test
    void helloBodyReadsBackAsCoordinatorInfo() throws Exception {
        CoordinatorInfo info = new CoordinatorInfo(42, "shop", "/repo", "0.1.0");
        assertThat(CoordinatorInfo.from(info.toResponse().body())).isEqualTo(info);
    }

    @Test
    void unknownFieldsAreIgnoredForForwardCompatibility() {
        assertThat(codec.decodeRequest("{\"v\":1,\"type\":\"interrupt\",\"role\":\"qa\",\"hard\":true}"))
                .isEqualTo(new Decoded.Valid<>(new ControlRequest.Interrupt("qa")));
    }

    @Test
    void missingBooleansAreFalse() {
        assertThat(codec.decodeRequest("{\"v\":1,\"type\":\"down\"}"))
                .isEqualTo(new Decoded.Valid<>(new ControlRequest.Down(false)));
    }

    static Stream<Arguments> badRequests() {
        String bad = ControlResponse.Error.BAD_REQUEST;
        return Stream.of(
                Arguments.of("", bad, "expected one JSON object"),
                Arguments.of("garbage", bad, "not JSON"),
                Arguments.of("{\"v\":1,\"type\":", bad, "not JSON"),
                Arguments.of("{\"v\":1,\"type\":\"board\"} trailing", bad, "not JSON"),
                Arguments.of("[1,2]", bad, "expected one JSON object"),
                Arguments.of("\"board\"", bad, "expected one JSON object"),
                Arguments.of("{\"type\":\"board\"}", bad, "missing \"v\""),
                Arguments.of("{\"v\":\"1\",\"type\":\"board\"}", bad, "\"v\" must be an integer"),
                Arguments.of("{\"v\":2,\"type\":\"board\"}", ControlResponse.Error.UNSUPPORTED_VERSION, "version 2"),
                Arguments.of(
                        "{\"v\":99999999999999999999,\"type\":\"board\"}",
                        ControlResponse.Error.UNSUPPORTED_VERSION,
                        "not supported"),
                Arguments.of("{\"v\":1}", bad, "missing \"type\""),
                Arguments.of("{\"v\":1,\"type\":7}", bad, "missing \"type\""),
                Arguments.of("{\"v\":1,\"type\":\"reboot\"}", ControlResponse.Error.UNKNOWN_REQUEST, "\"reboot\""),
                Arguments.of("{\"v\":1,\"type\":\"assign\",\"text\":\"x\"}", bad, "\"role\" is required"),
                Arguments.of(
                        "{\"v\":1,\"type\":\"assign\",\"role\":\"qa\",\"text\":\"  \"}", bad, "\"text\" is required"),
                Arguments.of(
                        "{\"v\":1,\"type\":\"assign\",\"role\":\"qa\",\"text\":\"x\",\"after\":[null]}",
                        bad,
                        "\"after[]\" is required"),
                Arguments.of(
                        "{\"v\":1,\"type\":\"assign\",\"role\":\"qa\",\"text\":\"x\",\"after\":{\"a\":1}}",
                        bad,
                        "malformed request"),
                Arguments.of("{\"v\":1,\"type\":\"send\",\"text\":\"x\"}", bad, "\"to\" is required"),
                Arguments.of("{\"v\":1,\"type\":\"approve\"}", bad, "\"request_id\" is required"),
                Arguments.of("{\"v\":1,\"type\":\"down\",\"keep_dirty\":[]}", bad, "malformed request"));
    }

    @ParameterizedTest
    @MethodSource("badRequests")
    void badLinesBecomeErrorsNotExceptions(String line, String code, String messagePart) {
        Decoded<ControlRequest> decoded = codec.decodeRequest(line);
        assertThat(decoded).isInstanceOf(Decoded.Invalid.class);
        ControlResponse.Error error = ((Decoded.Invalid<ControlRequest>) decoded).error();
        assertThat(error.code()).isEqualTo(code);
        assertThat(error.message()).contains(messagePart);
    }

    @Test
    void errorMessagesDoNotEchoHugeInput() {
        String huge = "{\"v\":1,\"type\":\"" + "x".repeat(100_000) + "\"}";
        ControlResponse.Error error = ((Decoded.Invalid<ControlRequest>) codec.decodeRequest(huge)).error();
        assertThat(error.code()).isEqualTo(ControlResponse.Error.UNKNOWN_REQUEST);
        assertThat(error.message()).hasSizeLessThan(300);
    }

    @Test
    void badServerLinesAreReportedNotThrown() {
        assertThat(codec.decodeServerLine("nope")).isInstanceOf(Decoded.Invalid.class);
        assertThat(codec.decodeServerLine("{\"v\":2,\"type\":\"ok\"}")).isInstanceOf(Decoded.Invalid.class);
        assertThat(codec.decodeServerLine("{\"v\":1,\"type\":\"error\"}")).isInstanceOf(Decoded.Invalid.class);
        assertThat(codec.decodeServerLine("{\"v\":1,\"type\":\"event\"}")).isInstanceOf(Decoded.Invalid.class);
        assertThat(codec.decodeServerLine("{\"v\":1,\"type\":\"gossip\"}")).isInstanceOf(Decoded.Invalid.class);
    }

    @Test
    void streamingRequestsAreSubscribeAndFollowedLogs() {
        assertThat(new ControlRequest.Subscribe().streams()).isTrue();
        assertThat(new ControlRequest.Logs("qa", true).streams()).isTrue();
        assertThat(new ControlRequest.Logs("qa", false).streams()).isFalse();
        assertThat(new ControlRequest.Board().streams()).isFalse();
    }
}
