package dev.peersteam.runtime;

import dev.peersteam.agent.ClaudeCommand;
import dev.peersteam.agent.sim.ScriptException;
import dev.peersteam.agent.sim.ScriptLoader;
import dev.peersteam.git.Git;
import dev.peersteam.git.GitException;
import dev.peersteam.git.GitRepo;
import dev.peersteam.git.GitResult;
import dev.peersteam.team.AgentKind;
import dev.peersteam.team.RoleSpec;
import dev.peersteam.team.StartChecks;
import dev.peersteam.team.TeamFileException;
import dev.peersteam.team.TeamFileLoader;
import dev.peersteam.team.TeamSpec;
import dev.peersteam.tools.TeamToolCatalog;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Everything {@code up} checks before it creates anything, for {@code validate} and {@code up} alike: the team file
 * and the files it names, then the repository (a git work tree with a commit), {@code base}, each role's agent program
 * and command line, and each behaviour script. So a file {@code validate} accepts is one {@code up} starts, and a file
 * {@code up} refuses leaves nothing behind. Findings are reported as problems of the team file, at the line behind
 * them.
 */
public final class Preflight implements StartChecks {
    /**
     * Linux copies each argument of a new program into at most 32 pages (MAX_ARG_STRLEN, 131,072 bytes with its NUL);
     * the prompt travels as one argument.
     */
    static final int MAX_ARGUMENT_BYTES = 128 * 1024 - 1;

    /** Arguments and environment together (ARG_MAX); 2 MiB on Linux with the default stack limit. */
    static final int MAX_COMMAND_LINE_BYTES = 2 * 1024 * 1024;

    private static final int BRANCHES_SHOWN = 8;

    private final Map<String, String> environment;

    /** @param environment the environment {@code up} runs agents with (PATH, {@code PEERS_TEAM_CLAUDE}) */
    public Preflight(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
    }

    /**
     * The team in {@code teamFile}, when {@code up} would start it.
     *
     * @throws TeamFileException with every problem found, each at its line
     */
    public TeamSpec check(Path teamFile) throws TeamFileException {
        return TeamFileLoader.load(teamFile, this);
    }

    @Override
    public Optional<Finding> repository(Path repo) {
        GitResult inside = new Git().execute(repo, List.of("rev-parse", "--is-inside-work-tree"));
        if (!inside.ok() && inside.stderr().contains("safe.directory")) {
            return Optional.of(new Finding(
                    "git does not trust the repository " + repo + ": "
                            + inside.stderr().strip().lines().findFirst().orElse(""),
                    "if you trust it, run the 'git config --global --add safe.directory' command git suggests"));
        }
        if (!inside.ok()) {
            return Optional.of(new Finding(
                    repo + " is not in a git repository",
                    "run 'git init' there and make a first commit, or point 'repo:' at your project's git checkout"));
        }
        if (!inside.stdout().strip().equals("true")) {
            return Optional.of(new Finding(
                    repo + " is inside a git directory, not a work tree", "point 'repo:' at your project's checkout"));
        }
        GitRepo git;
        try {
            git = GitRepo.open(repo);
        } catch (GitException e) {
            return Optional.of(new Finding(e.getMessage(), "point 'repo:' at your project's git checkout"));
        }
        try {
            git.currentHead();
            return Optional.empty();
        } catch (GitException e) {
            return Optional.of(new Finding(
                    "the repository " + git.topLevel() + " has no commits yet, and the roles' branches start from one",
                    "make a first commit there, e.g. git commit --allow-empty -m 'Initial commit'"));
        }
    }

    @Override
    public Optional<Finding> base(Path repo, String base) {
        GitRepo git = GitRepo.open(repo);
        try {
            git.resolveCommit(base);
            return Optional.empty();
        } catch (GitException e) {
            return Optional.of(new Finding(
                    "base '" + base + "' names no branch, tag or commit of " + git.topLevel(),
                    "set 'base:' to one of its branches (" + branches(git)
                            + "), or delete the line to start from the current HEAD"));
        }
    }

