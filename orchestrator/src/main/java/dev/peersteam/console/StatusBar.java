package dev.peersteam.console;

import dev.peersteam.text.TerminalText;
import java.util.List;
import org.jline.terminal.Terminal;
import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStyle;
import org.jline.utils.Status;

/**
 * The line at the bottom of the terminal: each role's state and how many of its tool calls wait for you, and the
 * team's cost. Only on terminals that can keep a line there (JLine {@link Status}); never in plain mode.
 */
final class StatusBar implements AutoCloseable {
    private final Status status;

    private StatusBar(Status status) {
        this.status = status;
    }

    /** A status line on this terminal, or one that shows nothing when {@code plain} or the terminal cannot. */
    static StatusBar open(Terminal terminal, boolean plain) {
        if (plain) {
            return new StatusBar(null);
        }
        Status status = Status.getStatus(terminal);
        return new StatusBar(status);
    }

    /** {@code shop | lead idle | api busy, 1 waits | web starting | $0.0412} */
    static String render(TeamView.Snapshot view) {
        StringBuilder line = new StringBuilder(view.team());
        for (TeamView.Role role : view.roles()) {
            line.append(" | ").append(role.name()).append(' ').append(role.state());
            long waiting = view.waitingFor(role.name());
            if (waiting > 0) {
                line.append(", ").append(waiting).append(waiting == 1 ? " waits" : " wait");
            }
        }
        line.append(" | ").append(view.cost().text());
        if (view.paused() != null) {
            line.append(" | ").append(view.paused());
        }
        return TerminalText.line(line.toString());
    }

    synchronized void show(TeamView.Snapshot view) {
        if (status != null) {
            AttributedStyle style = view.waiting().isEmpty() && view.paused() == null
                    ? AttributedStyle.INVERSE
                    : AttributedStyle.INVERSE.foreground(AttributedStyle.YELLOW);
            status.update(List.of(new AttributedString(render(view), style)));
        }
    }

    @Override
    public synchronized void close() {
        if (status != null) {
            status.update(List.of());
        }
    }
}
