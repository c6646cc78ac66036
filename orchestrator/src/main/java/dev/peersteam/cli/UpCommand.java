package dev.peersteam.cli;

import dev.peersteam.control.TeamEvent;
import dev.peersteam.coordinator.Coordinator;
import dev.peersteam.git.GitException;
import dev.peersteam.git.WorktreeSetupException;
import dev.peersteam.runtime.Preflight;
import dev.peersteam.runtime.TeamRuntime;
import dev.peersteam.team.NotifyTarget;
import dev.peersteam.team.TeamFileException;
import dev.peersteam.team.TeamSpec;
import dev.peersteam.text.TerminalText;
import dev.peersteam.web.WebAddress;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Stack;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code peers-team up FILE}: runs a team in the foreground until Ctrl-C or SIGTERM. */
@Command(
        name = "up",
        mixinStandardHelpOptions = true,
        description = {
            "Starts a team: one git worktree (worktrees/<role>, branch peers/<role>) and one Claude Code session per"
                    + " role, connected by the team tools, and prints a live log until Ctrl-C or SIGTERM.",
            "In a terminal it opens the console instead (see 'peers-team help console'), and tool calls the rules do"
                    + " not settle wait for you there (--ask). 'quit' closes the console and the team runs on here with"
                    + " its live log; 'down' stops it.",
            "The team file is checked first; nothing is created when it has problems. The goal, if any, is the"
                    + " lead's first message. State and logs go to .peers/ in the repository."
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:the team was stopped (down), or with --until-done: every task is done",
            "1:the team could not start, every session ended on its own, a budget stopped it, or with --until-done:"
                    + " a task failed or the work is stuck",
            "130/143:stopped by Ctrl-C / SIGTERM (after stopping every session)",
            "2:the team file has problems"
        },
        footer = {
            "",
            "Examples:",
            "  peers-team up team.yaml",
            "  peers-team up --no-console team.yaml        # the live log only, even in a terminal",
            "  peers-team up --until-done team.yaml        # headless: exit when the board is done",
            "  peers-team up --web team.yaml               # and the web dashboard on 127.0.0.1 (prints its address)",
            "  peers-team up --notify 'notify-send peers-team \"$PEERS_NOTIFY_TEXT\"' team.yaml",
            "  PEERS_TEAM_CLAUDE=/opt/claude/bin/claude peers-team up team.yaml   # a claude not on PATH",
        })
