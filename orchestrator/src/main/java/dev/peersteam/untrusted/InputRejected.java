package dev.peersteam.untrusted;

/**
 * Input that cannot be used, with where the trouble is and what to do about it.
 *
 * <p>{@code line} and {@code column} count from 1; both are 0 when the trouble has no place in the text (the file
 * is too large to read, say), and the message then says so.
 */
public final class InputRejected extends Exception {
    private final int line;
    private final int column;
    private final String problem;
    private final String fix;

    public InputRejected(int line, int column, String problem, String fix) {
        super((line > 0 ? line + ":" + column + ": " : "") + problem);
        this.line = line;
        this.column = column;
        this.problem = problem;
        this.fix = fix;
    }

    /** Trouble with the input as a whole, with no line to point at. */
    public static InputRejected wholeFile(String problem, String fix) {
        return new InputRejected(0, 0, problem, fix);
    }

    public int line() {
        return line;
    }

    public int column() {
        return column;
    }

    /** What is wrong, without the place. */
    public String problem() {
        return problem;
    }

    public String fix() {
        return fix;
    }
}
