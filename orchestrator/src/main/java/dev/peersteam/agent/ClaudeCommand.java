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
    /** Overrides the {@code codex} executable for every {@code agent: codex} role that does not set {@code command}. */
    public static final String CODEX_EXECUTABLE_ENV = "PEERS_TEAM_CODEX";

    private static final String MCP_CONFIG =
            "{\"mcpServers\":{\"" + McpServer.NAME + "\":{\"type\":\"sdk\",\"name\":\"" + McpServer.NAME + "\"}}}";

    /** The programs Claude Code's Bash sandbox needs on Linux (bubblewrap, and socat for its network proxy). */
    static final List<String> SANDBOX_PROGRAMS = List.of("bwrap", "socat");

    /**
     * What Claude Code's sandbox (measured with 2.1.328) lays over these names in the working directory, so that no
     * command can write them: character devices inside the sandbox, on which {@code git add -A} fails ("can only add
     * regular files"). Ignored by git (in {@code info/exclude}), they are skipped instead. A repository that tracks
     * one of them cannot {@code git add -A} in a sandboxed role; docs/security.md says so.
     */
    public static final List<String> SANDBOX_MASKED = List.of(
            "/.bash_profile",
            "/.bashrc",
            "/.profile",
            "/.zprofile",
            "/.zshrc",
            "/.gitconfig",
            "/.gitmodules",
            "/.ripgreprc",
            "/.mcp.json",
            "/.idea",
            "/.vscode",
            "/.claude");

    private final TeamSpec team;
    private final TeamToolCatalog tools;
    private final Map<String, String> environment;
    private final List<Path> coordinatorFiles;

    /** For a team whose state folder is {@code <repo>/.peers}. */
    public ClaudeCommand(TeamSpec team, TeamToolCatalog tools, Map<String, String> environment) {
        this(
                team,
                tools,
                environment,
                List.of(team.repo().resolve(".peers").toAbsolutePath().normalize()));
    }

    /**
     * @param coordinatorFiles the canonical paths of the coordinator's own files (the state folder, the control
     *                         socket when it lies elsewhere): every session is told to deny them to itself, and a
     *                         sandboxed one cannot read them
     */
    public ClaudeCommand(
            TeamSpec team, TeamToolCatalog tools, Map<String, String> environment, List<Path> coordinatorFiles) {
        this.team = team;
        this.tools = tools;
        this.environment = environment;
        this.coordinatorFiles = List.copyOf(coordinatorFiles);
    }

    /** The argv for session {@code sessionId}: resumed, or new under that id. */
    public List<String> argv(RoleSpec role, String sessionId, boolean resume) {
        List<String> argv = new ArrayList<>(executable(role));
        if (role.agent() == AgentKind.CODEX) {
            // the session's settings go over the protocol (thread/start), not on the command line
            argv.add("app-server");
            return argv;
        }
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
        // The CLI applies allow rules before it asks us: a role allowed Read would read .peers/ unasked. Its deny
        // rules win over its allow rules, so they are the first line of defence; the coordinator checks again.
        argv.addAll(List.of("--disallowedTools", String.join(",", denyRules())));
        if (role.agent() == AgentKind.CLAUDE && sandboxed(role)) {
            argv.addAll(List.of("--settings", sandboxSettings()));
        }
        // '=' form: a value starting with '-' must not read as a flag. Either way the session id is on the command
        // line, which is how the next coordinator recognises a process of ours that outlived its predecessor.
        argv.add((resume ? "--resume=" : "--session-id=") + sessionId);
        return argv;
    }

    /**
     * The CLI's own deny rules for the coordinator's files: any Bash command that names them, and reads and edits
     * below them (which the CLI also applies to the paths a Bash command reads, through symlinks too). Paths with
     * characters that would break the comma-joined rule list are left to the coordinator's own check.
     */
    List<String> denyRules() {
        List<String> rules = new ArrayList<>(List.of("Bash(*.peers*)", "Bash(*control.sock*)"));
        for (Path file : coordinatorFiles) {
            String path = file.toString();
            if (path.chars().anyMatch(c -> ",()".indexOf(c) >= 0 || Character.isWhitespace(c))) {
                continue;
            }
            String name = file.getFileName() == null ? "" : file.getFileName().toString();
            if (!name.equals(".peers") && !name.equals("control.sock") && !name.isEmpty()) {
                rules.add("Bash(*" + name + "*)");
            }
            rules.add("Read(/" + path + ")");
            rules.add("Read(/" + path + "/**)");
            rules.add("Edit(/" + path + "/**)");
        }
        return rules;
    }

    /** Whether the programs the sandbox needs are on PATH (so it can be on by default). */
    public boolean sandboxAvailable() {
        return SANDBOX_PROGRAMS.stream().allMatch(this::onPath);
    }

    /** The programs the sandbox needs that PATH lacks, for the notice that says why it is off. */
    public List<String> sandboxMissing() {
        return SANDBOX_PROGRAMS.stream().filter(p -> !onPath(p)).toList();
    }

    /** A role's {@code sandbox} setting, or else on where the sandbox is available. */
    public boolean sandboxed(RoleSpec role) {
        return role.sandbox() != null ? role.sandbox() : sandboxAvailable();
    }

    /**
     * Claude Code's Bash sandbox (bubblewrap and seccomp on Linux): commands write only inside the worktree and the
     * temp folder, open no Unix socket (so never the control socket), reach no network without a prompt, and
     * cannot read the coordinator's files. It does not replace the rules: every command is still decided by them
     * ({@code autoAllowBashIfSandboxed} off), and a command may never leave the sandbox
     * ({@code allowUnsandboxedCommands} off); when the sandbox cannot start, commands fail instead of running
     * unconfined ({@code failIfUnavailable}).
     */
    String sandboxSettings() {
        StringBuilder denyRead = new StringBuilder();
        for (Path file : coordinatorFiles) {
            denyRead.append(denyRead.isEmpty() ? "" : ",").append(jsonString(file.toString()));
        }
        return "{\"sandbox\":{\"enabled\":true,\"autoAllowBashIfSandboxed\":false,"
                + "\"allowUnsandboxedCommands\":false,\"failIfUnavailable\":true,"
                + "\"filesystem\":{\"denyRead\":[" + denyRead + "]}}}";
    }

    private static String jsonString(String text) {
        return dev.peersteam.json.Json.object().textNode(text).toString();
    }

    private boolean onPath(String program) {
        String path = environment.getOrDefault("PATH", "");
        for (String dir : path.split(File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, program))) {
                return true;
            }
        }
        return false;
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
        String override = environment.get(executableEnv(role));
        if (override != null && !override.isBlank()) {
            return Arrays.asList(override.strip().split("\\s+"));
        }
        return List.of(role.agent() == AgentKind.CODEX ? "codex" : "claude");
    }

    /** The environment variable that names the role's program: {@code PEERS_TEAM_CODEX} for Codex roles. */
    public static String executableEnv(RoleSpec role) {
        return role.agent() == AgentKind.CODEX ? CODEX_EXECUTABLE_ENV : EXECUTABLE_ENV;
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
                : environment.containsKey(executableEnv(role))
                                && !environment.get(executableEnv(role)).isBlank()
                        ? " (from $" + executableEnv(role) + ")"
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
