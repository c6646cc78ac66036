package dev.peersteam.console;

import dev.peersteam.control.EventLine;
import dev.peersteam.control.SessionState;
import dev.peersteam.control.TeamEvent;
import dev.peersteam.text.TerminalText;
import java.time.Clock;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStringBuilder;
import org.jline.utils.AttributedStyle;

/**
 * The line the console prints for a live event: the live log's line ({@link EventLine#format}) with the time, and
 * for a permission request the console's own commands to answer it. Styled for terminals that show colour; the
 * console prints the plain text when it is told to ({@code NO_COLOR}, dumb terminals).
 */
final class EventText {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

    private EventText() {}

    /** The styled line for an event, or null when the event is too chatty for this verbosity. */
    static AttributedString line(TeamEvent event, boolean verbose, Clock clock) {
        String text = event instanceof TeamEvent.PermissionAsked asked
                ? permissionAsked(asked)
                : EventLine.format(event, verbose);
        if (text == null) {
            return null;
        }
        return new AttributedStringBuilder()
                .styled(AttributedStyle.DEFAULT.faint(), LocalTime.now(clock).format(TIME) + " ")
                .styled(style(event), text)
                .toAttributedString();
    }

    /**
     * Role, tool with its input, request id, and how to answer: everything needed to decide on one line, safe to
     * print (the tool's input is the model's).
     */
    static String permissionAsked(TeamEvent.PermissionAsked e) {
        return TerminalText.line(String.format(Locale.ROOT, "%-10s", e.role()) + " ASKS to use " + e.summary() + "  ["
                + e.id() + "]" + "  approve " + e.id() + " | always " + e.id() + " | deny " + e.id() + " [reason]");
    }

    private static AttributedStyle style(TeamEvent event) {
        AttributedStyle plain = AttributedStyle.DEFAULT;
        return switch (event) {
            case TeamEvent.PermissionAsked e -> plain.bold().foreground(AttributedStyle.YELLOW);
            case TeamEvent.ToHuman e -> plain.bold();
            case TeamEvent.Warning e -> plain.foreground(AttributedStyle.YELLOW);
            case TeamEvent.Exited e -> e.expected() ? plain : plain.foreground(AttributedStyle.RED);
            case TeamEvent.TurnEnded e -> e.error() ? plain.foreground(AttributedStyle.RED) : plain;
            case TeamEvent.PermissionDecided e -> e.allowed() ? plain : plain.foreground(AttributedStyle.RED);
            case TeamEvent.StateChanged e ->
                e.state() == SessionState.CRASHED ? plain.foreground(AttributedStyle.RED) : plain;
            case TeamEvent.MessagePosted e -> plain;
            case TeamEvent.MessageDelivered e -> plain.faint();
            case TeamEvent.Said e -> plain;
            case TeamEvent.ToolUsed e -> plain;
            case TeamEvent.TaskChanged e -> plain.foreground(AttributedStyle.CYAN);
            case TeamEvent.BudgetReached e -> plain.foreground(AttributedStyle.YELLOW);
            case TeamEvent.Settled e -> plain.bold();
            case TeamEvent.ApiRetry e -> plain.foreground(AttributedStyle.YELLOW);
            case TeamEvent.Paced e -> e.paused() ? plain.bold().foreground(AttributedStyle.YELLOW) : plain;
        };
    }
}
