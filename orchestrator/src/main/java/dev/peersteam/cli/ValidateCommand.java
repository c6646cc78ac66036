package dev.peersteam.cli;

import dev.peersteam.runtime.Preflight;
import dev.peersteam.team.TeamFileException;
import dev.peersteam.team.TeamSpec;
import dev.peersteam.text.TerminalText;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code peers-team validate FILE}: checks a team file without starting anything. */
@Command(
        name = "validate",
        mixinStandardHelpOptions = true,
        description = {
            "Checks a team file and prints the resolved team.",
            "Paths are resolved, defaults applied and the lead chosen, as 'up' would. Every problem is reported at"
                    + " once, each with its line and column and a suggested fix.",
            "It makes every check 'up' makes before it creates anything: the files the team file names, the git"
                    + " repository and base, each role's agent program (on PATH, $PEERS_TEAM_CLAUDE or 'command:')"
                    + " and behaviour script. A file it accepts is one 'up' starts.",
            "Nothing is created or started."
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:the team file is valid",
            "2:the team file has problems (printed to stderr), or the arguments are wrong"
        },
        footer = {
            "",
            "Examples:",
            "  peers-team validate team.yaml",
            "  peers-team validate team.yaml.example   # the commented example of every key",
        })
public final class ValidateCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @ParentCommand
    private PeersTeamCommand root;

    @Parameters(paramLabel = "FILE", description = "The team file to check, e.g. team.yaml.")
    private Path file;

    @Override
    public Integer call() {
        TeamSpec team;
        try {
            team = new Preflight(root.environment()).check(file);
        } catch (TeamFileException e) {
            throw new UserError(e.getMessage(), ExitCodes.INVALID, e);
        }
        PrintWriter out = spec.commandLine().getOut();
        out.print(TerminalText.lines(new TeamSummary(team).render()));
        out.println(TerminalText.line(
                team.file().getFileName() + " is valid: " + team.roles().size() + " role"
                        + (team.roles().size() == 1 ? "" : "s") + ", lead "
                        + team.lead().name() + "."));
        out.flush();
        return ExitCodes.OK;
    }
}
