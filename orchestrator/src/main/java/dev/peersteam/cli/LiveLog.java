package dev.peersteam.cli;

import dev.peersteam.control.TeamEvent;
import dev.peersteam.text.OneLine;
import dev.peersteam.text.TerminalText;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.function.Consumer;

/** The readable live log of {@code up}: one line per event, prefixed with the time and the role. */
public final class LiveLog implements Consumer<TeamEvent> {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");
    private static final int MAX_TEXT = 200;

    private final PrintWriter out;
    private final Clock clock;
    private final boolean verbose;

    public LiveLog(PrintWriter out, Clock clock, boolean verbose) {
        this.out = out;
        this.clock = clock;
        this.verbose = verbose;
    }

    @Override
    public void accept(TeamEvent event) {
        String line = format(event, verbose);
        if (line != null) {
            synchronized (out) {
                out.println(LocalTime.now(clock).format(TIME) + " " + line);
                out.flush();
            }
        }
    }

    /**
     * The line for an event, safe to print ({@link TerminalText#line}: what models, files and git put into it shows as
     * escapes), or null for events that are too chatty for this verbosity.
     */
    public static String format(TeamEvent event, boolean verbose) {
        String line = text(event, verbose);
        return line == null ? null : TerminalText.line(line);
    }

    private static String text(TeamEvent event, boolean verbose) {
        String who = String.format(Locale.ROOT, "%-10s", event.role() == null ? "team" : event.role());
        return switch (event) {
            case TeamEvent.StateChanged e ->
                who + " is " + e.state().label() + (e.detail() == null ? "" : " (" + e.detail() + ")");
            case TeamEvent.MessagePosted e ->
                e.to().equals("human") ? null : who + " -> " + e.to() + ": " + oneLine(e.text());
            case TeamEvent.MessageDelivered e -> verbose ? who + " took message " + e.id() : null;
            case TeamEvent.ToHuman e -> who + " -> you: " + oneLine(e.text());
            case TeamEvent.Said e -> who + " says: " + oneLine(e.text());
            case TeamEvent.ToolUsed e -> who + " uses " + e.summary();
            case TeamEvent.PermissionAsked e ->
                who + " ASKS to use " + e.summary() + " -- approve " + e.id() + " / deny " + e.id() + " [reason]";
            // every decision on a call the CLI asked about is shown, allowed or not, with its reason
            case TeamEvent.PermissionDecided e ->
                who
                        + (e.allowed() ? " may use " : " was denied ")
                        + e.summary()
                        + (e.reason() == null || e.reason().isBlank() ? "" : " (" + shortened(e.reason()) + ")");
            case TeamEvent.TurnEnded e ->
                who
                        + (e.error() ? " turn failed" : " turn done")
                        + " " + e.turnCostUsd().text() + " (total "
                        + e.totalCostUsd().text() + ")"
                        + (e.detail() == null ? "" : ": " + oneLine(e.detail()));
            case TeamEvent.Exited e ->
                who + (e.expected() ? " exited" : " CRASHED") + " with code " + e.exitCode()
                        + (e.expected() || e.stderrTail().isEmpty()
                                ? ""
                                : "; stderr: " + oneLine(String.join(" | ", e.stderrTail())));
            case TeamEvent.Warning e -> who + " ! " + OneLine.of(e.text());
            case TeamEvent.TaskChanged e ->
                who + " board: " + e.id() + " " + e.status() + (e.assignee() == null ? "" : " @" + e.assignee()) + " \""
                        + oneLine(e.title()) + "\"";
        };
    }

    /** A decision's reason in at most about a line: the model's full message is in the role's log. */
    private static String shortened(String reason) {
        String flat = reason.strip().replaceAll("\\s+", " ");
        return flat.length() <= 160 ? flat : flat.substring(0, 157) + "...";
    }

    static String oneLine(String text) {
        return OneLine.of(text, MAX_TEXT);
    }
}
