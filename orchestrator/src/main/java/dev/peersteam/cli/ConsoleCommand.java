package dev.peersteam.cli;

import dev.peersteam.console.Console;
import dev.peersteam.control.ControlRequest;
import dev.peersteam.runtime.PeersDir;
import dev.peersteam.runtime.TeamInfo;
import dev.peersteam.runtime.TeamRuntime;
import dev.peersteam.text.TerminalText;
import java.io.IOException;
import java.io.PrintWriter;
import java.lang.reflect.Method;
import java.time.Clock;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code peers-team console}: the interactive console, attached to the team running in this repository. */
@Command(
        name = "console",
        mixinStandardHelpOptions = true,
        description = {
            "Opens the interactive console on the running team: its live events scroll above a prompt where you"
                    + " inspect and steer it (roles, show, board, tail, send, assign, approve/always/deny,"
                    + " interrupt, cost, down). 'help' inside lists everything; Tab completes.",
            "The console is one more client of the team: 'quit' or Ctrl-D detaches and the team keeps running."
                    + " 'peers-team up' in a terminal opens the same console by itself."
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:detached, or the team stopped", "3:no team is running here"},
        footer = {
            "",
            "Examples:",
            "  peers-team console",
            "  peers-team console -C ~/src/shop",
            "  NO_COLOR=1 peers-team console     # no colour, no status line"
        })
public final class ConsoleCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Mixin
    private PeersOptions peers;

    @Option(
            names = {"-v", "--verbose"},
            description = "Also show deliveries and allowed permission requests.")
    private boolean verbose;

    @Override
    public Integer call() throws IOException, InterruptedException {
        PeersDir dir = peers.peersDir();
        TeamInfo team = peers.teamInfo(dir);
        CoordinatorCall.request(dir, new ControlRequest.Hello()); // no coordinator: exit 3 with advice, no prompt
        spec.commandLine().getOut().flush();
        try (Terminal terminal = terminal()) {
            new Console(
                            terminal,
                            dir,
                            team,
                            ConsoleCommand::commandTree,
                            new Console.Options(
                                    verbose, false, !interactiveTerminal(), System.getenv(), Clock.systemDefaultZone()))
                    .run();
        }
        return ExitCodes.OK;
    }

    /**
     * The terminal of this process. Signals it is sent while the console is open are ignored rather than left to
     * their default (the console turns Ctrl-C into a key, but a stray SIGINT must not end {@code up} without its
     * shutdown hook); closing the terminal gives the JVM its own handlers back.
     */
    private static Terminal terminal() throws IOException {
        // dumb(true): a dumb terminal, silently, when this is no terminal (input from a pipe)
        return TerminalBuilder.builder()
                .system(true)
                .dumb(true)
                .signalHandler(Terminal.SignalHandler.SIG_IGN)
                .build();
    }

    /** The CLI's command tree with its exit-code mapping, for the console to run the verbs through. */
    public static CommandLine commandTree() {
        CommandLine cli = PeersTeamCommand.tree();
        cli.setExecutionExceptionHandler(new ExitCodes.ExceptionHandler());
        return cli;
    }

    /**
     * Whether {@code up} runs in an interactive terminal. {@code System.console()} alone is not enough on JDK 22+,
     * where it may return a console for redirected streams; {@code Console.isTerminal()} (22+) tells.
     */
    static boolean interactiveTerminal() {
        java.io.Console console = System.console();
        if (console == null) {
            return false;
        }
        try {
            Method isTerminal = java.io.Console.class.getMethod("isTerminal");
            return (Boolean) isTerminal.invoke(console);
        } catch (NoSuchMethodException e) {
            return true; // Java 21: a console is a terminal
        } catch (ReflectiveOperationException | RuntimeException e) {
            return false;
        }
    }

    /**
     * The console of {@code up}: opened in the foreground once the team has started, while the coordinator loop
     * runs on its own thread. While it is open, {@code consoleShown} is true and {@code up} keeps its own live log
     * quiet; when the person detaches, the team goes on in this process and {@code up} prints its live log again.
     */
    static TeamRuntime.Foreground inUp(PrintWriter out, boolean verbose, AtomicBoolean consoleShown) {
        return (dir, teamStopped) -> {
            String farewell = null;
            try (Terminal terminal = terminal()) {
                TeamInfo team = TeamInfo.read(dir.teamInfo())
                        .orElseThrow(() -> new IllegalStateException(dir.teamInfo() + " was not written"));
                Console console = new Console(
                                terminal,
                                dir,
                                team,
                                ConsoleCommand::commandTree,
                                new Console.Options(verbose, true, false, System.getenv(), Clock.systemDefaultZone()))
                        .stopsWith(teamStopped)
                        .onLive(() -> consoleShown.set(true));
                Console.Exit exit = console.run();
                farewell = exit == Console.Exit.DETACHED && interruptIgnored()
                        ? "The console is closed; the team keeps running in this process and its live log follows."
                                + " Ctrl-C is ignored in this process (it was started with interrupts ignored, as"
                                + " nohup does): 'peers-team down' in another terminal stops the team."
                        : console.farewell(exit);
            } catch (IOException | RuntimeException e) {
                out.println(TerminalText.line("peers-team: the console failed (" + e + "); the team keeps running, its"
                        + " live log follows. Ctrl-C stops the team."));
            } finally {
                consoleShown.set(false);
                restoreInterrupt();
                if (farewell != null) {
                    out.println(farewell); // only now: Ctrl-C stops up from here on, as it says
                }
                out.flush();
            }
        };
    }

    /**
     * Whether this process was started with SIGINT ignored (nohup, a background job of a script): then no handler can
     * take it back, and Ctrl-C will not stop {@code up}. Read from Linux's {@code /proc/self/status}; false elsewhere.
     */
    private static boolean interruptIgnored() {
        try {
            for (String line : java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/self/status"))) {
                if (line.startsWith("SigIgn:")) {
                    return (Long.parseUnsignedLong(line.substring(7).strip(), 16) & (1L << (2 - 1))) != 0; // SIGINT=2
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux, or unreadable: assume the usual
        }
        return false;
    }

    /**
     * After the console, Ctrl-C must stop {@code up} again through its shutdown hook. The terminal library restores
     * the handler it found, which is not always the JVM's own (seen when the agents run in sessions of their own, so
     * that the JVM is the only process the signal reaches); setting it here does not depend on that.
     */
    @SuppressWarnings("removal")
    private static void restoreInterrupt() {
        try {
            sun.misc.Signal.handle(new sun.misc.Signal("INT"), signal -> System.exit(130));
        } catch (IllegalArgumentException | UnsupportedOperationException e) {
            // no SIGINT on this platform: nothing to restore
        }
    }
}
