package dev.peersteam.remote;

import dev.peersteam.session.LaunchSpec;
import dev.peersteam.session.LocalLauncher;
import dev.peersteam.session.ProcessLauncher;
import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Runs a role's agent on another machine: the local process is the shell client ({@code ssh}), which runs
 * {@link RemoteScripts#agent} there: the same command line in the role's worktree on the host, with the team's
 * {@code PEERS_TEAM_*} variables; everything else of the environment is the host's own (its PATH, its login, its
 * {@code ~/.claude}). The agent's stdout comes back as the client's stdout, its stderr into the role's stderr log,
 * its exit code as the client's (a link failure as the client's own code, 255 for ssh): to the coordinator it is one
 * more process that speaks stream-json, and that may crash.
 */
public final class RemoteLauncher implements ProcessLauncher {
    private static final Duration CLEANUP_TIMEOUT = Duration.ofSeconds(20);

    private final RemoteShell shell;
    private final Map<String, String> clientEnvironment;
    private volatile String lastSession;

    /** @param clientEnvironment the environment of the local client (ssh reads its agent socket from it) */
    public RemoteLauncher(RemoteShell shell, Map<String, String> clientEnvironment) {
        this.shell = shell;
        this.clientEnvironment = Map.copyOf(clientEnvironment);
    }

    @Override
    public Process start(LaunchSpec spec) throws IOException {
        Map<String, String> team = new HashMap<>();
        spec.environment().forEach((name, value) -> {
            if (name.startsWith("PEERS_TEAM_")) {
                team.put(name, value);
            }
        });
        sessionOf(spec).ifPresent(id -> lastSession = id);
        String script = RemoteScripts.agent(spec.workingDirectory(), team, spec.command());
        LaunchSpec client = new LaunchSpec(
                spec.role(), shell.argv(script), spec.stderrLog().getParent(), clientEnvironment, spec.stderrLog());
        return new LocalLauncher().start(client);
    }

    @Override
    public String where() {
        return shell.where();
    }

    /**
     * Ends whatever is left on the host of the session launched last: after {@code down}, so that no agent process
     * outlives the team even where the host's sshd has not yet noticed a dead link.
     *
     * @return what the host said, or empty when nothing was launched
     */
    public Optional<RemoteShell.Result> endLeftovers() throws IOException {
        String session = lastSession;
        if (session == null) {
            return Optional.empty();
        }
        return Optional.of(
                shell.run(RemoteScripts.endLeftovers(session), new byte[0], CLEANUP_TIMEOUT, clientEnvironment));
    }

    /** The session id the command line names ({@code --session-id=ID} or {@code --resume=ID}). */
    static Optional<String> sessionOf(LaunchSpec spec) {
        for (String arg : spec.command()) {
            for (String flag : new String[] {"--session-id=", "--resume="}) {
                if (arg.startsWith(flag)) {
                    return Optional.of(arg.substring(flag.length()));
                }
            }
        }
        return Optional.empty();
    }
}
