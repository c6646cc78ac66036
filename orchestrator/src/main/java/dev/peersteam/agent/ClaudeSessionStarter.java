package dev.peersteam.agent;

import dev.peersteam.session.AgentChannel;
import dev.peersteam.session.AgentProcess;
import dev.peersteam.session.LaunchSpec;
import dev.peersteam.session.SessionEvent;
import dev.peersteam.session.SessionStarter;
import dev.peersteam.session.TrafficLog;
import dev.peersteam.team.RoleSpec;
import dev.peersteam.team.TeamSpec;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** Starts a role's {@code claude} process in the role's worktree, with its traffic logged to {@code .peers/logs}. */
public final class ClaudeSessionStarter implements SessionStarter {
    private final TeamSpec team;
    private final ClaudeCommand command;
    private final Map<String, String> environment;
    private final Path logsDir;
    private final Clock clock;

    public ClaudeSessionStarter(
            TeamSpec team, ClaudeCommand command, Map<String, String> environment, Path logsDir, Clock clock) {
        this.team = team;
        this.command = command;
        this.environment = environment;
        this.logsDir = logsDir;
        this.clock = clock;
    }

    @Override
    public AgentChannel start(RoleSpec role, String sessionId, boolean resume, Consumer<SessionEvent> events)
            throws IOException {
        LaunchSpec spec = new LaunchSpec(
                role.name(),
                ownSession(command.argv(role, sessionId, resume)),
                team.worktreeOf(role),
                sessionEnvironment(role),
                logsDir.resolve(role.name() + ".stderr.log"));
        TrafficLog traffic = new TrafficLog(logsDir.resolve(role.name() + ".jsonl"), clock);
        try {
            return AgentProcess.start(spec, traffic, events);
        } catch (IOException e) {
            traffic.close();
            throw new IOException(
                    "cannot start " + String.join(" ", command.executable(role)) + " for role " + role.name() + ": "
                            + e.getMessage(),
                    e);
        }
    }

    /**
     * Runs the agent in a session of its own ({@code setsid}, where there is one), away from the terminal's process
     * group: a Ctrl-C typed at {@code up} then reaches only the coordinator, which stops every session in order,
     * instead of killing the agents behind its back. The pid stays the agent's own ({@code setsid} execs it).
     */
    private List<String> ownSession(List<String> argv) {
        for (String dir : environment.getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (!dir.isEmpty() && java.nio.file.Files.isExecutable(Path.of(dir, "setsid"))) {
                List<String> wrapped =
                        new java.util.ArrayList<>(List.of(Path.of(dir, "setsid").toString()));
                wrapped.addAll(argv);
                return wrapped;
            }
        }
        return argv;
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
