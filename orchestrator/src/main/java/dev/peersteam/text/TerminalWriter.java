package dev.peersteam.text;

import java.io.PrintWriter;
import java.io.Writer;

/**
 * A {@link PrintWriter} whose every write goes through {@link TerminalText#lines}: for output that is all text from
 * elsewhere, so that no print of it can forget. Not for output that carries styling of its own (it would show as
 * escapes), nor for JSON (which is escaped already).
 */
public final class TerminalWriter extends PrintWriter {
    public TerminalWriter(Writer out, boolean autoFlush) {
        super(out, autoFlush);
    }

    @Override
    public void write(int c) {
        write(String.valueOf((char) c), 0, 1);
    }

    @Override
    public void write(char[] buffer, int offset, int length) {
        write(new String(buffer, offset, length), 0, length);
    }

    @Override
    public void write(String text, int offset, int length) {
        String safe = TerminalText.lines(text.substring(offset, offset + length));
        super.write(safe, 0, safe.length()); // PrintWriter writes this straight to the underlying writer
    }
}
