package dev.peersteam.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;

import dev.peersteam.coordinator.Coordinator;
import dev.peersteam.git.GitException;
import dev.peersteam.git.WorktreeSetupException;
import dev.peersteam.runtime.TeamRuntime;
import dev.peersteam.team.TeamFileException;
import dev.peersteam.team.TeamFileLoader;
import dev.peersteam.team.TeamSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code peers-team up FILE}: runs a team in the foreground until Ctrl-C or SIGTERM. */
@Command(
        name = "up",
        mixinStandardHelpOptions = true,
        description = {
            "Starts a team: one git worktree (worktrees/<role>, branch peers/<role>) and one Claude Code session per"
                    + " role, connected by the team tools, and prints a live log until Ctrl-C or SIGTERM.",
            "The team file is checked first; nothing is created when it has problems. The goal, if any, is the"
                    + " lead's first message. State and logs go to .peers/ in the repository."
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:the team was stopped (Ctrl-C, SIGTERM)",
            "1:the team could not start, or every session ended on its own",
            "2:the team file has problems"
        },
        footer = {
            "",
            "Examples:",
            "  peers-team up team.yaml",
            "  PEERS_TEAM_CLAUDE=/opt/claude/bin/claude peers-team up team.yaml   # a claude not on PATH",
        })
public final class UpCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "The team file, e.g. team.yaml.")
    private Path file;

    @Option(names = {"-v", "--verbose"}, description = "Also log deliveries and allowed permission requests.")
    private boolean verbose;

    @Override
    public Integer call() throws InterruptedException {
        TeamSpec team;
        try {
            team = TeamFileLoader.load(file);
        } catch (TeamFileException e) {
            throw new UserError(e.getMessage(), ExitCodes.INVALID, e);
        }
        PrintWriter out = spec.commandLine().getOut();
        Clock clock = Clock.systemDefaultZone();
        try {
            Coordinator.Outcome outcome = new TeamRuntime(System.getenv(), out, clock)
                    .up(team, new LiveLog(out, clock, verbose));
            return switch (outcome) {
                case STOPPED -> ExitCodes.OK;
                case ALL_SESSIONS_ENDED -> {
                    spec.commandLine().getErr().println("peers-team: every session ended; see .peers/logs/ for why");
                    yield ExitCodes.FAILED;
                }
                case BUDGET_EXCEEDED -> {
                    spec.commandLine().getErr().println("peers-team: the team budget was reached; the team stopped");
                    yield ExitCodes.FAILED;
                }
            };
        } catch (TeamRuntime.StartFailure | GitException | WorktreeSetupException e) {
            throw new UserError("peers-team: " + e.getMessage(), ExitCodes.FAILED, e);
        }
    }
}
