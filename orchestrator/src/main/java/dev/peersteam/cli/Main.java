package dev.peersteam.cli;

import java.io.PrintWriter;
import java.util.Map;
import picocli.CommandLine;

/** Process entry point. {@link #run} is the same path without {@code System.exit}, for tests. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        System.exit(run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args));
    }

    public static int run(PrintWriter out, PrintWriter err, String... args) {
        return run(out, err, System.getenv(), args);
    }

    /** {@link #run(PrintWriter, PrintWriter, String...)} in the given environment, as verbs see it. */
    public static int run(PrintWriter out, PrintWriter err, Map<String, String> environment, String... args) {
        CommandLine cli = PeersTeamCommand.treeFor(environment, args);
        cli.setOut(out);
        cli.setErr(err);
        cli.setExecutionExceptionHandler(new ExitCodes.ExceptionHandler());
        try {
            return cli.execute(args);
        } finally {
            // main's writers buffer, and System.exit flushes nothing: what a verb print()ed would be lost
            out.flush();
            err.flush();
        }
    }
}
