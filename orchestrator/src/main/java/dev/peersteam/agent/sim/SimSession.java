package dev.peersteam.agent.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.peersteam.agent.sim.BehaviourScript.Behaviour;
import dev.peersteam.json.Json;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One running simulated agent: wires the parts and runs its two threads. The stdin reader turns lines into work
 * and answers what needs no waiting; the turn thread takes the work in order ({@code initialize} with its MCP
 * handshake, then one turn per user message) and decides the normal exit at the end of input.
 */
final class SimSession {
    private final FrameWriter writer;
    private final Frames frames;
    private final Exit exit;
    private final Inbox inbox = new Inbox();
    private final AtomicReference<Turn> current = new AtomicReference<>();
    private final List<McpTunnel> tunnels = new CopyOnWriteArrayList<>();
    private final LiveSettings settings;
    private final HostRequests host;
    private final HostControls controls;
    private final Ledger ledger;
    private final Transcript transcript;
    private final TurnRunner turns;
    private final StdinReader reader;
    private final PrintStream err;

    /** Everything a session is made from. */
    record Setup(
            InputStream in,
            OutputStream out,
            PrintStream err,
            Map<String, String> env,
            Path cwd,
            Path configDir,
            SimOptions options,
            Behaviour behaviour,
            Faults faults,
            BigDecimal costPerTurn,
            TranscriptHistory history) {}

    SimSession(Setup setup) {
        this.err = setup.err();
        writer = new FrameWriter(setup.out(), setup.faults());
        exit = new Exit(writer);
        String sessionId = setup.history().session().sessionId();
        frames = new Frames(sessionId, setup.cwd(), setup.configDir());
        transcript = new Transcript(
                Transcript.file(setup.configDir(), setup.cwd(), sessionId),
                sessionId,
                setup.cwd(),
                setup.history().lastUuid(),
                setup.history().endsUnanswered(),
                setup.err());
        writer.transcript(transcript);
        settings = new LiveSettings(
                SimCatalog.resolveModel(setup.options().model()),
                setup.options().permissionMode());
        host = new HostRequests(writer, frames);
        setup.options().sdkMcpServers().forEach(name -> tunnels.add(new McpTunnel(name, host)));
        controls = new HostControls(writer, frames, settings, tunnels, host, inbox, current, transcript);
        ledger = new Ledger(setup.history().session());
        PermissionGate gate = new PermissionGate(
                setup.options().allowedTools(), setup.options().permissionPromptStdio(), setup.cwd(), settings, host);
        ToolCalls tools = new ToolCalls(writer, frames, gate, tunnels, new LocalTools(setup.cwd(), setup.env()));
        turns = new TurnRunner(new TurnRunner.Context(
                writer,
                frames,
                settings,
                tunnels,
                tools,
                new Playbook(setup.behaviour()),
                ledger,
                transcript,
                exit,
                setup.faults(),
                setup.costPerTurn(),
                inbox,
                current,
                setup.cwd(),
                setup.err()));
        reader = new StdinReader(
                setup.in(),
                setup.err(),
                writer,
                frames,
                controls,
                host,
                inbox,
                exit,
                new Intake(setup.history()),
                transcript);
        exit.onExit(() -> {
            Turn turn = current.get();
            if (turn != null) {
                turn.abort(TurnAborted.Cause.EXIT);
            }
            host.close("the agent is exiting");
            inbox.stopNow();
        });
    }

    /** Runs until the agent exits; returns its exit code. What the transcript still holds is written first. */
    int run() {
        Thread.ofVirtual().name("sim-stdin").start(reader);
        Thread.ofVirtual().name("sim-turns").start(this::takeWork);
        int code = exit.await();
        if (code != Faults.CRASH_EXIT_CODE) {
            transcript.flush();
        }
        return code;
    }

    private void takeWork() {
        try {
            while (true) {
                switch (inbox.take()) {
                    case Work.Initialize init -> initialize(init.requestId(), init.request());
                    case Work.Prompt prompt -> turns.run(merged(prompt));
                    case Work.EndSession end -> {
                        for (Work.Prompt waiting : inbox.dropPrompts()) {
                            transcript.queueOperation("dequeue", null);
                            if (waiting.message().uuid() != null) {
                                writer.write(frames.lifecycle(waiting.message().uuid(), "discarded"));
                            }
                        }
                        exit.now(ledger.lastResultWasError() ? 1 : 0);
                        return;
                    }
                    case Work.EndOfInput end -> {
                        // Like the real CLI: 1 when the last result was an error, else 0.
                        exit.now(ledger.lastResultWasError() ? 1 : 0);
                        return;
                    }
                    case Work.Stop stop -> {
                        return;
                    }
                }
            }
        } catch (AgentHalted e) {
            exit.now(1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            exit.now(1);
        } catch (RuntimeException e) {
            err.println("sim-agent: internal error: " + e);
            e.printStackTrace(err);
            exit.now(1);
        }
    }

    /** The message taken and those queued right behind it: the real CLI answers them in one turn. */
    private List<Work.Prompt> merged(Work.Prompt first) {
        List<Work.Prompt> batch = new ArrayList<>();
        batch.add(first);
        batch.addAll(inbox.takePrompts());
        return batch;
    }

    /**
     * The real CLI's order (fixture {@code mcp_sdk}): each SDK server's MCP {@code initialize} first, then the answer
     * to the host, then {@code notifications/initialized} and {@code tools/list}. Servers may also be named in the
     * request ({@code sdkMcpServers}, the TypeScript SDK's way).
     */
    private void initialize(String requestId, JsonNode request) {
        for (JsonNode name : request.path("sdkMcpServers")) {
            if (tunnels.stream().noneMatch(t -> t.server().equals(name.asText()))) {
                tunnels.add(new McpTunnel(name.asText(), host));
            }
        }
        try {
            for (McpTunnel tunnel : tunnels) {
                tunnel.initialize(Waiter.UNTIL_DONE);
            }
            if (!controls.wasCancelled(requestId)) {
                writer.write(frames.initializeSuccess(requestId, initializeResponse()));
            }
            for (McpTunnel tunnel : tunnels) {
                tunnel.finish(Waiter.UNTIL_DONE);
            }
        } catch (TurnAborted e) {
            throw new IllegalStateException("nothing aborts a wait outside a turn", e);
        }
    }

    private ObjectNode initializeResponse() {
        ObjectNode response = Json.object();
        response.set("commands", SimCatalog.commands());
        response.set("agents", SimCatalog.agents());
        response.put("output_style", "default");
        response.putArray("available_output_styles").add("default");
        response.set("models", SimCatalog.models());
        response.putObject("account")
                .put("tokenSource", "none")
                .put("apiKeySource", "none")
                .put("apiProvider", "firstParty");
        response.put("pid", ProcessHandle.current().pid());
        response.put("claude_code_version", SimCatalog.VERSION);
        response.put("current_permission_mode", settings.permissionMode());
        response.put("session_state", current.get() == null ? "idle" : "running");
        response.putArray("capabilities");
        return response;
    }
}
