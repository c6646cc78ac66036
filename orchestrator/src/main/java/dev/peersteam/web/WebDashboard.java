package dev.peersteam.web;

import dev.peersteam.runtime.PeersDir;
import dev.peersteam.runtime.TeamInfo;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The web dashboard of a running team ({@code peers-team web}, {@code up --web}): a page that shows the team live
 * and lets a person answer its permission requests and steer it, from any browser that holds the printed address.
 * One more client of the control socket, so it runs inside {@code up} or as a process of its own alike.
 */
public final class WebDashboard implements AutoCloseable {
    private final WebServer server;
    private final Dashboard dashboard;
    private final WebAddress address;

    private WebDashboard(WebServer server, Dashboard dashboard, WebAddress address) {
        this.server = server;
        this.dashboard = dashboard;
        this.address = address;
    }

    /** Starts listening on {@code address}; the team is reached through its control socket in {@code peers}. */
    public static WebDashboard start(PeersDir peers, TeamInfo team, WebAddress address, Clock clock)
            throws IOException {
        TeamLink link = new TeamLink(peers.socket());
        Dashboard dashboard = new Dashboard(link, team, clock);
        WebServer server;
        try {
            server = WebServer.start(address, dashboard, link, team, peers);
        } catch (IOException | RuntimeException e) {
            dashboard.close();
            throw e;
        }
        dashboard.start();
        return new WebDashboard(server, dashboard, new WebAddress(address.host(), server.port(), true));
    }

    /** The address to open, with the token: give it only to whoever may steer the team. */
    public String url() {
        return base() + "?token=" + server.access().token();
    }

    /** The address without the token, safe to show or send (a notice carries it): it opens nothing by itself. */
    public String base() {
        String host = address.host();
        if (host.equals("0.0.0.0") || host.equals("::")) {
            host = "127.0.0.1"; // listening everywhere: this machine reaches it at least here
        }
        return "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + address.port() + "/";
    }

    /** What a person must know before using it from elsewhere; empty for the safe default. */
    public List<String> warnings() {
        List<String> warnings = new ArrayList<>();
        if (!address.loopback()) {
            warnings.add("the dashboard listens on " + address + ", not only on this machine: anyone who can reach"
                    + " that address and has the token can approve tool calls and steer the team, and the traffic"
                    + " (token included) is not encrypted. Prefer 127.0.0.1 with an SSH tunnel; see docs/web.md.");
        }
        return warnings;
    }

    /** Completes with the reason when the team stops. */
    public CompletableFuture<String> teamStopped() {
        return dashboard.ended();
    }

    @Override
    public void close() {
        dashboard.close();
        server.close();
    }
}
