package dev.peersteam.cli;

import dev.peersteam.control.CoordinatorHere;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.OptionalInt;
import picocli.CommandLine;
import picocli.CommandLine.Help;

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
        return run(out, err, environment, Path.of("").toAbsolutePath(), args);
    }

    /**
     * The command line as typed in {@code cwd}: a quick verb is run by the team's coordinator when one is running
     * ({@link WarmVerbs}); everything else, and a quick verb without a coordinator to run it, runs here.
     */
    static int run(PrintWriter out, PrintWriter err, Map<String, String> environment, Path cwd, String... args) {
        try {
            OptionalInt ranByCoordinator = WarmVerbs.runByCoordinator(out, err, cwd, args);
            return ranByCoordinator.isPresent()
                    ? ranByCoordinator.getAsInt()
                    : runHere(out, err, environment, cwd, Help.Ansi.AUTO, null, args);
        } finally {
            // main's writers buffer, and System.exit flushes nothing: what a verb print()ed would be lost
            out.flush();
            err.flush();
        }
    }

    /**
     * The command line parsed and run in this process; {@code ansi}: whether help and errors may be coloured;
     * {@code here}: the coordinator this runs in (a quick verb it runs for a client), or null.
     */
    static int runHere(
            PrintWriter out,
            PrintWriter err,
            Map<String, String> environment,
            Path cwd,
            Help.Ansi ansi,
            CoordinatorHere here,
            String... args) {
        CommandLine cli = PeersTeamCommand.treeFor(environment, cwd, here, args);
        cli.setOut(out);
        cli.setErr(err);
        cli.setColorScheme(Help.defaultColorScheme(ansi));
        cli.setExecutionExceptionHandler(new ExitCodes.ExceptionHandler());
        try {
            return cli.execute(args);
        } finally {
            out.flush();
            err.flush();
        }
    }
}