    @Override
    public Optional<Finding> agentProgram(TeamSpec team, RoleSpec role) {
        return command(team)
                .whyNotFound(role)
                .map(why -> new Finding(
                        why,
                        role.agent() == AgentKind.CODEX
                                ? "install the Codex CLI (npm install -g @openai/codex), or point "
                                        + ClaudeCommand.CODEX_EXECUTABLE_ENV
                                        + " or the role's 'command:' at the program"
                                : "install Claude Code (npm install -g @anthropic-ai/claude-code), or point "
                                        + ClaudeCommand.EXECUTABLE_ENV + " or the role's 'command:' at the program"));
    }

    @Override
    public Optional<Finding> commandLine(TeamSpec team, RoleSpec role) {
        List<String> argv =
                command(team).argv(role, "00000000-0000-4000-8000-000000000000", false); // any session id: same length
        long total = 0;
        for (int i = 0; i < argv.size(); i++) {
            String argument = argv.get(i);
            String which = i == 0
                    ? "the program name"
                    : argv.get(i - 1).startsWith("--") ? "the value of " + argv.get(i - 1) : "argument " + i;
            if (argument.indexOf('\0') >= 0) {
                return Optional.of(new Finding(
                        "its command line cannot be started: " + which + " holds a NUL character",
                        "remove the \\0 from the team file"));
            }
            int bytes = argument.getBytes(StandardCharsets.UTF_8).length;
            if (isLinux() && bytes > MAX_ARGUMENT_BYTES) {
                return Optional.of(new Finding(
                        "its command line cannot be started: " + which + " is " + bytes
                                + " bytes, and Linux passes at most " + MAX_ARGUMENT_BYTES
                                + " bytes in one argument (the prompt travels as --append-system-prompt, with the"
                                + " team's own instructions)",
                        "shorten the role's prompt: move reference material into files in the repository and tell"
                                + " the role to read them"));
            }
            total += bytes + 1;
        }
        for (Map.Entry<String, String> variable : environment.entrySet()) {
            total += variable.getKey().length() + variable.getValue().length() + 2;
        }
        // what each session gets beside (ClaudeSessionStarter): the team's and the role's names
        total += team.name().getBytes(StandardCharsets.UTF_8).length
                + role.name().length()
                + 40;
        if (total > MAX_COMMAND_LINE_BYTES) {
            return Optional.of(new Finding(
                    "its command line and environment take " + total + " bytes, more than the " + MAX_COMMAND_LINE_BYTES
                            + " a new program may get",
                    "shorten the role's prompt and its allowed_tools"));
        }
        return Optional.empty();
    }

    @Override
    public Optional<FindingInFile> behaviourScript(Path script) {
        try {
            ScriptLoader.load(script);
            return Optional.empty();
        } catch (ScriptException e) {
            return Optional.of(new FindingInFile(
                    e.line(),
                    e.column(),
                    "not a valid behaviour script: " + e.problem(),
                    "correct the script; its format is described in the sim agent's documentation"
                            + " (docs/team-file.md, 'agent: sim')"));
        }
    }

    @Override
    public Optional<Finding> sandbox(TeamSpec team, RoleSpec role) {
        if (role.agent() != dev.peersteam.team.AgentKind.CLAUDE || !Boolean.TRUE.equals(role.sandbox())) {
            return Optional.empty();
        }
        List<String> missing = command(team).sandboxMissing();
        return missing.isEmpty()
                ? Optional.empty()
                : Optional.of(new Finding(
                        "'sandbox: true' needs " + String.join(" and ", missing) + ", which cannot be found on PATH",
                        "install them (Debian/Ubuntu: apt-get install bubblewrap socat), or set 'sandbox: false'"));
    }

    private ClaudeCommand command(TeamSpec team) {
        return new ClaudeCommand(team, new TeamToolCatalog(), environment);
    }

    private static boolean isLinux() {
        return System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux");
    }

    /** The newest few local branches, for a fix. */
    private static String branches(GitRepo git) {
        GitResult result = new Git()
                .execute(
                        git.topLevel(),
                        List.of("for-each-ref", "--sort=-committerdate", "--format=%(refname:short)", "refs/heads/"));
        List<String> names = result.ok() ? result.stdout().lines().toList() : List.of();
        if (names.isEmpty()) {
            return "it has none yet";
        }
        return String.join(", ", names.subList(0, Math.min(BRANCHES_SHOWN, names.size())))
                + (names.size() > BRANCHES_SHOWN ? ", ..." : "");
    }
}
