package dev.peersteam.transcript;

import dev.peersteam.control.Usd;
import dev.peersteam.permission.PermissionPolicy;
import dev.peersteam.protocol.CliMessage;
import dev.peersteam.protocol.CliRequest;
import dev.peersteam.protocol.ContentBlock;
import dev.peersteam.protocol.MessageMerger;
import dev.peersteam.text.OneLine;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns one role's raw traffic log ({@code .peers/logs/<role>.jsonl}) into a transcript a person can read: what
 * the role was told, what it said, each tool call with the start of its result, permission decisions, and each
 * turn's end with its cost. Fed one log record at a time, so it serves both {@code logs} and {@code logs -f}.
 */
public final class Transcript {
    private static final int MAX_RESULT = 300;

    private final String role;
    /** The CLI writes one frame per content block; a message is shown whole, once its last block has arrived. */
    private final MessageMerger merger = new MessageMerger();

    private final Map<String, String> permissionAsks = new HashMap<>();
    private Usd lastTotal = Usd.ZERO;

    public Transcript(String role) {
        this.role = role;
    }

    /** The transcript lines for one line of the traffic log (possibly none). */
    public List<String> accept(TrafficLine line) {
        List<String> out = new ArrayList<>();
        switch (line.content()) {
            case TrafficLine.Prompt prompt -> {
                out.add("");
                out.add("> " + prompt.text());
            }
            case TrafficLine.PermissionAnswer answer -> {
                String asked = permissionAsks.remove(answer.requestId());
                if (asked != null) {
                    out.add("  "
                            + (answer.allowed()
                                    ? "allowed " + asked
                                    : "denied " + asked + ": " + oneLine(answer.message(), MAX_RESULT)));
                }
            }
            case TrafficLine.Interrupt interrupt -> out.add("  (interrupted by peers-team)");
            case TrafficLine.FromCli fromCli -> fromCli(fromCli.message(), out);
            case TrafficLine.Unreadable unreadable -> out.add("  (unreadable frame: " + unreadable.why() + ")");
            case TrafficLine.Stderr stderr -> out.add("  (stderr) " + stderr.text());
            case TrafficLine.Other other -> {}
        }
        return out;
    }

    /** Shows the message in progress, if any; for the end of a log that is still being written. */
    public List<String> flush() {
        List<String> out = new ArrayList<>();
        merger.flush().ifPresent(message -> show(message, out));
        return out;
    }

    private void fromCli(CliMessage message, List<String> out) {
        merger.accept(message).ifPresent(done -> show(done, out));
        switch (message) {
            case CliMessage.User user
            when user.parentToolUseId() == null -> {
                for (ContentBlock block : user.content()) {
                    if (block instanceof ContentBlock.ToolResult result) {
                        out.add("  " + (result.isError() ? "error: " : "-> ") + oneLine(result.content(), MAX_RESULT));
                    }
                }
            }
            case CliMessage.ControlRequest(String id, CliRequest.CanUseTool ask) ->
                permissionAsks.put(id, PermissionPolicy.describe(ask.toolName(), ask.input()));
            case CliMessage.Result result -> {
                Usd total = Usd.ofDollars(result.totalCostUsd());
                Usd turnCost = total.compareTo(lastTotal) > 0 ? total.minus(lastTotal) : Usd.ZERO;
                lastTotal = total.compareTo(lastTotal) > 0 ? total : lastTotal;
                String how = result.isError()
                        ? "turn failed ("
                                + (result.errors().isEmpty() ? result.subtype() : String.join("; ", result.errors()))
                                + ")"
                        : "turn done";
                out.add(String.format(
                        Locale.ROOT,
                        "-- %s: %s (session %s), %d model call%s --",
                        how,
                        turnCost.text(),
                        total.text(),
                        result.numTurns(),
                        result.numTurns() == 1 ? "" : "s"));
            }
            default -> {}
        }
    }

    private void show(MessageMerger.AssistantMessage message, List<String> out) {
        for (ContentBlock block : message.content()) {
            switch (block) {
                case ContentBlock.Text(String text)
                when !text.isBlank() -> out.add(role + ": " + text.strip().replace("\n", "\n  "));
                case ContentBlock.ToolUse use -> out.add(role + " uses " + toolCall(use));
                default -> {}
            }
        }
        if (message.aborted()) {
            out.add("  (the message was cut short)");
        }
    }

    private static String toolCall(ContentBlock.ToolUse use) {
        if (use.name().startsWith(PermissionPolicy.TEAM_TOOL_PREFIX)) {
            return use.name().substring(PermissionPolicy.TEAM_TOOL_PREFIX.length()) + " "
                    + oneLine(use.input().raw().toString(), MAX_RESULT);
        }
        return PermissionPolicy.describe(use.name(), use.input());
    }

    static String oneLine(String text, int max) {
        return OneLine.of(text, max);
    }
}
