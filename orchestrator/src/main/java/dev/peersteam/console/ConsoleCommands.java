package dev.peersteam.console;

import dev.peersteam.control.ControlRequest;
import dev.peersteam.control.PendingPermission;
import dev.peersteam.control.PsReply;
import dev.peersteam.control.RoleRow;
import dev.peersteam.runtime.PeersDir;
import dev.peersteam.runtime.TeamInfo;
import dev.peersteam.team.RoleSpec;
import dev.peersteam.team.TeamFileException;
import dev.peersteam.team.TeamFileLoader;
import dev.peersteam.transcript.LogReader;
import dev.peersteam.transcript.TrafficLine;
import dev.peersteam.transcript.Transcript;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.Model.OptionSpec;

/**
 * What each console command does. The verbs the shell has ({@code ps}, {@code board}, {@code send}, {@code assign},
 * {@code approve}, {@code deny}, {@code interrupt}, {@code logs}) run through the CLI's own picocli tree, writing
 * to the console; the rest ({@code show}, {@code tail}, {@code cost}, {@code always}, {@code help}, {@code quit},
 * {@code down}) are the console's own. Runs on the console's thread while no line is being typed.
 */
final class ConsoleCommands {
    /** What the console does after a command. */
    enum Outcome {
        CONTINUE,
        /** {@code quit}: the console closes, the team keeps running. */
        QUIT,
        /** {@code down}: the team has stopped. */
        STOPPED
    }

    record Entry(String name, String usage, String text) {}

    static final List<Entry> ENTRIES = List.of(
            new Entry("roles", "roles", "every role: state, task, cost, queued messages, pid, last tool (also: ps)"),
            new Entry("show", "show ROLE", "one role: prompt file, worktree, branch, session id, pid, state, queue"),
            new Entry("board", "board [--json] [--watch]", "the task board (--watch: until a key is pressed)"),
            new Entry("tail", "tail ROLE", "ROLE's transcript as it happens, until a key is pressed"),
            new Entry("logs", "logs ROLE [-f] [--raw]", "ROLE's whole transcript"),
            new Entry("send", "send ROLE|all TEXT", "a message from you to a role, or to every role"),
            new Entry("assign", "assign ROLE TEXT [--after ID]", "a new task on the board for ROLE"),
            new Entry("approve", "approve ID", "allow a tool call that waits for you"),
            new Entry("always", "always ID", "allow it, and exactly this call again for the rest of that session"),
            new Entry("deny", "deny ID [REASON]", "refuse it; the reason is shown to the agent"),
            new Entry("interrupt", "interrupt ROLE", "stop ROLE's current turn; the session stays up"),
            new Entry("cost", "cost", "what each role and the team have cost so far"),
            new Entry("help", "help [COMMAND]", "this list, or the details of one command"),
            new Entry("quit", "quit", "close the console; the team keeps running (Ctrl-D does the same)"),
            new Entry("down", "down [--keep-dirty]", "stop the team"));

    /** Every name the console takes, aliases included, for completion. */
    static final List<String> NAMES = List.of(
            "roles",
            "ps",
            "show",
            "board",
            "tail",
            "logs",
            "send",
            "assign",
            "approve",
            "always",
            "deny",
            "interrupt",
            "cost",
            "help",
            "quit",
            "exit",
            "down");

    /** Console commands that are the CLI verb of the same name (or of another name: roles = ps, always = approve). */
    private static final List<String> VERBS =
            List.of("ps", "board", "logs", "send", "assign", "approve", "deny", "interrupt");

    private static final Duration DOWN_WAIT = Duration.ofSeconds(60);
    private static final int TAIL_LINES = 20;

    private final Screen screen;
    private final PeersDir peers;
    private final TeamInfo team;
    private final ControlLink link;
    private final TeamView view;
    private final Refresher refresher;
    private final CommandTree tree;
    private final CompletableFuture<String> ended;

