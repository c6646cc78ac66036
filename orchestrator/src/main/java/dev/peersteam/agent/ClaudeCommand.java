package dev.peersteam.agent;

import dev.peersteam.agent.sim.SimAgentMain;
import dev.peersteam.team.AgentKind;
import dev.peersteam.team.RoleSpec;
import dev.peersteam.team.TeamSpec;
import dev.peersteam.tools.McpServer;
import dev.peersteam.tools.TeamToolCatalog;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Builds the argv of one role's {@code claude} process (see the protocol notes, section 1). */
public final class ClaudeCommand {
    /** Overrides the {@code claude} executable for every role that does not set {@code command}. */
    public static final String EXECUTABLE_ENV = "PEERS_TEAM_CLAUDE";

    private static final String MCP_CONFIG =
            "{\"mcpServers\":{\"" + McpServer.NAME + "\":{\"type\":\"sdk\",\"name\":\"" + McpServer.NAME + "\"}}}";

    private final TeamSpec team;
    private final TeamToolCatalog tools;
    private final Map<String, String> environment;

    public ClaudeCommand(TeamSpec team, TeamToolCatalog tools, Map<String, String> environment) {
        this.team = team;
        this.tools = tools;
        this.environment = environment;
    }

    /** The argv for a new session, or for resuming {@code resumeSessionId} when it is not null. */
    public List<String> argv(RoleSpec role, String resumeSessionId) {
        List<String> argv = new ArrayList<>(executable(role));
        argv.addAll(List.of("--output-format", "stream-json", "--verbose", "--input-format", "stream-json"));
        argv.addAll(List.of("--append-system-prompt", TeamPrompt.forRole(team, role)));
        if (role.model() != null) {
            argv.addAll(List.of("--model", role.model()));
        }
        argv.addAll(List.of("--permission-mode", role.permissionMode()));
        argv.addAll(List.of("--permission-prompt-tool", "stdio"));
        argv.addAll(List.of("--mcp-config", MCP_CONFIG));
        List<String> allowed = new ArrayList<>(tools.qualifiedNames(McpServer.NAME));
        allowed.addAll(role.allowedTools());
        argv.addAll(List.of("--allowedTools", String.join(",", allowed)));
        if (resumeSessionId != null) {
            argv.add("--resume=" + resumeSessionId); // '=' form: a value starting with '-' must not read as a flag
        }
        return argv;
    }

    /**
     * The role's {@code command}; else, for {@code agent: sim}, the simulated agent run by this same Java from this
     * same jar; else {@code $PEERS_TEAM_CLAUDE}; else {@code claude} from PATH.
     */
    public List<String> executable(RoleSpec role) {
        if (role.command() != null && !role.command().isEmpty()) {
            return role.command();
        }
        if (role.agent() == AgentKind.SIM) {
            if (role.simScript() == null) {
                throw new IllegalArgumentException("role " + role.name() + " is 'agent: sim' but names no"
                        + " behaviour script: add 'sim_script: FILE' to it (or to defaults)");
            }
            return List.of(
                    ProcessHandle.current().info().command().orElse("java"),
                    // a small, quick JVM: a sim agent only shuffles JSON lines
                    "-XX:TieredStopAtLevel=1",
                    "-XX:+UseSerialGC",
                    "-Xss512k",
                    "-Xms8m",
                    "-XX:MaxRAMPercentage=5",
                    "-cp",
                    System.getProperty("java.class.path"),
                    SimAgentMain.class.getName(),
                    "--script",
                    role.simScript().toString());
        }
        String override = environment.get(EXECUTABLE_ENV);
        if (override != null && !override.isBlank()) {
            return Arrays.asList(override.strip().split("\\s+"));
        }
        return List.of("claude");
    }

    /** Whether the executable can be found, so {@code up} can fail early with advice instead of at spawn. */
    public boolean executableExists(RoleSpec role) {
        return whyNotFound(role).isEmpty();
    }

    /**
     * Why the role's program cannot be started, or empty when it can: e.g. "cannot find 'claude' on PATH". A program
     * found must be a regular file that may be executed: a directory is "executable" to the file system too.
     */
    public Optional<String> whyNotFound(RoleSpec role) {
        if (role.agent() == AgentKind.SIM
                && (role.command() == null || role.command().isEmpty())) {
            return role.simScript() != null
                    ? Optional.empty()
                    : Optional.of("'agent: sim' needs a behaviour script ('sim_script:')");
        }
        String program = executable(role).getFirst();
        String origin = role.command() != null && !role.command().isEmpty()
                ? ""
                : environment.containsKey(EXECUTABLE_ENV)
                                && !environment.get(EXECUTABLE_ENV).isBlank()
                        ? " (from $" + EXECUTABLE_ENV + ")"
                        : "";
        if (program.contains(File.separator)) {
            // A relative program runs from the role's worktree, a checkout of the repository: judged in the repository.
            Path path = team.repo().resolve(program).normalize();
            if (!Files.exists(path)) {
                return Optional.of("the agent program " + program + origin + " does not exist");
            }
            if (!Files.isRegularFile(path) || !Files.isExecutable(path)) {
                return Optional.of("the agent program " + program + origin + " is not an executable file");
            }
            return Optional.empty();
        }
        String path = environment.getOrDefault("PATH", "");
        for (String dir : path.split(File.pathSeparator)) {
            if (!dir.isEmpty()) {
                Path candidate = Path.of(dir, program);
                if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                    return Optional.empty();
                }
            }
        }
        return Optional.of("cannot find the agent program '" + program + "'" + origin + " on PATH ("
                + (path.isEmpty() ? "PATH is empty" : path) + ")");
    }
}