public final class UpCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @ParentCommand
    private PeersTeamCommand root;

    @Parameters(paramLabel = "FILE", description = "The team file, e.g. team.yaml.")
    private Path file;

    @Option(
            names = {"-v", "--verbose"},
            description = "Also log deliveries and allowed permission requests.")
    private boolean verbose;

    @Option(
            names = "--until-done",
            description = "Run headless until the board is settled: exit 0 when every task"
                    + " is done and every session idle, 1 when a task failed, the work is stuck, or a budget stopped the team;"
                    + " then print a summary.")
    private boolean untilDone;

    @Option(
            names = "--ask",
            description =
                    "Tool calls the role's rules do not settle wait for a person"
                            + " (peers-team approve|deny ID, or the console) instead of being denied. The default with the console.")
    private boolean ask;

    @Option(
            names = "--web",
            arity = "1",
            paramLabel = "HOST:PORT",
            preprocessor = OptionalValue.class,
            description = "Also serve the web dashboard (see 'peers-team help web'): --web alone listens on"
                    + " 127.0.0.1:7411 (or a free port), --web=HOST:PORT where you say. Tool calls the rules do not"
                    + " settle wait for a person there, as with --ask.")
    private String web;

    @Option(
            names = "--notify",
            paramLabel = "CMD|URL",
            description = "Tell someone when the team needs a person (a permission request, a crash, a budget, stuck,"
                    + " a failed task, the board done): an http(s) URL gets each notice POSTed as JSON, anything else"
                    + " is a command run by sh with the notice as JSON on stdin and in PEERS_NOTIFY_* variables."
                    + " Repeatable; adds to the team file's notify:.")
    private List<String> notify = new ArrayList<>();

    @Option(
            names = "--no-console",
            description = "Do not open the console, even in a terminal: print the live log"
                    + " as when not in a terminal. (--until-done never opens it.)")
    private boolean noConsole;

    @Option(
            names = "--max-active",
            paramLabel = "N",
            description = "At most N sessions in a turn at once; the others keep their messages until a turn ends"
                    + " (ps shows them 'waiting'). Overrides max_active in the team file.")
    private Integer maxActive;

    @Override
    public Integer call() throws InterruptedException, java.io.IOException {
        if (maxActive != null && maxActive < 1) {
            throw new UserError(
                    "--max-active must be at least 1, not " + maxActive
                            + ". Leave it out (and max_active out of the team file) for no cap.",
                    ExitCodes.INVALID);
        }
        TeamSpec team;
        try {
            team = new Preflight(root.environment()).check(file);
        } catch (TeamFileException e) {
            throw new UserError(e.getMessage(), ExitCodes.INVALID, e);
        }
        if (maxActive != null) {
            team = team.withMaxActive(maxActive);
        }
        team = withNotifyOptions(team);
        WebAddress webAddress = webAddress();
        PrintWriter out = spec.commandLine().getOut();
        Clock clock = Clock.systemDefaultZone();
        boolean console = !noConsole && !untilDone && ConsoleCommand.interactiveTerminal();
        LiveLog log = new LiveLog(out, clock, verbose);
        AtomicBoolean consoleShown = new AtomicBoolean(); // while the console is open it prints the events itself
        Consumer<TeamEvent> events = event -> {
            if (!consoleShown.get()) {
                log.accept(event);
            }
        };
        try {
            TeamRuntime.Result result = new TeamRuntime(
                            root.environment(), out, clock, new WarmVerbs(root.environment()))
                    .up(
                            team,
                            new Coordinator.Settings(ask || console || webAddress != null, untilDone),
                            events,
                            console ? ConsoleCommand.inUp(out, verbose, consoleShown) : null,
                            webAddress == null ? null : new WebInUp(webAddress, out));
            if (untilDone) {
                out.print(TerminalText.lines(RunSummary.render(result.outcome(), result.report())));
                out.flush();
            }
            return switch (result.outcome()) {
                case STOPPED -> ExitCodes.OK;
                case ALL_SESSIONS_ENDED -> {
                    spec.commandLine().getErr().println("peers-team: every session ended; see .peers/logs/ for why");
                    yield ExitCodes.FAILED;
                }
                case BUDGET_EXCEEDED -> {
                    spec.commandLine().getErr().println("peers-team: the team budget was reached; the team stopped");
                    yield ExitCodes.FAILED;
                }
                case DONE -> ExitCodes.OK;
                case TASKS_FAILED, STUCK -> ExitCodes.FAILED;
                case FAILED -> {
                    spec.commandLine()
                            .getErr()
                            .println("peers-team: the coordinator stopped the team after an error (see above);"
                                    + " 'peers-team up' resumes it");
                    yield ExitCodes.FAILED;
                }
            };
        } catch (TeamRuntime.StartFailure | GitException | WorktreeSetupException e) {
            throw new UserError("peers-team: " + e.getMessage(), ExitCodes.FAILED, e);
        }
    }

    private TeamSpec withNotifyOptions(TeamSpec team) {
        List<NotifyTarget> more = new ArrayList<>();
        for (String value : notify) {
            try {
                more.add(NotifyTarget.parse(value));
            } catch (IllegalArgumentException e) {
                throw new UserError("peers-team: --notify: " + e.getMessage(), ExitCodes.INVALID, e);
            }
        }
        return more.isEmpty() ? team : team.notifyingAlso(more);
    }

    private WebAddress webAddress() {
        if (web == null) {
            return null;
        }
        try {
            return WebAddress.parse(web);
        } catch (IllegalArgumentException e) {
            throw new UserError("peers-team: --web: " + e.getMessage(), ExitCodes.INVALID, e);
        }
    }

    /**
     * {@code --web} takes a value only when it is attached ({@code --web=:9000}): {@code up --web team.yaml} must not
     * read the team file as an address.
     */
    static final class OptionalValue implements CommandLine.IParameterPreprocessor {
        @Override
        public boolean preprocess(
                Stack<String> args, CommandSpec commandSpec, ArgSpec argSpec, Map<String, Object> info) {
            if (" ".equals(info.get("separator"))) {
                args.push(""); // as if --web= was written: the default address
            }
            return false;
        }
    }
}
