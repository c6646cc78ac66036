package dev.peersteam.cli;

import dev.peersteam.text.TerminalText;
import dev.peersteam.text.TerminalWriter;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/** The one place that maps outcomes to process exit codes. */
public final class ExitCodes {
    public static final int OK = 0;
    /** The work failed: a task failed, a budget stopped the team, an operation could not be done. */
    public static final int FAILED = 1;
    /** The input is wrong: bad arguments or an invalid team file. */
    public static final int INVALID = 2;
    /** A verb needs a running coordinator and there is none. */
    public static final int NO_COORDINATOR = 3;

    private ExitCodes() {}

    /**
     * Turns a {@link UserError} into its message and exit code; anything else is a bug and gets a stack trace. Both
     * are printed as {@link TerminalText}: a message may quote a team file, a model or git.
     */
    static final class ExceptionHandler implements IExecutionExceptionHandler {
        @Override
        public int handleExecutionException(Exception ex, CommandLine cmd, ParseResult parseResult) {
            if (ex instanceof UserError e) {
                cmd.getErr().println(TerminalText.lines(e.getMessage()));
                cmd.getErr().flush();
                return e.exitCode();
            }
            cmd.getErr().println("peers-team: internal error: " + TerminalText.lines(String.valueOf(ex)));
            ex.printStackTrace(new TerminalWriter(cmd.getErr(), false));
            cmd.getErr().flush();
            return FAILED;
        }
    }
}
