package dev.peersteam.cli;

import dev.peersteam.runtime.PeersDir;
import dev.peersteam.runtime.TeamInfo;
import dev.peersteam.runtime.TeamRuntime;
import dev.peersteam.text.TerminalText;
import dev.peersteam.web.WebAddress;
import dev.peersteam.web.WebDashboard;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Clock;

/** {@code up --web}: the dashboard beside the team, in the same process, a client of its control socket. */
final class WebInUp implements TeamRuntime.Beside {
    private final WebAddress address;
    private final PrintWriter out;
    private WebDashboard dashboard;

    WebInUp(WebAddress address, PrintWriter out) {
        this.address = address;
        this.out = out;
    }

    @Override
    public String start(PeersDir peers) throws IOException {
        TeamInfo team = TeamInfo.read(peers.teamInfo())
                .orElseThrow(() -> new IllegalStateException(peers.teamInfo() + " was not written"));
        try {
            dashboard = WebDashboard.start(peers, team, address, Clock.systemDefaultZone());
        } catch (IOException e) {
            throw new TeamRuntime.StartFailure("the dashboard could not start: " + e.getMessage()
                    + (address.chosen() ? "; choose another port with --web=127.0.0.1:PORT" : ""));
        }
        announce(out, team.name(), dashboard, "It stops with the team.");
        return dashboard.base();
    }

    /** The address with its token, and what a person must know before using it from elsewhere. */
    static void announce(PrintWriter out, String team, WebDashboard dashboard, String lifetime) {
        synchronized (out) {
            dashboard.warnings().forEach(w -> out.println(TerminalText.line("peers-team: WARNING: " + w)));
            out.println(TerminalText.line("peers-team: the dashboard of team " + team + ": " + dashboard.url()));
            out.println(TerminalText.line("peers-team: the address holds a secret token: whoever has it can approve"
                    + " tool calls and steer the team. " + lifetime));
            out.flush();
        }
    }

    @Override
    public void close() {
        if (dashboard != null) {
            dashboard.close();
        }
    }
}
