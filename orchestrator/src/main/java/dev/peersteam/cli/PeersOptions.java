package dev.peersteam.cli;

import dev.peersteam.control.ControlReply;
import dev.peersteam.control.ControlRequest;
import dev.peersteam.runtime.PeersDir;
import dev.peersteam.runtime.PeersLocator;
import dev.peersteam.runtime.TeamInfo;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Shared option of the verbs that act on a running (or past) team: which repository's team. */
public final class PeersOptions {
    @Option(
            names = {"-C", "--repo"},
            paramLabel = "DIR",
            description =
                    "Run as if started in DIR (the team's repository or any folder inside it). Default: the current folder.")
    Path directory;

    @Spec(Spec.Target.MIXEE)
    private CommandSpec mixee;

    /**
     * Asks the team's coordinator {@code request} and returns its reply, or throws the answer's error as a
     * {@link UserError}: over the control socket, or directly when this runs in that very coordinator.
     */
    public <R extends ControlReply> R ask(ControlRequest.Call<R> request) {
        PeersDir peers = peersDir();
        return CoordinatorCall.request(peers, request, root().flatMap(root -> root.coordinatorOf(peers)));
    }

    private Optional<PeersTeamCommand> root() {
        return mixee != null && mixee.root().userObject() instanceof PeersTeamCommand root
                ? Optional.of(root)
                : Optional.empty();
    }

    /** The team's {@code .peers/} folder, or a user error saying how to get one. */
    public PeersDir peersDir() {
        Path typedIn = root().map(PeersTeamCommand::workingDirectory)
                .orElse(Path.of("").toAbsolutePath());
        Path start = directory != null ? typedIn.resolve(directory) : typedIn;
        return PeersLocator.find(start)
                .orElseThrow(() -> new UserError(
                        "peers-team: no team here: there is no .peers/ folder in "
                                + start.toAbsolutePath().normalize()
                                + " or above it. Run this inside the repository of a team started with"
                                + " 'peers-team up team.yaml', or pass -C DIR.",
                        ExitCodes.NO_COORDINATOR));
    }

    /** The team's description written by {@code up}, or a user error when {@code up} never got that far. */
    public TeamInfo teamInfo(PeersDir peers) {
        return TeamInfo.read(peers.teamInfo())
                .orElseThrow(() -> new UserError(
                        "peers-team: " + peers.teamInfo()
                                + " is missing: start the team once with 'peers-team up team.yaml'.",
                        ExitCodes.NO_COORDINATOR));
    }

    /** A role name from the command line, checked against the team before it becomes part of a path. */
    public static String checkRole(TeamInfo team, String role) {
        if (team.role(role).isEmpty()) {
            throw new UserError(
                    "peers-team: team " + team.name() + " has no role '" + role + "'; its roles are "
                            + String.join(", ", team.roleNames()) + ".",
                    ExitCodes.INVALID);
        }
        return role;
    }
}
