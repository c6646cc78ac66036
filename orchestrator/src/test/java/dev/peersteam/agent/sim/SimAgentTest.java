package dev.peersteam.agent.sim;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.peersteam.agent.sim.SimHost.Line;
import dev.peersteam.protocol.CliMessage;
import dev.peersteam.protocol.CliRequest;
import dev.peersteam.protocol.ContentBlock;
import dev.peersteam.protocol.HostRequest;
import dev.peersteam.protocol.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The simulated agent in-process, driven by a tiny host: turns, team tools, permissions, interrupts, controls. */
class SimAgentTest {
    @TempDir
    Path dir;

    private Path cwd() throws IOException {
        return Files.createDirectories(dir.resolve("project"));
    }

    private Path script(String yaml) throws IOException {
        return Files.writeString(dir.resolve("script.yaml"), yaml);
    }

    private SimHost start(String yaml, String role, String... args) throws IOException {
        return SimHost.start(
                cwd(), SimHost.env(dir, SimAgent.SCRIPT_ENV, script(yaml).toString(), SimAgent.ROLE_ENV, role), args);
    }

    private static final String PEERS = "{\"mcpServers\":{\"peers\":{\"type\":\"sdk\",\"name\":\"peers\"}}}";

    @Test
    void eachTurnStartsWithInitAndEndsWithOneResultWhoseCostRunsUp() throws Exception {
        try (SimHost host = start("cost_per_turn: 0.25", "dev", "--model", "sonnet")) {
            host.request(new HostRequest.Initialize());
            JsonNode init =
                    host.expect("control_response").json().path("response").path("response");
            assertThat(init.path("claude_code_version").asText()).isEqualTo("2.1.328-sim");
            assertThat(init.path("current_permission_mode").asText()).isEqualTo("default");
            assertThat(init.path("pid").asLong()).isPositive();

            for (int turn = 1; turn <= 2; turn++) {
                host.user("hello " + turn);
                List<Line> lines = host.turn();
                assertThat(lines).extracting(Line::kind).containsExactly("system/init", "assistant", "result");
                CliMessage.SystemInit system =
                        (CliMessage.SystemInit) lines.get(0).message();
                assertThat(system.model()).isEqualTo("claude-sonnet-5-5");
                assertThat(system.cwd()).isEqualTo(cwd().toString());
                assertThat(system.tools()).contains("Bash", "Write").noneMatch(t -> t.startsWith("mcp__"));
                CliMessage.Assistant reply = (CliMessage.Assistant) lines.get(1).message();
                assertThat(reply.content()).containsExactly(new ContentBlock.Text("Noted: hello " + turn));
                CliMessage.Result result = (CliMessage.Result) lines.get(2).message();
                assertThat(result.subtype().wire()).isEqualTo("success");
                assertThat(result.isError()).isFalse();
                assertThat(result.result()).isEqualTo("Noted: hello " + turn);
                assertThat(result.numTurns()).isEqualTo(1);
                assertThat(result.totalCostUsd()).isEqualTo(0.25 * turn);
                assertThat(result.sessionId()).isEqualTo(system.sessionId());
                assertThat(lines.get(2).json().path("result_index").asInt()).isEqualTo(turn - 1);
            }
            host.closeStdin();
            assertThat(host.exitCode()).isZero();
        }
    }

    @Test
    void aMessageWithAUuidGetsLifecycleFramesAndIsNamedInItsResult() throws Exception {
        try (SimHost host = start("", "dev")) {
            host.user("with a uuid", "b961f33b-ab4e-431b-96d2-e800cf15e16f");
            List<Line> lines = host.turn();
            assertThat(lines)
                    .extracting(Line::kind)
                    .containsExactly("command_lifecycle", "command_lifecycle", "system/init", "assistant", "result");
            assertThat(lines)
                    .map(Line::message)
                    .filteredOn(CliMessage.Lifecycle.class::isInstance)
                    .map(m -> ((CliMessage.Lifecycle) m).rawState())
                    .containsExactly("queued", "started");
            // As in the real CLI, a turn of its own reports the message completed after its result.
            assertThat(host.expect("command_lifecycle").json().path("state").asText())
                    .isEqualTo("completed");
            assertThat(lines.get(3).json().path("user_message_uuid").asText())
                    .isEqualTo("b961f33b-ab4e-431b-96d2-e800cf15e16f");
            assertThat(((CliMessage.Result) lines.getLast().message()).userMessageUuids())
                    .containsExactly("b961f33b-ab4e-431b-96d2-e800cf15e16f");
        }
    }

