package dev.peersteam.agent;

import dev.peersteam.session.AgentChannel;
import dev.peersteam.session.AgentProcess;
import dev.peersteam.session.LaunchSpec;
import dev.peersteam.session.LocalLauncher;
import dev.peersteam.session.ProcessLauncher;
import dev.peersteam.session.SessionEvent;
import dev.peersteam.session.SessionStarter;
import dev.peersteam.session.TrafficLog;
import dev.peersteam.team.RoleSpec;
import dev.peersteam.team.TeamSpec;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;

/** Starts a role's {@code claude} process in the role's worktree, with its traffic logged to {@code .peers/logs}. */
public final class ClaudeSessionStarter implements SessionStarter {
    private final TeamSpec team;
    private final ClaudeCommand command;
    private final Map<String, String> environment;
    private final Path logsDir;
    private final Clock clock;
    private final Function<RoleSpec, ProcessLauncher> launchers;

    /** Every role's agent on this machine. */
    public ClaudeSessionStarter(
            TeamSpec team, ClaudeCommand command, Map<String, String> environment, Path logsDir, Clock clock) {
        this(team, command, environment, logsDir, clock, role -> new LocalLauncher());
    }

    /** @param launchers where each role's agent runs: on this machine, or on the role's host */
    public ClaudeSessionStarter(
            TeamSpec team,
            ClaudeCommand command,
            Map<String, String> environment,
            Path logsDir,
            Clock clock,
            Function<RoleSpec, ProcessLauncher> launchers) {
        this.team = team;
        this.command = command;
        this.environment = environment;
        this.logsDir = logsDir;
        this.clock = clock;
        this.launchers = launchers;
    }

    @Override
    public AgentChannel start(RoleSpec role, String sessionId, boolean resume, Consumer<SessionEvent> events)
            throws IOException {
        LaunchSpec spec = new LaunchSpec(
                role.name(),
                command.argv(role, sessionId, resume),
                team.worktreeOf(role),
                sessionEnvironment(role),
                logsDir.resolve(role.name() + ".stderr.log"));
        TrafficLog traffic = new TrafficLog(logsDir.resolve(role.name() + ".jsonl"), clock);
        try {
            return AgentProcess.start(launchers.apply(role), spec, traffic, events);
        } catch (IOException e) {
            traffic.close();
            throw new IOException(
                    "cannot start " + String.join(" ", command.executable(role)) + " for role " + role.name() + ": "
                            + e.getMessage(),
                    e);
        }
    }

    /**
     * The coordinator's own environment (the user's PATH, keys and settings reach the agent unchanged), without
     * {@code CLAUDECODE}, which would make the CLI believe it runs nested inside another Claude Code.
     */
    private Map<String, String> sessionEnvironment(RoleSpec role) {
        Map<String, String> env = new HashMap<>(environment);
        env.remove("CLAUDECODE");
        env.put("PEERS_TEAM_NAME", team.name());
        env.put("PEERS_TEAM_ROLE", role.name());
        return env;
    }
}
