package dev.peersteam.console;

import dev.peersteam.control.ControlRequest;
import dev.peersteam.control.TeamEvent;
import dev.peersteam.runtime.PeersDir;
import dev.peersteam.runtime.TeamInfo;
import dev.peersteam.text.TerminalText;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jline.keymap.KeyMap;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.Parser;
import org.jline.reader.Reference;
import org.jline.reader.UserInterruptException;
import org.jline.reader.impl.DefaultParser;
import org.jline.terminal.Attributes;
import org.jline.terminal.Terminal;
import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStyle;

/**
 * The interactive console: a prompt for commands, with the team's live events printed above it as they happen.
 * It is one more client of the control socket: one connection for the live events ({@link LiveEvents}), short
 * ones for commands ({@link ControlLink}, and the CLI verbs through {@link CommandTree}). Nothing that waits on the
 * network runs while a line is being typed: events and refreshes have threads of their own, completion reads a
 * local {@link TeamView}.
 *
 * <p>{@link #run()} returns when the person detaches ({@code quit}, Ctrl-D, end of input) or the team stops;
 * Ctrl-C only clears the line being typed.
 */
public final class Console {
    /** How the console ended. */
    public enum Exit {
        /** {@code quit}, Ctrl-D or the end of input: the team keeps running. */
        DETACHED,
        /** The team stopped ({@code down}, or otherwise), or the coordinator can no longer be reached. */
        TEAM_STOPPED
    }

    /**
     * @param verbose     also show deliveries and allowed permission requests
     * @param inUp        the console of {@code up}: the team lives in this very process
     * @param echoInput   nothing shows what is typed (input from a pipe, on a dumb terminal): the console writes
     *                    each line it takes after the prompt, so that its output reads as a transcript
     * @param environment for {@code NO_COLOR}
     */
    public record Options(
            boolean verbose, boolean inUp, boolean echoInput, Map<String, String> environment, Clock clock) {
        public Options {
            environment = Map.copyOf(environment);
            Objects.requireNonNull(clock, "clock");
        }
    }

    private static final Duration LIVE_WAIT = Duration.ofSeconds(5);
    private static final String CANCEL_LINE = "peers-cancel-line";
    private static final String TEAM_STOPPED = "the team has stopped";

    private final Terminal terminal;
    private final PeersDir peers;
    private final TeamInfo team;
    private final CommandTree tree;
    private final Options options;
    private CompletionStage<?> teamStopped = new CompletableFuture<>();
    private Runnable onLive = () -> {};

    /** Completes with why the console must close (the team stopped, the stream ended) when that happens first. */
    private final CompletableFuture<String> ended = new CompletableFuture<>();

    private final Object lock = new Object();
    private Thread consoleThread; // guarded by lock
    private boolean readingLine; // guarded by lock

    public Console(Terminal terminal, PeersDir peers, TeamInfo team, CommandTree tree, Options options) {
        this.terminal = terminal;
        this.peers = peers;
        this.team = team;
        this.tree = tree;
        this.options = options;
    }

    /** For {@code up}: the end of the coordinator loop in this process also ends the console. */
    public Console stopsWith(CompletionStage<?> teamStopped) {
        this.teamStopped = teamStopped;
        return this;
    }

    /** Called (on another thread) once live events flow, before the first prompt. */
    public Console onLive(Runnable onLive) {
        this.onLive = onLive;
        return this;
    }

    /** No colour and no status line: on dumb terminals, and when {@code NO_COLOR} is set (no-color.org). */
    public static boolean plain(Terminal terminal, Map<String, String> environment) {
        String noColor = environment.get("NO_COLOR");
        return dumb(terminal) || (noColor != null && !noColor.isEmpty());
    }

    private static boolean dumb(Terminal terminal) {
        return Terminal.TYPE_DUMB.equals(terminal.getType()) || Terminal.TYPE_DUMB_COLOR.equals(terminal.getType());
    }