    @Test
    void aTeamToolCallWaitsForTheHostWhoseControlRequestsAreStillAnswered() throws Exception {
        String yaml = """
                roles:
                  dev:
                    rules:
                      - on: message
                        do:
                          - say: Telling qa.
                          - send: {to: qa, text: "ready: $text"}
                          - say: Told qa.
                """;
        try (SimHost host = start(yaml, "dev", "--mcp-config", PEERS, "--allowedTools", "mcp__peers__send_message")) {
            host.initializeWithMcp("send_message", "list_peers");
            host.user("[from manager] build it");
            Line init = host.expect("system/init");
            assertThat(((CliMessage.SystemInit) init.message()).tools())
                    .contains("mcp__peers__send_message", "mcp__peers__list_peers");
            assertThat(((CliMessage.SystemInit) init.message()).mcpServers())
                    .containsExactly(new CliMessage.McpServerStatus("peers", "connected"));
            Line text = host.expect("assistant");
            Line use = host.expect("assistant");
            assertThat(use.json().path("message").path("id"))
                    .isEqualTo(text.json().path("message").path("id"));
            ContentBlock.ToolUse toolUse = (ContentBlock.ToolUse)
                    ((CliMessage.Assistant) use.message()).content().get(0);
            assertThat(toolUse.name()).isEqualTo("mcp__peers__send_message");
            assertThat(toolUse.id()).startsWith("toolu_sim_");
            assertThat(toolUse.input().raw().toString()).isEqualTo("{\"to\":\"qa\",\"text\":\"ready: build it\"}");
            Line call = host.expect("control_request/mcp_message tools/call");
            JsonNode params = call.json().path("request").path("message").path("params");
            assertThat(params.path("name").asText()).isEqualTo("send_message");
            assertThat(params.path("_meta").path("claudecode/toolUseId").asText())
                    .isEqualTo(toolUse.id());

            String status = host.request(Json.object().put("subtype", "mcp_status"));
            Line answer = host.expect("control_response");
            assertThat(answer.json().path("response").path("request_id").asText())
                    .as("the turn waits, the reader answers")
                    .isEqualTo(status);
            assertThat(answer.json()
                            .path("response")
                            .path("response")
                            .path("mcpServers")
                            .get(0)
                            .path("status")
                            .asText())
                    .isEqualTo("connected");

            host.answerToolCall(call, "delivered to qa", false);
            List<Line> rest = host.turn();
            assertThat(rest).extracting(Line::kind).containsExactly("user", "assistant", "result");
            assertThat(((CliMessage.User) rest.get(0).message()).content())
                    .containsExactly(new ContentBlock.ToolResult(toolUse.id(), "delivered to qa", false));
            assertThat(rest.get(1).json().path("message").path("id"))
                    .isNotEqualTo(text.json().path("message").path("id"));
            CliMessage.Result result = (CliMessage.Result) rest.get(2).message();
            assertThat(result.numTurns()).isEqualTo(2);
            assertThat(result.result()).isEqualTo("Told qa.");
        }
    }

    @Test
    void aMessageSentWhileATurnWaitsOnAToolIsFoldedIntoThatTurn() throws Exception {
        String yaml = """
                roles:
                  dev:
                    rules:
                      - on: message
                        contains: first
                        do: [{tool: {name: list_peers}}]
                """;
        try (SimHost host = start(yaml, "dev", "--mcp-config", PEERS, "--allowedTools", "mcp__peers")) {
            host.initializeWithMcp("list_peers");
            host.user("first", "u-1");
            Line call = host.untilKind("control_request/mcp_message tools/call").getLast();
            host.user("second", "u-2");
            Line queued = host.expect("command_lifecycle");
            assertThat(queued.json().path("command_uuid").asText()).isEqualTo("u-2");
            assertThat(queued.json().path("state").asText()).isEqualTo("queued");

            // Fixture fold_then_resume: started at the tool result, completed before the result, one result for both.
            host.answerToolCall(call, "dev, qa", false);
            List<Line> rest = host.turn();
            assertThat(rest)
                    .extracting(SimAgentTest::kindAndState)
                    .containsExactly("user", "started u-2", "assistant", "completed u-2", "result");
            assertThat(rest.get(2).json().at("/message/content/0/text").asText())
                    .isEqualTo("Noted: second");
            CliMessage.Result result = (CliMessage.Result) rest.getLast().message();
            assertThat(result.userMessageUuids()).containsExactly("u-1", "u-2");
            assertThat(kindAndState(host.next())).isEqualTo("completed u-1");
            host.closeStdin();
            assertThat(host.rest())
                    .as("no turn of its own for the folded message")
                    .isEmpty();
        }
    }

