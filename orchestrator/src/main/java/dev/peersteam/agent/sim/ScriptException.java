package dev.peersteam.agent.sim;

/**
 * A behaviour script that cannot be used; the message names the file, line and column ({@code script.yaml:3:7:
 * problem}). The parts are kept apart too, so a team file check can report the problem in its own words.
 */
public final class ScriptException extends Exception {
    private final int line;
    private final int column;
    private final String problem;

    public ScriptException(String message) {
        this(message, null);
    }

    public ScriptException(String message, Throwable cause) {
        super(message, cause);
        this.line = 0;
        this.column = 0;
        this.problem = message;
    }

    /**
     * @param source names the script in the message
     * @param line   from 1; 0 when the problem concerns the whole file
     * @param column from 1; 0 with line 0
     */
    public ScriptException(String source, int line, int column, String problem) {
        super(source + (line > 0 ? ":" + line + ":" + column : "") + ": " + problem);
        this.line = line;
        this.column = column;
        this.problem = problem;
    }

    /** The line the problem is on, from 1; 0 when it concerns the whole script. */
    public int line() {
        return line;
    }

    public int column() {
        return column;
    }

    /** What is wrong, without the file and place. */
    public String problem() {
        return problem;
    }
}
