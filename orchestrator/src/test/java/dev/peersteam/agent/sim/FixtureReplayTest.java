package dev.peersteam.agent.sim;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.peersteam.testing.Fixture;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Replays the recorded conversations of the real CLI 2.1.328 against the simulated agent: the agent is started with
 * the recording's argv, gets the recording's host lines (request ids mapped to its own), and must answer with the
 * same sequence of lines, each of the same shape (field names, types, order) as the real CLI's, and exit with the
 * same code. A small script ({@code sim/fixture-model.yaml}) plays the fake model of the recordings.
 *
 * <p>Not replayed here: {@code fold} (a message folded into the running turn: the sim does it, but its script here
 * answers with one more assistant block than the fake model did; {@link CliRecordingReplayTest} replays the
 * recorder's fold scenarios). Not replayed because the sim does not simulate what they record: {@code hooks},
 * {@code partial} (stream events),
 * {@code replay} ({@code --replay-user-messages}), {@code interrupt} (the real CLI also writes the partial
 * assistant message it was streaming), {@code misc_controls} and {@code set_model} (control requests the sim does
 * not support, and a {@code background_tasks_changed} frame).
 */
class FixtureReplayTest {
    static final String RESUMED_SESSION = "753ba294-90c7-445a-9bb8-94fecfcd556e";

    @TempDir
    Path dir;

    static List<String> replayable() {
        return List.of(
                "bash_allow",
                "bash_allow_noinput",
                "bash_always",
                "bash_deny",
                "bash_deny_interrupt",
                "bash_error",
                "bash_noprompt",
                "bash_rewrite",
                "cancel",
                "early_close",
                "mcp_errors",
                "mcp_init_fail",
                "mcp_no_toolsearch",
                "mcp_perm",
                "mcp_sdk",
                "mcp_sdk_alwaysload",
                "mcp_sdk_ts_style",
                "no_init",
                "queue",
                "resume",
                "resume_bad",
                "resume_fork",
                "session_id",
                "two_turn");
    }

    @ParameterizedTest
    @MethodSource("replayable")
    void answersLikeTheRealCli(String name) throws Exception {
        Fixture fixture = Fixture.load(name);
        if (name.equals("resume") || name.equals("resume_fork")) {
            recordSession(RESUMED_SESSION);
        }
        List<SimHost.Line> lines = replay(fixture);
        if (name.equals("resume_bad")) {
            assertThat(lines.getLast().json().path("errors").get(0).asText())
                    .isEqualTo("No conversation found with session ID: 00000000-0000-4000-8000-000000000000");
        }
    }

    @Test
    void resumingContinuesTheSessionAndItsCost() throws Exception {
        recordSession(RESUMED_SESSION);
        List<SimHost.Line> resumed = replay(Fixture.load("resume"));
        JsonNode result = resumed.stream()
                .filter(l -> l.type().equals("result"))
                .findFirst()
                .orElseThrow()
                .json();
        assertThat(result.path("session_id").asText()).isEqualTo(RESUMED_SESSION);
        assertThat(result.path("total_cost_usd").asDouble()).isEqualTo(0.02);

        List<SimHost.Line> forked = replay(Fixture.load("resume_fork"));
        JsonNode forkResult = forked.stream()
                .filter(l -> l.type().equals("result"))
                .findFirst()
                .orElseThrow()
                .json();
        assertThat(forkResult.path("session_id").asText()).isNotEqualTo(RESUMED_SESSION);
        assertThat(forkResult.path("total_cost_usd").asDouble()).isEqualTo(0.03);
    }

    @Test
    void aRewrittenCommandIsTheOneThatRuns() throws Exception {
        List<SimHost.Line> lines = replay(Fixture.load("bash_rewrite"));
        JsonNode toolResult = lines.stream()
                .filter(l -> l.type().equals("user"))
                .findFirst()
                .orElseThrow()
                .json();
        assertThat(toolResult
                        .path("message")
                        .path("content")
                        .get(0)
                        .path("content")
                        .asText())
                .isEqualTo("rewritten-by-host");
    }

    /** Runs the fixture's conversation against a simulated agent; returns the agent's lines. */
    private List<SimHost.Line> replay(Fixture fixture) throws Exception {
        Path cwd = Files.createDirectories(dir.resolve("project"));
        List<String> args = fixture.argv().subList(1, fixture.argv().size());
        Map<String, String> requestIds = new HashMap<>();
        List<SimHost.Line> seen = new java.util.ArrayList<>();
        Integer exitCode = null;
        try (SimHost host = SimHost.startExactly(cwd, env(), args)) {
            int index = 0;
            for (Fixture.Line line : fixture.lines()) {
                index++;
                switch (line.dir()) {
                    case "<" -> {
                        SimHost.Line sim = host.next();
                        seen.add(sim);
                        String where = fixture.name() + " line " + index + " " + SimHost.kindOf(line.msg());
                        assertThat(sim.kind()).as(where + ": " + sim.raw()).isEqualTo(SimHost.kindOf(line.msg()));
                        assertThat(sim.message()).as(where + " decodes").isNotNull();
                        if (line.msg().path("response").path("response").has("commands")) {
                            Shapes.assertSubsetShape(line.msg(), sim.json(), where); // initialize: a plausible subset
                        } else {
                            Shapes.assertSameShape(line.msg(), sim.json(), where);
                        }
                        if (line.type().equals("control_request")) {
                            requestIds.put(line.msg().path("request_id").asText(), sim.requestId());
                        }
                    }
                    case ">" -> {
                        if (line.msg().isTextual()) {
                            assertThat(line.msg().asText()).isEqualTo("<<close stdin>>");
                            host.closeStdin();
                        } else {
                            host.send(withOurRequestIds(line.msg(), requestIds));
                        }
                    }
                    case "exit" -> exitCode = line.msg().asInt();
                    default -> throw new IllegalStateException(line.dir());
                }
            }
            if (exitCode != null) {
                assertThat(host.exitCode()).as("exit code").isEqualTo(exitCode);
                assertThat(host.rest()).as("nothing after the exit").isEmpty();
            } else if (fixture.name().equals("resume_bad")) {
                assertThat(host.exitCode()).isEqualTo(1);
            }
        }
        return seen;
    }

    /** The host's answers name the CLI's request ids; the sim chose its own. */
    private static JsonNode withOurRequestIds(JsonNode line, Map<String, String> ids) {
        if (!line.path("type").asText().equals("control_response")) {
            return line;
        }
        ObjectNode copy = line.deepCopy();
        ObjectNode response = (ObjectNode) copy.get("response");
        String ours = ids.get(response.path("request_id").asText());
        if (ours != null) {
            response.put("request_id", ours);
        }
        return copy;
    }

    /** A finished session with one turn, so that a later {@code --resume} finds it. */
    private void recordSession(String sessionId) throws Exception {
        try (SimHost host = SimHost.start(
                Files.createDirectories(dir.resolve("project")),
                env(),
                "--session-id=" + sessionId,
                "--model",
                "claude-sonnet-4-5")) {
            host.user("hello turn one");
            assertThat(host.turn().getLast().json().path("session_id").asText()).isEqualTo(sessionId);
            host.closeStdin();
            assertThat(host.exitCode()).isZero();
        }
    }

    private Map<String, String> env() throws URISyntaxException {
        Path script = Path.of(
                FixtureReplayTest.class.getResource("/sim/fixture-model.yaml").toURI());
        return SimHost.env(dir, SimAgent.SCRIPT_ENV, script.toString());
    }
}
