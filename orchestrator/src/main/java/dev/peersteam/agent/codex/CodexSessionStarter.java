package dev.peersteam.agent.codex;

import dev.peersteam.agent.ClaudeCommand;
import dev.peersteam.session.AgentChannel;
import dev.peersteam.session.LaunchSpec;
import dev.peersteam.session.SessionEvent;
import dev.peersteam.session.SessionStarter;
import dev.peersteam.session.TrafficLog;
import dev.peersteam.team.RoleSpec;
import dev.peersteam.team.TeamSpec;
import dev.peersteam.tools.TeamToolCatalog;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Starts an {@code agent: codex} role: {@code codex app-server} in the role's worktree (its program from the role's
 * {@code command}, {@code $PEERS_TEAM_CODEX} or {@code codex} on PATH), driven through a {@link CodexBridge}.
 */
public final class CodexSessionStarter implements SessionStarter {
    private final TeamSpec team;
    private final ClaudeCommand command;
    private final TeamToolCatalog tools;
    private final Map<String, String> environment;
    private final Path logsDir;
    private final ThreadFiles threads;
    private final Clock clock;

    public CodexSessionStarter(
            TeamSpec team,
            ClaudeCommand command,
            TeamToolCatalog tools,
            Map<String, String> environment,
            Path logsDir,
            ThreadFiles threads,
            Clock clock) {
        this.team = team;
        this.command = command;
        this.tools = tools;
        this.environment = environment;
        this.logsDir = logsDir;
        this.threads = threads;
        this.clock = clock;
    }

    @Override
    public AgentChannel start(RoleSpec role, String sessionId, boolean resume, Consumer<SessionEvent> events)
            throws IOException {
        LaunchSpec spec = new LaunchSpec(
                role.name(),
                command.argv(role, sessionId, resume), // in a session of its own, as every local agent (LocalLauncher)
                team.worktreeOf(role),
                sessionEnvironment(role),
                logsDir.resolve(role.name() + ".stderr.log"));
        TrafficLog traffic = new TrafficLog(logsDir.resolve(role.name() + ".jsonl"), clock);
        try {
            return CodexSession.start(
                    spec,
                    traffic,
                    sessionId,
                    resume,
                    CodexThreadSettings.of(team, role, tools.definitions()),
                    threads,
                    events);
        } catch (IOException e) {
            traffic.close();
            throw new IOException(
                    "cannot start " + String.join(" ", command.executable(role)) + " for role " + role.name() + ": "
                            + e.getMessage(),
                    e);
        }
    }

    private Map<String, String> sessionEnvironment(RoleSpec role) {
        Map<String, String> env = new HashMap<>(environment);
        env.put("PEERS_TEAM_NAME", team.name());
        env.put("PEERS_TEAM_ROLE", role.name());
        return env;
    }
}