    /**
     * Runs the console until the person leaves or the team stops. In {@code up} the closing words are left to the
     * caller ({@link #farewell}): they tell the person that Ctrl-C stops the team, which is only true once the
     * terminal is closed and the console's signal handlers are gone.
     */
    public Exit run() throws InterruptedException {
        synchronized (lock) {
            consoleThread = Thread.currentThread();
        }
        boolean plain = plain(terminal, options.environment());
        Attributes before = takeKeys(dumb(terminal));
        ControlLink link = new ControlLink(peers.socket());
        TeamView view = new TeamView(team);
        LineReader reader = lineReader(view);
        cancelLineOnCtrlC(reader);
        Screen screen = new Screen(terminal, reader, plain);
        Refresher refresher = new Refresher(() -> {
            view.ps(link.call(new ControlRequest.Ps()));
            view.board(link.call(new ControlRequest.Board()));
        });
        LiveEvents events = new LiveEvents(
                link, event -> show(event, screen, view, refresher), notice -> screen.above("peers-team: " + notice));
        events.ended().thenAccept(ended::complete);
        teamStopped.whenComplete((outcome, failure) -> ended.complete(TEAM_STOPPED));
        ended.thenRun(this::wake);
        ConsoleCommands commands = new ConsoleCommands(screen, peers, team, link, view, refresher, tree, ended);

        Exit exit;
        try (StatusBar status = StatusBar.open(terminal, plain)) {
            view.onChange(snapshot -> screen.draw(() -> status.show(snapshot)));
            screen.text().println(banner());
            events.start();
            awaitLive(events, ended);
            onLive.run();
            refresher.request();
            exit = loop(reader, screen, commands, ended);
        } finally {
            events.close();
            refresher.close();
            view.onChange(snapshot -> {});
            try {
                reader.getHistory().save();
            } catch (IOException e) {
                // the history is a convenience
            }
            terminal.setAttributes(before);
        }
        if (!options.inUp()) {
            screen.text().println(farewell(exit));
        }
        return exit;
    }

    /** A live event: its line above the prompt, and what it changes in the console's picture of the team. */
    private void show(TeamEvent event, Screen screen, TeamView view, Refresher refresher) {
        AttributedString line = EventText.line(event, options.verbose(), options.clock());
        if (line != null) {
            screen.above(line);
        }
        if (view.event(event)) {
            refresher.request();
        }
    }

    private Exit loop(LineReader reader, Screen screen, ConsoleCommands commands, CompletableFuture<String> ended)
            throws InterruptedException {
        String prompt = prompt(screen.plain());
        while (true) {
            synchronized (lock) {
                if (ended.isDone()) {
                    return Exit.TEAM_STOPPED;
                }
                readingLine = true;
            }
            String line;
            try {
                line = reader.readLine(prompt);
            } catch (UserInterruptException e) {
                continue; // Ctrl-C: the line is dropped (or the team stopped: the loop's head tells)
            } catch (EndOfFileException e) {
                if (options.echoInput()) {
                    screen.out().println(); // the end of input left the cursor after the prompt
                }
                return Exit.DETACHED;
            } finally {
                synchronized (lock) {
                    readingLine = false;
                }
                Thread.interrupted(); // a wake-up that came as the line ended
            }
            if (options.echoInput()) {
                // back to the line's start: a part of the line drawn again under a live event is written over
                screen.out().println("\r" + prompt + TerminalText.line(line));
            }
            List<String> words = reader.getParser()
                    .parse(line, line.length(), Parser.ParseContext.ACCEPT_LINE)
                    .words();
            switch (commands.execute(words)) {
                case CONTINUE -> {}
                case QUIT -> {
                    return Exit.DETACHED;
                }
                case STOPPED -> {
                    return Exit.TEAM_STOPPED;
                }
            }
        }
    }

    /** The team stopped: a line being typed is abandoned (JLine turns the interrupt into a Ctrl-C). */
    private void wake() {
        synchronized (lock) {
            if (readingLine && consoleThread != null) {
                consoleThread.interrupt();
            }
        }
    }

