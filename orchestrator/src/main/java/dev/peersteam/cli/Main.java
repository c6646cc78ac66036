package dev.peersteam.cli;

import java.io.PrintWriter;
import picocli.CommandLine;

/** Process entry point. {@link #run} is the same path without {@code System.exit}, for tests. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        System.exit(run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args));
    }

    public static int run(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cli = PeersTeamCommand.treeFor(args);
        cli.setOut(out);
        cli.setErr(err);
        cli.setExecutionExceptionHandler(new ExitCodes.ExceptionHandler());
        return cli.execute(args);
    }
}