    /**
     * @param ended completes when the team has stopped (or can no longer be reached); {@code down} waits for it
     */
    ConsoleCommands(
            Screen screen,
            PeersDir peers,
            TeamInfo team,
            ControlLink link,
            TeamView view,
            Refresher refresher,
            CommandTree tree,
            CompletableFuture<String> ended) {
        this.screen = screen;
        this.peers = peers;
        this.team = team;
        this.link = link;
        this.view = view;
        this.refresher = refresher;
        this.tree = tree;
        this.ended = ended;
    }

    /** Runs one command line, already split into words (quotes removed). */
    Outcome execute(List<String> line) throws InterruptedException {
        List<String> words = line.stream().filter(word -> !word.isEmpty()).toList();
        if (words.isEmpty()) {
            return Outcome.CONTINUE;
        }
        String name = words.getFirst();
        List<String> args = words.subList(1, words.size());
        PrintWriter out = screen.text();
        try {
            switch (name) {
                case "help", "?" -> help(args);
                case "roles", "ps" -> verb("ps", args);
                case "show" -> show(args);
                case "board" -> follow(args, "-w", "--watch", "board");
                case "logs" -> follow(args, "-f", "--follow", "logs");
                case "tail" -> tail(args);
                // "--" so that a message may start with a dash
                case "send" -> verb("send", endOfOptionsAfter(args, 1));
                case "deny" -> verb("deny", endOfOptionsAfter(args, 1));
                case "assign", "approve", "interrupt" -> verb(name, args);
                case "always" -> {
                    List<String> approve = new ArrayList<>(args);
                    approve.add("--always");
                    verb("approve", approve);
                }
                case "cost" -> cost(args);
                case "quit", "exit" -> {
                    return Outcome.QUIT;
                }
                case "down" -> {
                    return down(args);
                }
                default -> out.println("unknown command '" + name + "'; 'help' lists the commands");
            }
        } catch (ConsoleError e) {
            out.println(e.getMessage());
        } catch (RuntimeException e) {
            out.println("peers-team: internal error in '" + name + "': " + e); // the console goes on
        }
        out.flush();
        return Outcome.CONTINUE;
    }

    // --- the CLI's verbs ---------------------------------------------------------------------------------------

    /** Runs {@code peers-team VERB args} for this team, printing to the console (errors too). */
    private void verb(String verb, List<String> args) {
        List<String> argv = new ArrayList<>();
        argv.add(verb);
        argv.addAll(args);
        commandLine().execute(argv.toArray(String[]::new));
        screen.out().flush();
        if (verb.equals("approve") || verb.equals("deny") || verb.equals("assign")) {
            refresher.request(); // what waits and what is on the board has changed
        }
    }

    private CommandLine commandLine() {
        CommandLine cli = tree.create();
        PrintWriter out = screen.out();
        cli.setOut(out);
        cli.setErr(out);
        cli.setColorScheme(CommandLine.Help.defaultColorScheme(
                screen.plain() ? CommandLine.Help.Ansi.OFF : CommandLine.Help.Ansi.ON));
        // This team, whatever the folder the console was started in: the verbs' -C/--repo.
        String repo = peers.root().toAbsolutePath().getParent().toString();
        cli.setDefaultValueProvider(
                arg -> arg instanceof OptionSpec option && option.longestName().equals("--repo") ? repo : null);
        IExecutionExceptionHandler shown = cli.getExecutionExceptionHandler();
        // A following verb (logs -f, board --watch) is stopped by interrupting its thread: not an error.
        cli.setExecutionExceptionHandler((e, command, parsed) ->
                e instanceof InterruptedException ? 0 : shown.handleExecutionException(e, command, parsed));
        return cli;
    }

    /** A verb that follows ({@code logs -f}, {@code board --watch}) runs until a key is pressed. */
    private void follow(List<String> args, String shortFlag, String longFlag, String verb) throws InterruptedException {
        if (!args.contains(shortFlag) && !args.contains(longFlag)) {
            verb(verb, args);
            return;
        }
        screen.out().println("-- " + verb + ": press any key to stop --");
        UntilKey.run(screen.terminal(), () -> verb(verb, args));
        screen.out().println("-- stopped --");
    }

