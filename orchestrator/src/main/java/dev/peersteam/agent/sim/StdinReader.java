package dev.peersteam.agent.sim;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.peersteam.json.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * Reads the host's lines from stdin on a thread of its own, so that answers from the host reach a turn that waits
 * for them and control requests are answered while a turn runs. Like the real CLI, a line that is not JSON is fatal
 * (an error on stderr, exit code 1), and the end of input lets the turns already received finish before the exit.
 */
final class StdinReader implements Runnable {
    private final InputStream in;
    private final PrintStream err;
    private final FrameWriter writer;
    private final Frames frames;
    private final HostControls controls;
    private final HostRequests host;
    private final Inbox inbox;
    private final Exit exit;
    private final Intake intake;
    private final Transcript transcript;

    StdinReader(
            InputStream in,
            PrintStream err,
            FrameWriter writer,
            Frames frames,
            HostControls controls,
            HostRequests host,
            Inbox inbox,
            Exit exit,
            Intake intake,
            Transcript transcript) {
        this.in = in;
        this.err = err;
        this.writer = writer;
        this.frames = frames;
        this.controls = controls;
        this.host = host;
        this.inbox = inbox;
        this.exit = exit;
        this.intake = intake;
        this.transcript = transcript;
    }

    @Override
    public void run() {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16)) {
            String line;
            while ((line = lines.readLine()) != null && !exit.decided()) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode node;
                try {
                    node = Json.MAPPER.readTree(line);
                } catch (JsonProcessingException e) {
                    fatal(line, e.getOriginalMessage());
                    return;
                }
                if (node == null || !node.isObject()) {
                    fatal(line, "expected a JSON object");
                    return;
                }
                dispatch(node);
            }
        } catch (IOException e) {
            // stdin broke: the same as its end
        } catch (AgentHalted e) {
            exit.now(1);
            return;
        }
        host.close("stdin is closed: the host can no longer answer");
        inbox.add(new Work.EndOfInput());
    }

    private void dispatch(JsonNode node) {
        switch (node.path("type").asText("")) {
            case "user" -> {
                JsonNode uuid = node.get("uuid");
                Incoming message = Incoming.of(
                        uuid == null || uuid.isNull() ? null : uuid.asText(),
                        node.path("message").path("content"));
                switch (intake.admit(message.uuid())) {
                    case DROP -> {} // this process has seen it: the real CLI says nothing
                    case KNOWN -> writer.write(frames.lifecycle(message.uuid(), "completed"));
                    case RUN -> queue(message, false);
                    case RUN_AGAIN -> queue(message, true);
                }
            }
            case "control_request" -> controls.handle(node.path("request_id").asText(""), node.path("request"));
            case "control_response" -> {
                JsonNode response = node.path("response");
                host.answered(
                        response.path("request_id").asText(""),
                        response.path("subtype").asText().equals("success")
                                ? new HostAnswer.Success(response.path("response"))
                                : new HostAnswer.Failure(response.path("error").asText("error")));
            }
            case "control_cancel_request" ->
                controls.cancelled(node.path("request_id").asText(""));
            default -> {} // keep_alive, and types this version does not know: ignored, as the real CLI does
        }
    }

    private void queue(Incoming message, boolean runAgain) {
        if (message.uuid() != null) {
            writer.write(frames.lifecycle(message.uuid(), "queued")); // at once, even while a turn runs
        }
        transcript.queueOperation("enqueue", message.text());
        inbox.add(new Work.Prompt(message, runAgain));
    }

    private void fatal(String line, String problem) {
        String shown = line.length() > 200 ? line.substring(0, 200) + "…" : line;
        err.println("Error parsing streaming input line: " + shown + ": SyntaxError: " + problem);
        err.flush();
        exit.now(1);
    }
}