    @Test
    void messagesQueuedWhileATurnStreamsRunMergedAsTheNextTurn() throws Exception {
        String yaml = """
                roles:
                  dev:
                    rules:
                      - on: message
                        contains: first
                        do: [{sleep: 300}, {say: first done}]
                """;
        try (SimHost host = start(yaml, "dev")) {
            host.user("first", "w-0");
            host.untilKind("system/init");
            host.user("second", "w-1");
            host.user("third", "w-2");
            assertThat(host.turn()).extracting(SimAgentTest::kindAndState).endsWith("result");
            // Fixture queue_merge: one turn for both, each started and completed, one result naming both.
            List<Line> merged = host.until(l -> l.type().equals("result"));
            assertThat(merged)
                    .extracting(SimAgentTest::kindAndState)
                    .containsSubsequence("completed w-0", "started w-1", "started w-2", "system/init", "result");
            assertThat(((CliMessage.Result) merged.getLast().message()).userMessageUuids())
                    .containsExactly("w-1", "w-2");
            assertThat(kindAndState(host.next())).isEqualTo("completed w-1");
            assertThat(kindAndState(host.next())).isEqualTo("completed w-2");
        }
    }

    private static String kindAndState(Line line) {
        return line.type().equals("command_lifecycle")
                ? line.json().path("state").asText() + " "
                        + line.json().path("command_uuid").asText()
                : line.kind();
    }

    @Test
    void anAllowedCommandRunsInTheWorkingDirectory() throws Exception {
        try (SimHost host =
                start(bashScript("echo made > made.txt && echo done"), "dev", "--permission-prompt-tool", "stdio")) {
            host.user("go");
            Line ask = host.untilKind("control_request/can_use_tool").getLast();
            CliRequest.CanUseTool request =
                    (CliRequest.CanUseTool) ((CliMessage.ControlRequest) ask.message()).request();
            assertThat(request.toolName()).isEqualTo("Bash");
            assertThat(request.input().command()).isEqualTo("echo made > made.txt && echo done");
            host.answer(
                    ask,
                    Json.object()
                            .put("behavior", "allow")
                            .set("updatedInput", request.input().raw()));
            List<Line> rest = host.turn();
            assertThat(((CliMessage.User) rest.get(0).message()).content())
                    .containsExactly(new ContentBlock.ToolResult(request.toolUseId(), "done", false));
            assertThat(rest.get(0).json().path("tool_use_result").path("stdout").asText())
                    .isEqualTo("done");
            assertThat(Files.readString(cwd().resolve("made.txt"))).isEqualTo("made\n");
        }
    }

    @Test
    void aDeniedCommandDoesNotRunAndTheTurnGoesOn() throws Exception {
        try (SimHost host = start(bashScript("touch made.txt"), "dev", "--permission-prompt-tool", "stdio")) {
            host.user("go");
            Line ask = host.untilKind("control_request/can_use_tool").getLast();
            host.answer(ask, Json.object().put("behavior", "deny").put("message", "host says no"));
            List<Line> rest = host.turn();
            assertThat(rest).extracting(Line::kind).containsExactly("user", "assistant", "result");
            ContentBlock.ToolResult denied = (ContentBlock.ToolResult)
                    ((CliMessage.User) rest.get(0).message()).content().get(0);
            assertThat(denied.content()).isEqualTo("host says no");
            assertThat(denied.isError()).isTrue();
            CliMessage.Result result = (CliMessage.Result) rest.get(2).message();
            assertThat(result.isError()).isFalse();
            assertThat(rest.get(2)
                            .json()
                            .path("permission_denials")
                            .get(0)
                            .path("tool_name")
                            .asText())
                    .isEqualTo("Bash");
            assertThat(cwd().resolve("made.txt")).doesNotExist();
            host.closeStdin();
            assertThat(host.exitCode()).isZero();
        }
    }

