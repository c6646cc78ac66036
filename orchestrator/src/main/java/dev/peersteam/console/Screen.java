package dev.peersteam.console;

import dev.peersteam.text.TerminalText;
import dev.peersteam.text.TerminalWriter;
import java.io.PrintWriter;
import org.jline.reader.LineReader;
import org.jline.terminal.Terminal;
import org.jline.utils.AttributedString;

/**
 * Where the console writes. Live lines go above the prompt without breaking the line being typed
 * ({@link LineReader#printAbove}); command output goes straight to the terminal, as no line is being typed then.
 * In plain mode nothing is styled. Text from elsewhere is printed as {@link TerminalText}: plain lines above the
 * prompt and everything written to {@link #text()} are made safe here, styled lines by whoever styled them.
 */
final class Screen {
    private final Terminal terminal;
    private final LineReader reader;
    private final boolean plain;
    private final PrintWriter out;
    private final PrintWriter text;
    private final Object drawing = new Object();

    Screen(Terminal terminal, LineReader reader, boolean plain) {
        this.terminal = terminal;
        this.reader = reader;
        this.plain = plain;
        this.out = new PrintWriter(terminal.writer(), true);
        this.text = new TerminalWriter(terminal.writer(), true);
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

    /** A plain line above the prompt, made safe to print. */
    void above(String line) {
        above(new AttributedString(TerminalText.lines(line)));
    }

    /** Draws something else (the status line) without cutting into a line printed above by another thread. */
    void draw(Runnable drawing) {
        synchronized (this.drawing) {
            drawing.run();
        }
    }

    /** For output that styles itself (picocli's help, the prompt): only while no line is being read; autoflush. */
    PrintWriter out() {
        return out;
    }

    /** For command output, all of it made safe to print ({@link TerminalWriter}); like {@link #out()} otherwise. */
    PrintWriter text() {
        return text;
    }

    boolean plain() {
        return plain;
    }

    Terminal terminal() {
        return terminal;
    }
}