    private static void awaitLive(LiveEvents events, CompletableFuture<String> ended) throws InterruptedException {
        try {
            CompletableFuture.anyOf(events.live(), ended).get(LIVE_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            // go on: events are printed whenever they come
        }
    }

    private LineReader lineReader(TeamView view) {
        DefaultParser parser = new DefaultParser();
        // Only double quotes group words: an apostrophe in a message ("it's done") is just a letter.
        parser.setQuoteChars(new char[] {'"'});
        parser.setEscapeChars(new char[0]);
        return LineReaderBuilder.builder()
                .terminal(terminal)
                .appName("peers-team")
                .parser(parser)
                .completer(new ConsoleCompleter(view))
                .variable(LineReader.HISTORY_FILE, peers.root().resolve("history"))
                .variable(LineReader.HISTORY_FILE_SIZE, 1000)
                .option(LineReader.Option.DISABLE_EVENT_EXPANSION, true) // "!" is text in a message
                .option(LineReader.Option.HISTORY_IGNORE_SPACE, true)
                .build();
    }

    /**
     * Sets the terminal up for the console and returns its settings from before, to restore at the end.
     *
     * <p>A real terminal sends SIGINT for Ctrl-C to the whole foreground process group, and in {@code up} that
     * group holds every agent process too: Ctrl-C to clear a line would kill the team's sessions. So while the
     * console is open the terminal makes no signals (ISIG off) and Ctrl-C reaches the line editor as a key
     * ({@link #cancelLineOnCtrlC}). A dumb terminal (input from a pipe, or TERM=dumb) knows no control characters:
     * it gets Ctrl-C and Ctrl-D as a real terminal has them, raised inside this process only. The other signal
     * characters get their usual values too: left unset they read as -1, which is also the end of input.
     */
    private Attributes takeKeys(boolean dumb) {
        Attributes before = terminal.getAttributes();
        Attributes attributes = new Attributes(before);
        if (!dumb) {
            attributes.setLocalFlag(Attributes.LocalFlag.ISIG, false);
        } else if (attributes.getControlChar(Attributes.ControlChar.VEOF) <= 0) {
            attributes.setControlChar(Attributes.ControlChar.VEOF, 4); // Ctrl-D
            attributes.setControlChar(Attributes.ControlChar.VINTR, 3); // Ctrl-C
            attributes.setControlChar(Attributes.ControlChar.VQUIT, 28); // Ctrl-backslash
            attributes.setControlChar(Attributes.ControlChar.VSUSP, 26); // Ctrl-Z
            attributes.setControlChar(Attributes.ControlChar.VSTATUS, 20); // Ctrl-T
            attributes.setLocalFlag(Attributes.LocalFlag.ISIG, true);
        }
        terminal.setAttributes(attributes);
        return before;
    }

    /** Ctrl-C as a key: the line being typed is dropped, as JLine does for the signal. */
    private static void cancelLineOnCtrlC(LineReader reader) {
        reader.getWidgets().put(CANCEL_LINE, () -> {
            throw new UserInterruptException(reader.getBuffer().toString());
        });
        for (String keyMap : List.of(LineReader.EMACS, LineReader.VIINS, LineReader.VICMD)) {
            reader.getKeyMaps().get(keyMap).bind(new Reference(CANCEL_LINE), KeyMap.ctrl('C'));
        }
    }

    private String prompt(boolean plain) {
        String text = TerminalText.line(team.name()) + "> ";
        return plain ? text : new AttributedString(text, AttributedStyle.BOLD).toAnsi(terminal);
    }

    private String banner() {
        return "peers-team console: team " + team.name() + " (" + String.join(", ", team.roleNames()) + "). 'help'"
                + " lists the commands, Tab completes; 'quit' or Ctrl-D closes the console, 'down' stops the team.";
    }

    /** What the console says as it closes, after {@link #run} returned {@code exit}. */
    public String farewell(Exit exit) {
        if (exit == Exit.TEAM_STOPPED) {
            String why = ended.getNow(TEAM_STOPPED);
            return why.equals(TEAM_STOPPED) || why.equals(LiveEvents.SHUTTING_DOWN)
                    ? "the team has stopped"
                    : "the console closes: " + TerminalText.line(why); // a server's message: printed by up too
        }
        return options.inUp()
                ? "The console is closed; the team keeps running in this process and its live log follows."
                        + " Ctrl-C stops the team; 'peers-team console' in another terminal opens a console again."
                : "detached; the team keeps running. 'peers-team console' attaches again, 'peers-team down' stops it.";
    }
}
