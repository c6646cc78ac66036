package dev.peersteam.control;

import static org.assertj.core.api.Assertions.assertThat;

import dev.peersteam.board.TaskStatus;
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
                        new ControlRequest.Verb(List.of("assign", "qa", "test login"), "/repo"),
                        "{\"v\":1,\"type\":\"verb\",\"argv\":[\"assign\",\"qa\",\"test login\"],\"cwd\":\"/repo\"}"),
                Arguments.of(new ControlRequest.Subscribe(), "{\"v\":1,\"type\":\"subscribe\"}"));
    }

    @ParameterizedTest
    @MethodSource("requests")
    void requestsRoundTripWithTheirWireForm(ControlRequest request, String wire) {
        assertThat(codec.encode(request)).isEqualTo(wire);
        assertThat(codec.decodeRequest(wire)).isEqualTo(new Decoded.Valid<>(request));
    }

    static Stream<ControlRequest.Call<?>> calls() {
        return Stream.of(
                new ControlRequest.Hello(),
                new ControlRequest.Assign("qa", "test login", List.of("T1")),
                new ControlRequest.Assign("qa", "test login"),
                new ControlRequest.Send("backend", "use /api/v2"),
                new ControlRequest.Board(),
                new ControlRequest.Ps(),
                new ControlRequest.Interrupt("qa"),
                new ControlRequest.Down(true),
                new ControlRequest.Approve("p-7", true),
                new ControlRequest.Approve("p-7", false),
                new ControlRequest.Deny("p-7", "not on main"),
                new ControlRequest.Verb(List.of("ps"), "/repo"));
    }

    @ParameterizedTest
    @MethodSource("calls")
    void everyReplyRoundTripsAsTheRecordItsRequestNames(ControlRequest.Call<?> request) {
        ControlResponse.Ok ok = new ControlResponse.Ok(SampleReplies.to(request));
        String wire = codec.encode(ok);
        assertThat(wire).startsWith("{\"v\":1,\"type\":\"ok\",\"body\":{").doesNotContain("\n");
        assertThat(codec.decodeResponse(wire, request.replyType())).isEqualTo(new Decoded.Valid<>(ok));
    }

    @Test
    void errorsAndEventsRoundTrip() {
        ControlResponse.Error error = new ControlResponse.Error(ControlResponse.Error.UNKNOWN_ROLE, "no role \"qa\"");
        assertThat(codec.decodeResponse(codec.encode(error), PsReply.class)).isEqualTo(new Decoded.Valid<>(error));
        assertThat(codec.decodeStreamLine(codec.encode(error)))
                .isEqualTo(new Decoded.Valid<>(new StreamLine.Ended(error)));
        for (TeamEvent event : List.of(
                new TeamEvent.Said("qa", "hi\n\"x\""),
                new TeamEvent.StateChanged("qa", SessionState.BUSY, null),
                new TeamEvent.TurnEnded("qa", Usd.ofDollars(0.1), Usd.ofDollars(0.41), false, null),
                new TeamEvent.TaskChanged("qa", "T1", TaskStatus.IN_PROGRESS, "qa", "Test it"),
                new TeamEvent.Exited("qa", 1, false, List.of("boom")),
                new TeamEvent.PermissionDecided("qa", "Bash(ls)", true, "approved", "p1"))) {
            assertThat(codec.decodeStreamLine(codec.encode(new ServerLine.Event(event))))
                    .isEqualTo(new Decoded.Valid<>(new StreamLine.Event(event)));
        }
    }

    @Test
    void serverLineWireForms() {
        assertThat(codec.encode(new ControlResponse.Ok(Stopping.now())))
                .isEqualTo("{\"v\":1,\"type\":\"ok\",\"body\":{\"stopping\":true}}");
        assertThat(codec.encode(new ControlResponse.Error("unknown_role", "no role \"x\"")))
                .isEqualTo("{\"v\":1,\"type\":\"error\",\"code\":\"unknown_role\",\"message\":\"no role \\\"x\\\"\"}");
        assertThat(codec.encode(new ServerLine.Event(new TeamEvent.Said("qa", "hi"))))
                .isEqualTo(
                        "{\"v\":1,\"type\":\"event\",\"event\":{\"type\":\"said\",\"role\":\"qa\",\"text\":\"hi\"}}");
        assertThat(codec.encode(new ServerLine.Event(
                        new TeamEvent.TurnEnded("qa", Usd.ofDollars(0.1), Usd.ofDollars(0.3), false, null))))
                .as("costs are exact decimals, in the keys the event always had")
                .isEqualTo("{\"v\":1,\"type\":\"event\",\"event\":{\"type\":\"turn\",\"role\":\"qa\","
                        + "\"turnCostUsd\":0.1,\"totalCostUsd\":0.3,\"error\":false}}");
    }

    @Test
    void psKeepsItsSnakeCaseKeysAndLeavesOutWhatARoleDoesNotHave() {
        String wire = codec.encode(new ControlResponse.Ok(SampleReplies.ps()));
        assertThat(wire)
                .contains("\"body\":{\"team\":\"shop\",\"cost_usd\":0.41,\"uptime_s\":75,\"roles\":[")
                .contains("{\"role\":\"lead\",\"lead\":true,\"state\":\"idle\",\"cost_usd\":0.1,\"queued\":0,"
                        + "\"pid\":101,\"session_id\":\"s-lead\",\"permissions\":[]}")
                .contains("\"task\":\"T1\",\"task_title\":\"Test it\"")
                .contains("\"last_tool\":\"Bash(npm test)\"")
                .contains(
                        "\"permissions\":[{\"id\":\"p1\",\"role\":\"qa\",\"tool\":\"Bash\",\"summary\":\"Bash(rm -rf build)\"}]");
    }

    @Test
    void aTaskHasEveryKeyEvenWhenEmpty() {
        TaskView task = new TaskView("T1", "x", "", TaskStatus.TODO, null, List.of(), "lead", List.of(), true);
        assertThat(codec.encode(new ControlResponse.Ok(task)))
                .isEqualTo("{\"v\":1,\"type\":\"ok\",\"body\":{\"id\":\"T1\",\"title\":\"x\",\"details\":\"\","
                        + "\"status\":\"todo\",\"assignee\":null,\"depends_on\":[],\"created_by\":\"lead\",\"notes\":[],"
                        + "\"ready\":true}}");
    }

    @Test
    void okWithoutBodyDecodesToAnEmptyBody() {
        assertThat(codec.decodeResponse("{\"v\":1,\"type\":\"ok\"}", SentMessages.class))
                .isEqualTo(new Decoded.Valid<>(new ControlResponse.Ok(new SentMessages(List.of()))));
    }

    @Test
    void aBodyOfTheWrongShapeIsInvalidNotAnException() {
        assertThat(codec.decodeResponse("{\"v\":1,\"type\":\"ok\",\"body\":{\"roles\":7}}", PsReply.class))
                .isInstanceOf(Decoded.Invalid.class);
        assertThat(codec.decodeResponse("{\"v\":1,\"type\":\"ok\",\"body\":{\"cost_usd\":1e30}}", PsReply.class))
                .isInstanceOf(Decoded.Invalid.class);
        assertThat(codec.decodeResponse(
                        "{\"v\":1,\"type\":\"ok\",\"body\":{\"state\":\"dreaming\"}}", Interrupted.class))
                .isInstanceOf(Decoded.Invalid.class);
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
                // logs are read from .peers/logs by the client; no coordinator ever served this request
                Arguments.of(
                        "{\"v\":1,\"type\":\"logs\",\"role\":\"qa\"}",
                        ControlResponse.Error.UNKNOWN_REQUEST,
                        "\"logs\""),
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
        for (String line : List.of(
                "nope",
                "{\"v\":2,\"type\":\"ok\"}",
                "{\"v\":1,\"type\":\"error\"}",
                "{\"v\":1,\"type\":\"event\"}",
                "{\"v\":1,\"type\":\"gossip\"}")) {
            assertThat(codec.decodeResponse(line, BoardView.class)).as(line).isInstanceOf(Decoded.Invalid.class);
            assertThat(codec.decodeStreamLine(line)).as(line).isInstanceOf(Decoded.Invalid.class);
        }
        assertThat(codec.decodeStreamLine("{\"v\":1,\"type\":\"ok\",\"body\":{}}"))
                .isInstanceOf(Decoded.Invalid.class);
        assertThat(codec.decodeResponse("{\"v\":1,\"type\":\"event\",\"event\":{\"type\":\"said\"}}", BoardView.class))
                .isInstanceOf(Decoded.Invalid.class);
    }

    @Test
    void everyCallNamesItsReply() {
        assertThat(calls().<Class<?>>map(ControlRequest.Call::replyType).toList())
                .containsExactly(
                        CoordinatorInfo.class,
                        TaskView.class,
                        TaskView.class,
                        SentMessages.class,
                        BoardView.class,
                        PsReply.class,
                        Interrupted.class,
                        Stopping.class,
                        Decided.class,
                        Decided.class,
                        Decided.class,
                        VerbOutput.class);
    }
}
