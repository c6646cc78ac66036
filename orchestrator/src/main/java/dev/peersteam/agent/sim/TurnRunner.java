package dev.peersteam.agent.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.peersteam.json.Json;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs one turn, on the turn thread, writing the frames the real CLI writes: {@code command_lifecycle started} (for
 * each message with a uuid), {@code system/init}, the assistant's blocks and tool results as the role's script says,
 * exactly one {@code result} and the messages' terminal lifecycle states, and keeping the transcript as the real CLI
 * keeps it. A turn answers the messages queued when it starts (merged) and those that arrive while it waits on a
 * tool (folded in at the tool's result). An interrupt ends the turn with the real CLI's aborted frames instead (the
 * messages it took are {@code cancelled}); a crash fault ends the process after the turn's first frame.
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
            Transcript transcript,
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

    /**
     * Runs one turn for {@code batch}: the message the turn thread took and those queued right behind it, merged
     * into one turn as the real CLI merges them (one {@code started} each, one transcript entry under the last one's
     * uuid, one result listing them all). Messages that arrive while the turn waits on a tool are folded into it.
     */
    void run(List<Work.Prompt> batch) {
        Turn turn = new Turn(c.costPerTurn());
        c.current().set(turn);
        long started = System.nanoTime();
        String model = c.settings().model();
        List<String> uuids = uuidsOf(batch);
        AssistantMessages out = new AssistantMessages(c.writer(), c.frames(), model, ids, uuids);
        TakenIn takenIn = new TakenIn(batch);
        try {
            recordPrompt(batch); // taken from the queue now; on disk with the next batch of transcript entries
            for (String uuid : uuids) {
                c.writer().write(c.frames().lifecycle(uuid, "started"));
                crashIfDue();
            }
            for (McpTunnel tunnel : c.tunnels()) {
                tunnel.connect(turn); // a handshake that failed earlier is retried here, as the real CLI does
            }
            c.writer().write(init(model));
            if (uuids.isEmpty()) {
                crashIfDue();
            }
            if (c.faults().hugeLine() > 0 && !hugeLineWritten) {
                hugeLineWritten = true;
                out.text("x".repeat(c.faults().hugeLine()));
            }
            boolean firstTurn = c.ledger().sessionTurns() == 0;
            for (Incoming message = takenIn.next(); message != null; message = takenIn.next()) {
                for (Step step : c.playbook().stepsFor(message, firstTurn)) {
                    turn.checkpoint();
                    perform(step, turn, out, takenIn);
                }
                firstTurn = false;
            }
            turn.checkpoint();
            out.finish(FALLBACK_TEXT);
            finish(turn, uuids, takenIn, out, "completed", "end_turn", out.lastText(), started, model);
        } catch (TurnAborted aborted) {
            if (aborted.reason() == TurnAborted.Cause.EXIT) {
                return; // the process is going: nothing more may be written
            }
            if (aborted.toolUseId() != null) {
                c.tools().interrupted(aborted.toolUseId());
                c.writer().write(c.frames().userText("[Request interrupted by user for tool use]"));
                finish(turn, uuids, takenIn, out, "aborted_tools", "tool_use", null, started, model);
            } else {
                c.writer().write(c.frames().userText("[Request interrupted by user]"));
                finish(turn, uuids, takenIn, out, "aborted_streaming", null, null, started, model);
            }
        } finally {
            c.current().compareAndSet(turn, null);
        }
    }

    /**
     * The messages a turn answers, in order: its batch, then those folded in at a tool result (each
     * {@code started} there, kept as a {@code queued_command} attachment and removed from the queue).
     */
    private final class TakenIn {
        private final List<Incoming> messages = new ArrayList<>();
        private final List<String> folded = new ArrayList<>();
        private int next;

        TakenIn(List<Work.Prompt> batch) {
            batch.forEach(p -> messages.add(p.message()));
        }

        Incoming next() {
            return next < messages.size() ? messages.get(next++) : null;
        }

        /** After a tool result: the real CLI hands the model what was sent meanwhile, with the result. */
        void foldQueued() {
            for (Work.Prompt prompt : c.inbox().takePrompts()) {
                Incoming message = prompt.message();
                if (message.uuid() != null) {
                    c.writer().write(c.frames().lifecycle(message.uuid(), "started"));
                    folded.add(message.uuid());
                }
                c.transcript().queuedCommand(message.uuid(), message.text());
                c.transcript().queueOperation("remove", message.text());
                messages.add(message);
            }
        }
    }

    /** The turn's {@code user} entry; a message whose earlier turn was never answered gets none, as in the CLI. */
    private void recordPrompt(List<Work.Prompt> batch) {
        batch.forEach(p -> c.transcript().queueOperation("dequeue", null));
        if (batch.size() == 1 && batch.getFirst().runAgain()) {
            c.transcript().closeOpenTurn();
            return;
        }
        Incoming last = batch.getLast().message();
        List<String> merged = uuidsOf(batch.subList(0, batch.size() - 1));
        String text =
                String.join("\n", batch.stream().map(p -> p.message().text()).toList());
        c.transcript().prompt(last.uuid(), text, merged, c.settings().permissionMode());
    }

    private static List<String> uuidsOf(List<Work.Prompt> prompts) {
        return prompts.stream()
                .map(p -> p.message().uuid())
                .filter(java.util.Objects::nonNull)
                .toList();
    }

    private void perform(Step step, Turn turn, AssistantMessages out, TakenIn takenIn) throws TurnAborted {
        act(step, turn, out);
        if (!(step instanceof Step.Say
                || step instanceof Step.Sleep
                || step instanceof Step.SleepFromText
                || step instanceof Step.Cost)) {
            takenIn.foldQueued(); // a tool result is where the real CLI takes in what was sent meanwhile
        }
    }

    private void act(Step step, Turn turn, AssistantMessages out) throws TurnAborted {
        switch (step) {
            case Step.Say say -> out.text(say.text());
            case Step.Sleep sleep -> turn.pause(sleep.millis());
            case Step.SleepFromText unexpanded ->
                // the playbook expands every step before it runs; the message is needed to know how long
                throw new IllegalStateException("a from_text sleep runs only after expansion: " + unexpanded);
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

    /**
     * The turn's end, in the real CLI's order: the folded messages' terminal states, the result (naming every message
     * the turn answered), then the batch's. {@code completed} when the turn ended cleanly, else {@code cancelled}.
     */
    private void finish(
            Turn turn,
            List<String> uuids,
            TakenIn takenIn,
            AssistantMessages out,
            String terminalReason,
            String stopReason,
            String resultText,
            long startedNanos,
            String model) {
        BigDecimal cost = turn.cost();
        long tokens = 5L * Math.max(1, out.messageCount());
        boolean error = !terminalReason.equals("completed");
        c.ledger().record(model, tokens, tokens, cost, error);
        List<String> answered = new ArrayList<>(uuids);
        answered.addAll(takenIn.folded);
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
                answered,
                c.inbox().queuedPrompts());
        // Kept before the result goes out: a host that resumes the session right after it sees this turn's cost.
        c.transcript().costState(c.ledger());
        String state = error ? "cancelled" : "completed";
        takenIn.folded.forEach(uuid -> c.writer().write(c.frames().lifecycle(uuid, state)));
        c.writer().write(c.frames().result(report, c.ledger()));
        uuids.forEach(uuid -> c.writer().write(c.frames().lifecycle(uuid, state)));
    }

    /** The crash fault: after N completed turns, die right after the next turn's first frame. */
    private void crashIfDue() {
        Integer after = c.faults().crashAfterTurns();
        if (after != null && c.ledger().processResults() == after) {
            c.err().println("sim-agent: crash_after_turns " + after + ": dying mid-turn");
            c.transcript().abandon(); // a killed process writes nothing more
            c.exit().now(Faults.CRASH_EXIT_CODE);
            throw new AgentHalted("crashed on purpose");
        }
    }
}