    private static List<String> endOfOptionsAfter(List<String> args, int leading) {
        if (args.size() <= leading || args.contains("--")) {
            return args;
        }
        List<String> out = new ArrayList<>(args.subList(0, leading));
        out.add("--");
        out.addAll(args.subList(leading, args.size()));
        return out;
    }

    // --- the console's own -------------------------------------------------------------------------------------

    private void help(List<String> args) {
        PrintWriter out = screen.text();
        if (args.isEmpty()) {
            out.println("Commands (Tab completes commands, roles, task ids and request ids):");
            for (Entry entry : ENTRIES) {
                out.println(String.format(Locale.ROOT, "  %-31s %s", entry.usage(), entry.text()));
            }
            out.println("Ctrl-C clears the line being typed; Ctrl-D closes the console.");
            return;
        }
        String name = switch (args.getFirst()) { // aliases
            case "ps" -> "roles";
            case "exit" -> "quit";
            case "?" -> "help";
            default -> args.getFirst();
        };
        String verb = switch (name) {
            case "roles" -> "ps";
            case "always" -> "approve";
            default -> name;
        };
        Entry entry = ENTRIES.stream()
                .filter(e -> e.name().equals(name))
                .findFirst()
                .orElseThrow(
                        () -> new ConsoleError("unknown command '" + args.getFirst() + "'; 'help' lists the commands"));
        out.println(entry.usage() + "  -  " + entry.text());
        if (VERBS.contains(verb)) {
            out.println();
            out.println("The same as the shell's 'peers-team " + verb + "'" + (name.equals("always") ? " --always" : "")
                    + ", for this team:");
            out.flush();
            commandLine().getSubcommands().get(verb).usage(screen.out()); // styled by picocli itself
        }
    }

    private void show(List<String> args) {
        if (args.size() != 1) {
            throw new ConsoleError("usage: show ROLE");
        }
        TeamInfo.RoleInfo role = role(args.getFirst());
        RoleRow live = null;
        String psProblem = null;
        try {
            PsReply ps = link.call(new ControlRequest.Ps());
            view.ps(ps);
            live = ps.role(role.name()).orElse(null);
            psProblem = live == null ? "the coordinator does not know " + role.name() : null;
        } catch (ConsoleError e) {
            psProblem = e.getMessage();
        }
        PrintWriter out = screen.text();
        out.println(role.name() + (role.lead() ? "  (lead)" : ""));
        line(
                out,
                "state",
                live == null
                        ? "?"
                        : live.state().label()
                                + (live.stoppedBecause() == null ? "" : " (" + live.stoppedBecause() + ")"));
        if (live != null && live.task() != null) {
            line(out, "task", live.task() + " " + live.taskTitle());
        }
        line(out, "prompt file", promptFile(role.name()));
        line(out, "worktree", role.worktree());
        line(out, "branch", role.branch());
        if (live != null) {
            line(out, "session id", orDash(live.sessionId()));
            line(out, "pid", orDash(live.pid()));
            int queued = live.queued();
            line(out, "queued", queued + (queued == 1 ? " message" : " messages") + " not yet taken up");
            line(out, "cost", live.cost().text());
            line(out, "last tool", orDash(live.lastTool()));
            for (PendingPermission waiting : live.permissions()) {
                String id = waiting.id();
                line(
                        out,
                        "waits for you",
                        id + " " + waiting.summary() + "  (approve " + id + " | always " + id + " | deny " + id
                                + " [reason])");
            }
        } else {
            out.println("  (" + psProblem + ")");
        }
        line(out, "transcript", "tail " + role.name() + "  (" + peers.log(role.name()) + ")");
    }

    private static String orDash(Object value) {
        return value == null ? "-" : value.toString();
    }