    @Test
    void aDenialWithInterruptAbortsTheTurnAndTheExitCodeSaysSo() throws Exception {
        try (SimHost host = start(bashScript("touch made.txt"), "dev", "--permission-prompt-tool", "stdio")) {
            host.user("go");
            Line ask = host.untilKind("control_request/can_use_tool").getLast();
            host.answer(
                    ask,
                    Json.object().put("behavior", "deny").put("message", "stop").put("interrupt", true));
            List<Line> rest = host.turn();
            assertThat(rest).extracting(Line::kind).containsExactly("user", "user", "result");
            assertThat(((CliMessage.User) rest.get(1).message()).content())
                    .containsExactly(new ContentBlock.Text("[Request interrupted by user for tool use]"));
            CliMessage.Result result = (CliMessage.Result) rest.get(2).message();
            assertThat(result.subtype().wire()).isEqualTo("error_during_execution");
            assertThat(result.terminalReason()).isEqualTo("aborted_tools");
            assertThat(cwd().resolve("made.txt")).doesNotExist();
            host.closeStdin();
            assertThat(host.exitCode()).isEqualTo(1);
        }
    }

    @Test
    void allowRulesAndAcceptEditsSettleCallsWithoutAsking() throws Exception {
        String yaml = """
                roles:
                  dev:
                    rules:
                      - on: message
                        do:
                          - bash: echo free
                          - write: {path: src/a.txt, content: "A\\n"}
                          - bash: rm -f nothing
                """;
        try (SimHost host = start(
                yaml,
                "dev",
                "--permission-prompt-tool",
                "stdio",
                "--permission-mode",
                "acceptEdits",
                "--allowedTools",
                "Read,Bash(echo *)")) {
            host.user("go");
            List<Line> lines = host.untilKind("control_request/can_use_tool");
            assertThat(lines)
                    .extracting(Line::kind)
                    .containsExactly(
                            "system/init",
                            "assistant",
                            "user",
                            "assistant",
                            "user",
                            "assistant",
                            "control_request/can_use_tool");
            assertThat(lines.getLast()
                            .json()
                            .path("request")
                            .path("input")
                            .path("command")
                            .asText())
                    .isEqualTo("rm -f nothing");
            assertThat(lines.get(4)
                            .json()
                            .path("tool_result_meta")
                            .get(0)
                            .path("permission_decision")
                            .path("reason_type")
                            .asText())
                    .isEqualTo("mode");
            assertThat(Files.readString(cwd().resolve("src/a.txt"))).isEqualTo("A\n");
            host.answer(lines.getLast(), Json.object().put("behavior", "allow"));
            assertThat(host.turn().getLast().message()).isInstanceOf(CliMessage.Result.class);
        }
    }

    @Test
    void withoutAPermissionPromptToolAnUnallowedCallIsDeniedWithoutAsking() throws Exception {
        try (SimHost host = start(bashScript("touch made.txt"), "dev")) {
            host.user("go");
            List<Line> lines = host.turn();
            assertThat(lines)
                    .extracting(Line::kind)
                    .containsExactly(
                            "system/init", "assistant", "system/permission_denied", "user", "assistant", "result");
            assertThat(cwd().resolve("made.txt")).doesNotExist();
        }
    }

