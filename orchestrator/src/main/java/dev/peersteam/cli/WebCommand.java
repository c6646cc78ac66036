package dev.peersteam.cli;

import dev.peersteam.control.ControlRequest;
import dev.peersteam.runtime.PeersDir;
import dev.peersteam.runtime.TeamInfo;
import dev.peersteam.text.TerminalText;
import dev.peersteam.web.WebAddress;
import dev.peersteam.web.WebDashboard;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code peers-team web}: the web dashboard of the team running in this repository, until the team stops. */
@Command(
        name = "web",
        mixinStandardHelpOptions = true,
        description = {
            "Serves the web dashboard of the running team: roles, board, feed and transcripts live, and the tool calls"
                    + " waiting for a person, to approve or deny from any browser; send, assign, interrupt and stop too.",
            "It listens on 127.0.0.1 and prints an address with a secret token: only that address opens it. From a"
                    + " phone or another machine, use an SSH tunnel (see docs/web.md). Like the console it is one more"
                    + " client of the team: Ctrl-C stops the dashboard, not the team. 'up --web' starts one with the team."
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:the team stopped", "1:the dashboard could not start", "3:no team is running here"},
        footer = {
            "",
            "Examples:",
            "  peers-team web",
            "  peers-team web --listen 127.0.0.1:8080",
            "  ssh -L 7411:127.0.0.1:7411 build-box     # then open the printed address on this side"
        })
public final class WebCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Mixin
    private PeersOptions peers;

    @Option(
            names = "--listen",
            paramLabel = "HOST:PORT",
            description =
                    "Where to listen (default: 127.0.0.1:7411, or a free port when that one is taken). Another"
                            + " address than 127.0.0.1 is reachable by others: a warning says so, and the token is still needed.")
    private String listen;

    @Override
    public Integer call() throws IOException, InterruptedException {
        PeersDir dir = peers.peersDir();
        TeamInfo team = peers.teamInfo(dir);
        CoordinatorCall.request(dir, new ControlRequest.Hello()); // no coordinator: exit 3 with advice
        WebAddress address;
        try {
            address = WebAddress.parse(listen);
        } catch (IllegalArgumentException e) {
            throw new UserError("peers-team: --listen " + e.getMessage(), ExitCodes.INVALID, e);
        }
        PrintWriter out = spec.commandLine().getOut();
        WebDashboard dashboard;
        try {
            dashboard = WebDashboard.start(dir, team, address, Clock.systemDefaultZone());
        } catch (IOException e) {
            throw new UserError("peers-team: the dashboard could not start: " + e.getMessage(), ExitCodes.FAILED, e);
        }
        Thread hook = new Thread(dashboard::close, "peers-web-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try (dashboard) {
            WebInUp.announce(out, team.name(), dashboard, "Ctrl-C stops the dashboard; the team keeps running.");
            String why = dashboard.teamStopped().get();
            out.println(TerminalText.line("peers-team: " + why + "; the dashboard stops."));
            out.flush();
            return ExitCodes.OK;
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook closes the dashboard
            }
        }
    }
}
