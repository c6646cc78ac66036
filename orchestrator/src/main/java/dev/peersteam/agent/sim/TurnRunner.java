package dev.peersteam.agent.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.peersteam.protocol.Json;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs one turn for one user message, on the turn thread, writing the frames the real CLI writes:
 * {@code command_lifecycle started} (for a message with a uuid), {@code system/init}, the assistant's blocks and
 * tool results as the role's script says, {@code command_lifecycle completed} and exactly one {@code result}. An
 * interrupt ends the turn with the real CLI's aborted frames instead; a crash fault ends the process after the
 * turn's first frame.
 */
final class TurnRunner {
    static final String FALLBACK_TEXT = "Done.";
    /** The coordinator's team tools server; short tool names in scripts refer to it. */
    static final String DEFAULT_MCP_SERVER = "peers";

    private static final String STEP_DESCRIPTION = "Run a command (simulated agent)";

    /** What a turn needs from the rest of the agent. */
    record Context(
            FrameWriter writer,
            Frames frames,
            LiveSettings settings,
            List<McpTunnel> tunnels,
            ToolCalls tools,
            Playbook playbook,
            Ledger ledger,
            SessionStore store,
            Exit exit,
            Faults faults,
            BigDecimal costPerTurn,
            Inbox inbox,
            AtomicReference<Turn> current,
            Path cwd,
            PrintStream err) {}

    private final Context c;
    private final AssistantMessages.MessageIds ids = new AssistantMessages.MessageIds();
    private boolean hugeLineWritten;

    TurnRunner(Context context) {
        this.c = context;
    }

    void run(Incoming message) {
        Turn turn = new Turn(c.costPerTurn());
        c.current().set(turn);
        long started = System.nanoTime();
        String model = c.settings().model();
        List<String> uuids = message.uuid() == null ? List.of() : List.of(message.uuid());
        AssistantMessages out = new AssistantMessages(c.writer(), c.frames(), model, ids, uuids);
        try {
            if (message.uuid() != null) {
                c.writer().write(c.frames().lifecycle(message.uuid(), "started"));
                crashIfDue();
            }
            for (McpTunnel tunnel : c.tunnels()) {
                tunnel.connect(turn); // a handshake that failed earlier is retried here, as the real CLI does
            }
            c.writer().write(init(model));
            if (message.uuid() == null) {
                crashIfDue();
            }
            if (c.faults().hugeLine() > 0 && !hugeLineWritten) {
                hugeLineWritten = true;
                out.text("x".repeat(c.faults().hugeLine()));
            }
            boolean firstTurn = c.ledger().sessionTurns() == 0;
            for (Step step : c.playbook().stepsFor(message, firstTurn)) {
                turn.checkpoint();
                perform(step, turn, out);
            }
            turn.checkpoint();
            out.finish(FALLBACK_TEXT);
            finish(turn, message, out, "completed", "end_turn", out.lastText(), started, model);
        } catch (TurnAborted aborted) {
            if (aborted.reason() == TurnAborted.Cause.EXIT) {
                return; // the process is going: nothing more may be written
            }
            if (aborted.toolUseId() != null) {
                c.tools().interrupted(aborted.toolUseId());
                c.writer().write(c.frames().userText("[Request interrupted by user for tool use]"));
                finish(turn, message, out, "aborted_tools", "tool_use", null, started, model);
            } else {
                c.writer().write(c.frames().userText("[Request interrupted by user]"));
                finish(turn, message, out, "aborted_streaming", null, null, started, model);
            }
        } finally {
            c.current().compareAndSet(turn, null);
        }
    }

