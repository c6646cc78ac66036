package dev.peersteam.control;

import dev.peersteam.text.OneLine;
import dev.peersteam.text.TerminalText;
import java.util.Locale;

/**
 * How a person reads a team event: one line, the role first. The live log of {@code up} prints it with the time, the
 * console with the time and its own colours; kept here, beside {@link TeamEvent}, so every client shows the same line
 * without depending on another client.
 */
public final class EventLine {
    private static final int MAX_TEXT = 200;

    private EventLine() {}

    /**
     * The line for an event, safe to print ({@link TerminalText#line}: what models, files and git put into it shows as
     * escapes), or null for events that are too chatty for this verbosity.
     */
    public static String format(TeamEvent event, boolean verbose) {
        String line = text(event, verbose);
        return line == null ? null : TerminalText.line(line);
    }

    private static String text(TeamEvent event, boolean verbose) {
        String body = body(event, verbose);
        return body == null
                ? null
                : String.format(Locale.ROOT, "%-10s", event.role() == null ? "team" : event.role()) + " " + body;
    }

    /**
     * The line without the role in front ({@code uses Write(...)}, {@code -> qa: ...}), not made safe for a terminal:
     * for clients that show the role apart and make the text safe their own way (the web dashboard escapes control
     * and bidi characters, then sets it as a text node). Null for events that are too chatty for this verbosity.
     */
    public static String body(TeamEvent event, boolean verbose) {
        return switch (event) {
            case TeamEvent.StateChanged e ->
                "is " + e.state().label() + (e.detail() == null ? "" : " (" + e.detail() + ")");
            case TeamEvent.MessagePosted e -> e.to().equals("human") ? null : "-> " + e.to() + ": " + oneLine(e.text());
            case TeamEvent.MessageDelivered e -> verbose ? "took message " + e.id() : null;
            case TeamEvent.ToHuman e -> "-> you: " + oneLine(e.text());
            case TeamEvent.Said e -> "says: " + oneLine(e.text());
            case TeamEvent.ToolUsed e -> "uses " + e.summary();
            case TeamEvent.PermissionAsked e ->
                "ASKS to use " + e.summary() + " -- approve " + e.id() + " / deny " + e.id() + " [reason]";
            // every decision on a call the CLI asked about is shown, allowed or not, with its reason
            case TeamEvent.PermissionDecided e ->
                (e.allowed() ? "may use " : "was denied ")
                        + e.summary()
                        + (e.reason() == null || e.reason().isBlank() ? "" : " (" + shortened(e.reason()) + ")");
            case TeamEvent.TurnEnded e ->
                (e.error() ? "turn failed" : "turn done")
                        + " " + e.turnCostUsd().text() + " (total "
                        + e.totalCostUsd().text() + ")"
                        + (e.detail() == null ? "" : ": " + oneLine(e.detail()));
            case TeamEvent.Exited e ->
                (e.expected() ? "exited" : "CRASHED") + " with code " + e.exitCode()
                        + (e.expected() || e.stderrTail().isEmpty()
                                ? ""
                                : "; stderr: " + oneLine(String.join(" | ", e.stderrTail())));
            case TeamEvent.Warning e -> "! " + OneLine.of(e.text());
            case TeamEvent.BudgetReached e -> null; // the warning that stops the role or the team says it
            case TeamEvent.ApiRetry e ->
                String.format(
                        Locale.ROOT,
                        "API refused a request (%s%s): the CLI retries in %.1f s (attempt %d of %d)",
                        e.status() == 0 ? "no answer" : e.status(),
                        e.error() == null || e.error().isBlank() ? "" : " " + oneLine(e.error()),
                        e.retryInMs() / 1000.0,
                        e.attempt(),
                        e.maxRetries());
            case TeamEvent.Paced e ->
                e.paused()
                        ? "! new turns wait until " + clockTime(e.untilEpochMs()) + ": " + oneLine(e.reason())
                                + " (running turns go on; messages wait, none is lost)"
                        : "new turns start again (" + oneLine(e.reason()) + ": over)";
            case TeamEvent.Settled e ->
                "! "
                        + switch (e.outcome()) {
                            case TeamEvent.Settled.DONE -> "the board is done";
                            case TeamEvent.Settled.STUCK -> "the team is stuck: everyone is idle and tasks are open";
                            default -> "everyone is idle and a task failed";
                        }
                        + " (" + e.summary() + ")";
            case TeamEvent.TaskChanged e ->
                "board: " + e.id() + " " + e.status() + (e.assignee() == null ? "" : " @" + e.assignee()) + " \""
                        + oneLine(e.title()) + "\"";
        };
    }

    /** A moment as the local time of day, e.g. {@code 14:05:09}. */
    public static String clockTime(long epochMs) {
        return java.time.LocalTime.ofInstant(java.time.Instant.ofEpochMilli(epochMs), java.time.ZoneId.systemDefault())
                .withNano(0)
                .toString();
    }

    /** A decision's reason in at most about a line: the model's full message is in the role's log. */
    private static String shortened(String reason) {
        String flat = reason.strip().replaceAll("\\s+", " ");
        return flat.length() <= 160 ? flat : flat.substring(0, 157) + "...";
    }

    private static String oneLine(String text) {
        return OneLine.of(text, MAX_TEXT);
    }
}
