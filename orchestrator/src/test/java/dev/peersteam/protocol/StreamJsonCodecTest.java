package dev.peersteam.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.peersteam.json.Json;
import dev.peersteam.protocol.CliMessage.Assistant;
import dev.peersteam.protocol.CliMessage.ControlCancel;
import dev.peersteam.protocol.CliMessage.ControlRequest;
import dev.peersteam.protocol.CliMessage.ControlResponse;
import dev.peersteam.protocol.CliMessage.Lifecycle;
import dev.peersteam.protocol.CliMessage.Result;
import dev.peersteam.protocol.CliMessage.SystemInit;
import dev.peersteam.testing.Fixture;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class StreamJsonCodecTest {
    private final StreamJsonCodec codec = new StreamJsonCodec();

    static List<String> fixtures() {
        return Fixture.all();
    }

    @ParameterizedTest
    @MethodSource("fixtures")
    void everyRecordedCliLineDecodesToAKnownTypeOrIsKeptAsUnknown(String name) throws Exception {
        for (JsonNode line : Fixture.load(name).fromCli()) {
            Optional<CliMessage> decoded = codec.decode(line.toString());
            assertThat(decoded).as(line.toString()).isPresent();
            String type = line.path("type").asText();
            if (decoded.get() instanceof CliMessage.Unknown unknown) {
                assertThat(type)
                        .as("a type the codec should know")
                        .isNotIn(
                                "control_request",
                                "control_response",
                                "control_cancel_request",
                                "system",
                                "assistant",
                                "user",
                                "result",
                                "command_lifecycle",
                                "keep_alive");
                assertThat(unknown.raw()).isEqualTo(line);
            }
        }
    }

    @Test
    void apiRetriesOnTheAccountsLimitAreTypedWithTheirStatusAndDelay() throws Exception {
        List<CliMessage.ApiRetry> retries = allOf("rate_limit_retry", CliMessage.ApiRetry.class);
        assertThat(retries).hasSize(2);
        assertThat(retries.getFirst().errorStatus()).isEqualTo(429);
        assertThat(retries.getFirst().attempt()).isEqualTo(1);
        assertThat(retries.getFirst().maxRetries()).isEqualTo(10);
        assertThat(retries.getFirst().retryDelayMs())
                .as("the fake's retry-after: 1")
                .isGreaterThanOrEqualTo(1000);
        assertThat(retries).allMatch(CliMessage.ApiRetry::isLimit);
        assertThat(allOf("overloaded_retry", CliMessage.ApiRetry.class))
                .extracting(CliMessage.ApiRetry::errorStatus)
                .containsExactly(529, 529);
        assertThat(allOf("overloaded_retry", CliMessage.Result.class))
                .singleElement()
                .satisfies(result -> assertThat(result.stoppedByApiLimit()).isFalse());
    }

    @Test
    void aTurnWhoseRetriesRanOutIsStoppedByTheApiLimitNotByTheModel() throws Exception {
        List<CliMessage.Result> results = allOf("rate_limit_exhausted", CliMessage.Result.class);
        assertThat(results).hasSize(2);
        assertThat(results.getFirst().isError()).isTrue();
        assertThat(results.getFirst().apiErrorStatus()).isEqualTo(429);
        assertThat(results.getFirst().stoppedByApiLimit()).isTrue();
        assertThat(results.get(1).stoppedByApiLimit())
                .as("the next turn went through")
                .isFalse();
    }

    @Test
    void initFrameCarriesTheSessionIdAndTheSdkServerStatus() throws Exception {
        SystemInit init = firstOf("mcp_sdk_alwaysload", SystemInit.class);
        assertThat(init.sessionId()).isNotBlank();
        assertThat(init.tools()).contains("mcp__peers__send_message");
        assertThat(init.mcpServers()).containsExactly(new CliMessage.McpServerStatus("peers", "connected"));
    }

    @Test
    void mcpMessageRequestsAreTyped() throws Exception {
        ControlRequest request = firstOf("mcp_sdk", ControlRequest.class);
        assertThat(request.request()).isInstanceOfSatisfying(CliRequest.McpMessage.class, mcp -> {
            assertThat(mcp.serverName()).isEqualTo("peers");
            assertThat(mcp.message())
                    .isInstanceOfSatisfying(
                            McpRequest.Initialize.class,
                            init -> assertThat(init.protocolVersion()).isEqualTo("2025-11-25"));
        });
    }

    @Test
    void canUseToolCarriesToolInputAndSuggestions() throws Exception {
        ControlRequest request = firstOf("bash_allow", ControlRequest.class);
        assertThat(request.request()).isInstanceOfSatisfying(CliRequest.CanUseTool.class, ask -> {
            assertThat(ask.toolName()).isEqualTo("Bash");
            assertThat(ask.input().command()).contains("touch");
            assertThat(ask.toolUseId()).startsWith("toolu_");
            assertThat(ask.suggestedRules())
                    .containsExactly(new PermissionRule("Bash", "touch made-by-bash.txt && echo hello-from-bash"));
        });
    }

    @Test
    void cancelAndLifecycleAndErrorResults() throws Exception {
        assertThat(firstOf("cancel", ControlCancel.class).requestId()).isNotBlank();
        List<Lifecycle> lifecycle = all("fold", Lifecycle.class);
        assertThat(lifecycle)
                .extracting(Lifecycle::state)
                .containsExactly(LifecycleState.QUEUED, LifecycleState.STARTED, LifecycleState.COMPLETED);
        assertThat(lifecycle).extracting(Lifecycle::commandUuid).containsOnly("b961f33b-ab4e-431b-96d2-e800cf15e16f");

        Result bad = firstOf("resume_bad", Result.class);
        assertThat(bad.isError()).isTrue();
        assertThat(bad.subtype()).isEqualTo(ResultSubtype.ERROR_DURING_EXECUTION);
        assertThat(bad.sessionNotFound()).isTrue();
        assertThat(bad.errors()).anySatisfy(e -> assertThat(e).contains("No conversation found"));

        Result interrupted = firstOf("interrupt", Result.class);
        assertThat(interrupted.terminalReason()).isEqualTo("aborted_streaming");
    }

    @Test
    void resultsCarryTheRunningCost() throws Exception {
        List<Result> results = all("two_turn", Result.class);
        assertThat(results).hasSize(2);
        assertThat(results.get(1).totalCostUsd())
                .isGreaterThanOrEqualTo(results.get(0).totalCostUsd());
        assertThat(results.get(0).totalCostUsd()).isPositive();
    }

    @Test
    void assistantFramesOfOneMessageShareTheId() throws Exception {
        List<Assistant> frames = all("mcp_sdk_alwaysload", Assistant.class);
        assertThat(frames.get(0).messageId()).isEqualTo(frames.get(1).messageId());
        assertThat(frames.get(1).content()).singleElement().isInstanceOf(ContentBlock.ToolUse.class);
    }

    @Test
    void errorResponsesCarryTheCode() throws Exception {
        ControlResponse error = all("misc_controls", ControlResponse.class).stream()
                .filter(r -> !r.success())
                .findFirst()
                .orElseThrow();
        assertThat(error.error()).isNotBlank();
        assertThat(error.errorCode()).isNotBlank();
    }

    @Test
    void nonJsonLinesAreSkippedAndBrokenJsonIsAnError() throws Exception {
        assertThat(codec.decode("[SandboxDebug] something")).isEmpty();
        assertThat(codec.decode("   ")).isEmpty();
        assertThatThrownBy(() -> codec.decode("{\"type\": \"assist"))
                .isInstanceOf(ProtocolException.class)
                .hasMessageContaining("malformed JSON");
        assertThat(codec.decode("{\"type\":\"brand_new_frame\",\"x\":1}")).get().isInstanceOf(CliMessage.Unknown.class);
    }

    @Test
    void encodesTheShapesTheRealCliAccepted() throws Exception {
        Fixture fold = Fixture.load("fold");
        JsonNode recordedUser = fold.toCli().stream()
                .filter(m -> m.path("uuid").asText().equals("b961f33b-ab4e-431b-96d2-e800cf15e16f"))
                .findFirst()
                .orElseThrow();
        JsonNode ours = Json.MAPPER.readTree(codec.encode(
                new HostMessage.UserMessage("b961f33b-ab4e-431b-96d2-e800cf15e16f", "follow-up during tool")));
        assertThat(ours).isEqualTo(recordedUser);

        JsonNode recordedInit = fold.toCli().getFirst();
        JsonNode init = Json.MAPPER.readTree(codec.encode(new HostMessage.ControlRequest(
                recordedInit.path("request_id").asText(), new HostRequest.Initialize())));
        assertThat(init).isEqualTo(recordedInit);

        JsonNode recordedAllow = Fixture.load("bash_allow").toCli().stream()
                .filter(m -> m.path("type").asText().equals("control_response"))
                .findFirst()
                .orElseThrow();
        JsonNode allow = Json.MAPPER.readTree(codec.encode(new HostMessage.PermissionAllow(
                recordedAllow.path("response").path("request_id").asText(),
                recordedAllow.path("response").path("response").path("updatedInput"),
                List.of())));
        assertThat(allow).isEqualTo(recordedAllow);

        JsonNode error =
                Json.MAPPER.readTree(codec.encode(new HostMessage.ControlError("r1", "host failed to decide")));
        assertThat(error.path("response").path("subtype").asText()).isEqualTo("error");
        assertThat(error.path("response").path("error").asText()).isEqualTo("host failed to decide");
    }

    private <T extends CliMessage> T firstOf(String fixture, Class<T> type) throws ProtocolException {
        return all(fixture, type).getFirst();
    }

    private <T extends CliMessage> List<T> all(String fixture, Class<T> type) throws ProtocolException {
        List<T> out = new java.util.ArrayList<>();
        for (JsonNode line : Fixture.load(fixture).fromCli()) {
            CliMessage message = codec.decode(line);
            if (type.isInstance(message)) {
                out.add(type.cast(message));
            }
        }
        assertThat(out).as(type.getSimpleName() + " in " + fixture).isNotEmpty();
        return out;
    }

    private <T extends CliMessage> List<T> allOf(String fixture, Class<T> type) throws Exception {
        List<T> found = new java.util.ArrayList<>();
        for (JsonNode line : Fixture.load(fixture).fromCli()) {
            codec.decode(line.toString())
                    .filter(type::isInstance)
                    .map(type::cast)
                    .ifPresent(found::add);
        }
        return found;
    }
}