    @Test
    void anInterruptAbortsTheRunningTurnAndTheAgentGoesOn() throws Exception {
        String yaml = """
                roles:
                  dev:
                    rules:
                      - on: message
                        contains: long
                        do: [{say: working}, {sleep: 60000}, {say: never}]
                """;
        try (SimHost host = start(yaml, "dev")) {
            host.user("a long job");
            host.expect("system/init");
            host.expect("assistant");
            String interrupt = host.request(new HostRequest.Interrupt());
            Line answer = host.expect("control_response");
            assertThat(answer.json().path("response").path("request_id").asText())
                    .isEqualTo(interrupt);
            assertThat(answer.json().path("response").path("response").toString())
                    .isEqualTo("{\"still_queued\":[]}");
            Line marker = host.expect("user");
            assertThat(((CliMessage.User) marker.message()).content())
                    .containsExactly(new ContentBlock.Text("[Request interrupted by user]"));
            CliMessage.Result aborted =
                    (CliMessage.Result) host.expect("result").message();
            assertThat(aborted.isError()).isTrue();
            assertThat(aborted.subtype().wire()).isEqualTo("error_during_execution");
            assertThat(aborted.terminalReason()).isEqualTo("aborted_streaming");

            host.user("again");
            CliMessage.Result next = (CliMessage.Result) host.turn().getLast().message();
            assertThat(next.isError()).isFalse();
            host.request(new HostRequest.Interrupt()); // while idle: answered all the same
            assertThat(host.expect("control_response")
                            .json()
                            .path("response")
                            .path("subtype")
                            .asText())
                    .isEqualTo("success");
            host.closeStdin();
            assertThat(host.exitCode()).isZero();
        }
    }

    @Test
    void controlRequestsAreAnsweredLikeTheRealCli() throws Exception {
        try (SimHost host = start("", "dev")) {
            host.request(new HostRequest.SetModel("haiku"));
            assertThat(host.expect("control_response")
                            .json()
                            .path("response")
                            .path("response")
                            .toString())
                    .isEqualTo("{\"model\":\"claude-haiku-5-5\"}");
            host.request(new HostRequest.SetPermissionMode("acceptEdits"));
            assertThat(host.expect("control_response")
                            .json()
                            .path("response")
                            .path("response")
                            .toString())
                    .isEqualTo("{\"mode\":\"acceptEdits\"}");
            assertThat(host.expect("system/status")
                            .json()
                            .path("permissionMode")
                            .asText())
                    .isEqualTo("acceptEdits");
            host.request(new HostRequest.SetPermissionMode("bogus"));
            CliMessage.ControlResponse invalid =
                    (CliMessage.ControlResponse) host.expect("control_response").message();
            assertThat(invalid.success()).isFalse();
            assertThat(invalid.errorCode()).isEqualTo("invalid_mode");
            host.sendRaw("{\"type\":\"keep_alive\"}");
            host.request(Json.object().put("subtype", "no_such_thing"));
            CliMessage.ControlResponse unsupported =
                    (CliMessage.ControlResponse) host.expect("control_response").message();
            assertThat(unsupported.error()).isEqualTo("Unsupported control request subtype: no_such_thing");
            assertThat(unsupported.errorCode()).isEqualTo("unsupported_request");

            host.user("hi");
            CliMessage.SystemInit init =
                    (CliMessage.SystemInit) host.expect("system/init").message();
            assertThat(init.model()).isEqualTo("claude-haiku-5-5");
            assertThat(init.permissionMode()).isEqualTo("acceptEdits");
        }
    }

    @Test
    void aLineThatIsNotJsonIsFatal() throws Exception {
        try (SimHost host = start("", "dev")) {
            host.sendRaw("this is not json");
            assertThat(host.exitCode()).isEqualTo(1);
            assertThat(host.stderr()).contains("Error parsing streaming input line: this is not json");
            assertThat(host.rest()).isEmpty();
        }
    }

    @Test
    void theEndOfInputLetsTheTurnFinishEvenIfItWaitsForTheHost() throws Exception {
        String yaml = """
                roles:
                  dev:
                    rules:
                      - on: message
                        do: [{send: {to: qa, text: hi}}]
                """;
        try (SimHost host = start(yaml, "dev", "--mcp-config", PEERS, "--allowedTools", "mcp__peers__send_message")) {
            host.initializeWithMcp("send_message");
            host.user("go");
            host.untilKind("control_request/mcp_message tools/call");
            host.closeStdin();
            List<Line> rest = host.turn();
            ContentBlock.ToolResult failed = (ContentBlock.ToolResult)
                    ((CliMessage.User) rest.get(0).message()).content().get(0);
            assertThat(failed.isError()).isTrue();
            assertThat(failed.content()).contains("stdin is closed");
            assertThat(((CliMessage.Result) rest.getLast().message()).isError()).isFalse();
            assertThat(host.exitCode()).isZero();
            assertThat(host.rest()).isEmpty();
        }
    }

