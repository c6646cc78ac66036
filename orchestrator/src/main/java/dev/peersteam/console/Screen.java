package dev.peersteam.console;

import java.io.PrintWriter;
import org.jline.reader.LineReader;
import org.jline.terminal.Terminal;
import org.jline.utils.AttributedString;

/**
 * Where the console writes. Live lines go above the prompt without breaking the line being typed
 * ({@link LineReader#printAbove}); command output goes straight to the terminal, as no line is being typed then.
 * In plain mode nothing is styled.
 */
final class Screen {
    private final Terminal terminal;
    private final LineReader reader;
    private final boolean plain;
    private final PrintWriter out;
    private final Object drawing = new Object();

    Screen(Terminal terminal, LineReader reader, boolean plain) {
        this.terminal = terminal;
        this.reader = reader;
        this.plain = plain;
        this.out = new PrintWriter(terminal.writer(), true);
    }

    /** A line above the prompt; safe from any thread, whether a line is being typed or not. */
    void above(AttributedString line) {
        synchronized (drawing) {
            if (plain) {
                reader.printAbove(line.toString());
            } else {
                reader.printAbove(line);
            }
        }
    }

    void above(String line) {
        above(new AttributedString(line));
    }

    /** Draws something else (the status line) without cutting into a line printed above by another thread. */
    void draw(Runnable drawing) {
        synchronized (this.drawing) {
            drawing.run();
        }
    }

    /** For command output (autoflush): only while no line is being read. */
    PrintWriter out() {
        return out;
    }

    boolean plain() {
        return plain;
    }

    Terminal terminal() {
        return terminal;
    }
}