    private void perform(Step step, Turn turn, AssistantMessages out) throws TurnAborted {
        switch (step) {
            case Step.Say say -> out.text(say.text());
            case Step.Sleep sleep -> turn.pause(sleep.millis());
            case Step.Cost usd -> turn.cost(usd.usd());
            case Step.Send send ->
                mcp("send_message", Json.object().put("to", send.to()).put("text", send.text()), turn, out);
            case Step.Tool tool -> mcp(tool.name(), tool.input(), turn, out);
            case Step.Write write ->
                local(
                        "Write",
                        Json.object()
                                .put(
                                        "file_path",
                                        c.cwd()
                                                .resolve(write.path())
                                                .normalize()
                                                .toString())
                                .put("content", write.content()),
                        turn,
                        out);
            case Step.Bash bash ->
                local(
                        "Bash",
                        Json.object().put("command", bash.command()).put("description", STEP_DESCRIPTION),
                        turn,
                        out);
            case Step.Commit commit ->
                local(
                        "Bash",
                        Json.object()
                                .put("command", commit.command())
                                .put("description", "Commit: " + commit.message()),
                        turn,
                        out);
        }
    }

    /** A team tool: {@code name} is the short name ({@code send_message}) or a full {@code mcp__server__tool}. */
    private void mcp(String name, JsonNode input, Turn turn, AssistantMessages out) throws TurnAborted {
        int split = name.startsWith("mcp__") ? name.indexOf("__", 5) : -1;
        String server = split > 5 ? name.substring(5, split) : DEFAULT_MCP_SERVER;
        String tool = split > 5 ? name.substring(split + 2) : name;
        String qualified = "mcp__" + server + "__" + tool;
        boolean offered = c.tunnels().stream().anyMatch(t -> t.server().equals(server) && t.hasTool(tool));
        String id = out.toolUse(qualified, input, server, tool, offered);
        c.tools().run(new PermissionGate.Call(qualified, input, id, server, tool), turn);
    }

    private void local(String tool, JsonNode input, Turn turn, AssistantMessages out) throws TurnAborted {
        String id = out.toolUse(tool, input, null, null, false);
        c.tools().run(new PermissionGate.Call(tool, input, id, null, null), turn);
    }

    private JsonNode init(String model) {
        List<String> tools = new ArrayList<>(SimCatalog.BUILTIN_TOOLS);
        ArrayNode servers = Json.MAPPER.createArrayNode();
        for (McpTunnel tunnel : c.tunnels()) {
            tools.addAll(tunnel.qualifiedTools());
            servers.add(tunnel.statusEntry());
        }
        return c.frames().init(tools, servers, model, c.settings().permissionMode());
    }

    private void finish(
            Turn turn,
            Incoming message,
            AssistantMessages out,
            String terminalReason,
            String stopReason,
            String resultText,
            long startedNanos,
            String model) {
        BigDecimal cost = turn.cost();
        long tokens = 5L * Math.max(1, out.messageCount());
        c.ledger().record(model, tokens, tokens, cost, !terminalReason.equals("completed"));
        TurnReport report = new TurnReport(
                terminalReason,
                stopReason,
                resultText,
                Math.max(1, out.messageCount()),
                (System.nanoTime() - startedNanos) / 1_000_000,
                tokens,
                tokens,
                cost,
                model,
                turn.permissionDenials(),
                message.uuid() == null ? List.of() : List.of(message.uuid()),
                c.inbox().queuedPrompts());
        try {
            // Saved before the result goes out: a host that resumes the session right after it sees this turn.
            c.store().save(c.ledger().snapshot(c.frames().sessionId()));
        } catch (UncheckedIOException e) {
            c.err().println("sim-agent: " + e.getMessage()); // the turn happened; only a later resume is affected
        }
        if (message.uuid() != null) {
            c.writer().write(c.frames().lifecycle(message.uuid(), "completed"));
        }
        c.writer().write(c.frames().result(report, c.ledger()));
    }

    /** The crash fault: after N completed turns, die right after the next turn's first frame. */
    private void crashIfDue() {
        Integer after = c.faults().crashAfterTurns();
        if (after != null && c.ledger().processResults() == after) {
            c.err().println("sim-agent: crash_after_turns " + after + ": dying mid-turn");
            c.exit().now(Faults.CRASH_EXIT_CODE);
            throw new AgentHalted("crashed on purpose");
        }
    }
}