    @Test
    void aTaskMessageDrivesTeamToolsWithItsTaskId() throws Exception {
        String yaml = """
                roles:
                  backend:
                    rules:
                      - on: task
                        from: coordinator
                        do:
                          - tool: {name: update_task, input: {id: $task, status: in_progress}}
                          - say: On $task.
                """;
        try (SimHost host = start(yaml, "backend", "--mcp-config", PEERS, "--allowedTools", "mcp__peers")) {
            host.initializeWithMcp("update_task");
            host.user("[from coordinator] T3: build GET /items");
            Line call = host.untilKind("control_request/mcp_message tools/call").getLast();
            assertThat(call.json()
                            .path("request")
                            .path("message")
                            .path("params")
                            .path("arguments")
                            .toString())
                    .isEqualTo("{\"id\":\"T3\",\"status\":\"in_progress\"}");
            host.answerToolCall(call, "T3 is in_progress", false);
            assertThat(((CliMessage.Result) host.turn().getLast().message()).result())
                    .isEqualTo("On T3.");
        }
    }

    @Test
    void writeAndCommitReallyChangeTheWorktree() throws Exception {
        Path repo = cwd();
        git(repo, "init", "-q", "-b", "main");
        String yaml = """
                roles:
                  dev:
                    rules:
                      - on: message
                        do:
                          - write: {path: api/items.txt, content: "GET /items\\n"}
                          - commit: "dev: it's $task"
                """;
        try (SimHost host = start(yaml, "dev", "--allowedTools", "Write,Bash")) {
            host.user("do T9");
            CliMessage.Result result = (CliMessage.Result) host.turn().getLast().message();
            assertThat(result.numTurns()).isEqualTo(3);
        }
        assertThat(Files.readString(repo.resolve("api/items.txt"))).isEqualTo("GET /items\n");
        assertThat(git(repo, "log", "--format=%s")).isEqualTo("dev: it's T9\n");
    }

    @Test
    void theRoleComesFromTheAppendedPromptWhenTheEnvironmentHasNone() throws Exception {
        String yaml = """
                roles:
                  qa:
                    rules:
                      - on: message
                        do: [{say: "I am $role"}]
                """;
        try (SimHost host = SimHost.start(
                cwd(),
                SimHost.env(dir, SimAgent.SCRIPT_ENV, script(yaml).toString()),
                "--append-system-prompt",
                "You are the role \"qa\" in team \"shop\".\nYour teammates: dev.")) {
            host.user("who?");
            assertThat(((CliMessage.Result) host.turn().getLast().message()).result())
                    .isEqualTo("I am qa");
        }
    }

    @Test
    void badCommandLinesAndScriptsFailAtOnce() throws Exception {
        assertFailsWith(
                List.of("--output-format", "stream-json", "--input-format", "stream-json"), "requires --verbose");
        assertFailsWith(
                List.of("--output-format", "stream-json", "--verbose", "--input-format", "stream-json", "--frobnicate"),
                "unknown option '--frobnicate'");
        assertFailsWith(
                List.of(
                        "--output-format",
                        "stream-json",
                        "--verbose",
                        "--input-format",
                        "stream-json",
                        "--session-id=not-a-uuid"),
                "Invalid session ID");
        assertFailsWith(
                List.of(
                        "--output-format",
                        "stream-json",
                        "--verbose",
                        "--input-format",
                        "stream-json",
                        "--script",
                        script("roles: {a: {rules: [{on: sometimes}]}}").toString()),
                "script.yaml:1:");
    }

    private void assertFailsWith(List<String> args, String message) throws IOException {
        try (SimHost host = SimHost.startExactly(cwd(), SimHost.env(dir), args)) {
            assertThat(host.exitCode()).isEqualTo(1);
            assertThat(host.stderr()).contains(message);
            assertThat(host.rest()).isEmpty();
        }
    }

    private static String bashScript(String command) {
        return """
                roles:
                  dev:
                    rules:
                      - on: message
                        do:
                          - bash: '%s'
                          - say: ran it
                """.formatted(command.replace("'", "''"));
    }

    private String git(Path repo, String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("git", "-C", repo.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(SimHost.env(dir));
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as(out).isZero();
        return out;
    }
}