    /** From the team file (which .peers/team.json names): the prompt's file, or where the prompt comes from. */
    private String promptFile(String role) {
        try {
            RoleSpec spec = TeamFileLoader.load(Path.of(team.teamFile())).roles().stream()
                    .filter(r -> r.name().equals(role))
                    .findFirst()
                    .orElse(null);
            if (spec == null) {
                return "? (the team file has no role " + role + " any more)";
            }
            return spec.promptFile() != null
                    ? spec.promptFile().toString()
                    : spec.prompt().isBlank() ? "(no prompt)" : "(inline in " + team.teamFile() + ")";
        } catch (TeamFileException | RuntimeException e) {
            String message = String.valueOf(e.getMessage()).lines().findFirst().orElse("");
            return "? (cannot read the team file " + team.teamFile() + ": " + message + ")";
        }
    }

    private static void line(PrintWriter out, String label, String value) {
        out.println(String.format(Locale.ROOT, "  %-14s %s", label + ":", value));
    }

    private void tail(List<String> args) throws InterruptedException {
        if (args.size() != 1) {
            throw new ConsoleError("usage: tail ROLE");
        }
        String role = role(args.getFirst()).name();
        PrintWriter out = screen.text();
        LogReader<TrafficLine> log = new LogReader<>(peers.log(role), TrafficLine::decode);
        Transcript transcript = new Transcript(role);
        Deque<String> last = new ArrayDeque<>();
        try {
            log.readAvailable(record -> transcript.accept(record).forEach(line -> {
                last.addLast(line);
                if (last.size() > TAIL_LINES) {
                    last.removeFirst();
                }
            }));
        } catch (IOException e) {
            throw new ConsoleError("cannot read " + peers.log(role) + ": " + e.getMessage());
        }
        out.println("-- " + role + ": the last lines, then live; press any key to stop --");
        last.forEach(out::println);
        out.flush();
        UntilKey.run(screen.terminal(), () -> {
            try {
                log.follow(record -> {
                    transcript.accept(record).forEach(out::println);
                    out.flush();
                });
            } catch (InterruptedException e) {
                // a key was pressed
            } catch (IOException e) {
                out.println("cannot follow " + peers.log(role) + ": " + e.getMessage());
            }
        });
        out.println("-- stopped following " + role + " --");
    }

    private void cost(List<String> args) {
        if (!args.isEmpty()) {
            throw new ConsoleError("usage: cost");
        }
        PsReply ps = link.call(new ControlRequest.Ps());
        view.ps(ps);
        PrintWriter out = screen.text();
        out.println(String.format(Locale.ROOT, "%-14s %10s", "ROLE", "COST"));
        for (RoleRow role : ps.roles()) {
            out.println(String.format(
                    Locale.ROOT, "%-14s %10s", role.role(), role.cost().text()));
        }
        out.println(String.format(
                Locale.ROOT,
                "%-14s %10s  (team %s, up %s)",
                "total",
                ps.cost().text(),
                ps.team(),
                uptime(ps.uptimeSeconds())));
    }

    private static String uptime(long seconds) {
        return seconds < 60
                ? seconds + "s"
                : seconds < 3600
                        ? seconds / 60 + "m " + seconds % 60 + "s"
                        : seconds / 3600 + "h " + seconds % 3600 / 60 + "m";
    }

    private Outcome down(List<String> args) throws InterruptedException {
        boolean keepDirty = false;
        for (String arg : args) {
            if (arg.equals("--keep-dirty")) {
                keepDirty = true;
            } else {
                throw new ConsoleError("usage: down [--keep-dirty]");
            }
        }
        link.call(new ControlRequest.Down(keepDirty));
        PrintWriter out = screen.text();
        out.println("stopping the team ...");
        try {
            ended.get(DOWN_WAIT.toSeconds(), TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            out.println("the team has not stopped after " + DOWN_WAIT.toSeconds() + " s; see 'roles'");
            return Outcome.CONTINUE;
        } catch (ExecutionException e) {
            // ended is only ever completed normally
        }
        return Outcome.STOPPED;
    }

    private TeamInfo.RoleInfo role(String name) {
        return team.role(name)
                .orElseThrow(() -> new ConsoleError("team " + team.name() + " has no role '" + name
                        + "'; its roles are " + String.join(", ", team.roleNames())));
    }
}
