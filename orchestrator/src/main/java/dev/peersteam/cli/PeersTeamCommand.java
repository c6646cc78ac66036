package dev.peersteam.cli;

import dev.peersteam.control.CoordinatorHere;
import dev.peersteam.runtime.PeersDir;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;

@Command(
        name = "peers-team",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Runs several Claude Code sessions as one coordinated team, each in its own git worktree.",
        footer = {
            "",
            "Examples:",
            "  peers-team init review                     write a team file and role prompts for a pattern",
            "  peers-team validate team.yaml              check a team file and print the resolved team",
            "  peers-team up team.yaml                    start the team in the foreground (console in a terminal)",
            "  peers-team console                         the console on a running team, from another terminal",
            "  peers-team web                             the web dashboard of a running team (address with a token)",
            "  peers-team assign qa \"test login flow\"     from another shell, a task for qa",
            "  peers-team send backend \"use /api/v2\"      a message from you",
            "  peers-team board | ps | logs qa -f | down",
            "  peers-team diff backend --stat             what a role changed (committed or not)",
            "  peers-team merge backend                   merge its branch into the team's base branch",
            "",
            "Shell completion (bash, zsh): source <(peers-team generate-completion)",
            "",
            "Exit codes: 0 ok, 1 failed, 2 bad input (arguments, team file), 3 no coordinator running.",
        })
public final class PeersTeamCommand {
    /** The process environment the verbs work with (PATH, PEERS_TEAM_CLAUDE): given by tests, else the real one. */
    private final Map<String, String> environment;
    /** Where the command line was typed: the coordinator runs quick verbs for clients in other folders. */
    private final Path workingDirectory;
    /** The coordinator this runs in, when it runs a quick verb for a client; else null. */
    private final CoordinatorHere here;

    public PeersTeamCommand() {
        this(System.getenv(), Path.of("").toAbsolutePath(), null);
    }

    PeersTeamCommand(Map<String, String> environment, Path workingDirectory, CoordinatorHere here) {
        this.environment = Map.copyOf(environment);
        this.workingDirectory = workingDirectory.toAbsolutePath().normalize();
        this.here = here;
    }

    /** The environment this invocation runs with. */
    Map<String, String> environment() {
        return environment;
    }

    /** The folder this invocation was typed in; relative paths on its command line are relative to it. */
    Path workingDirectory() {
        return workingDirectory;
    }

    /** The coordinator this runs in, when it is the one of the team at {@code peers}: asked directly, not over its socket. */
    Optional<CoordinatorHere> coordinatorOf(PeersDir peers) {
        return here != null && sameFolder(here.peersRoot(), peers.root()) ? Optional.of(here) : Optional.empty();
    }

    private static boolean sameFolder(Path a, Path b) {
        try {
            return Files.isSameFile(a, b);
        } catch (IOException e) {
            return a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize());
        }
    }

    /** Every verb, in the order help lists them. */
    private static final List<Class<?>> VERBS = List.of(
            InitCommand.class,
            UpCommand.class,
            DemoCommand.class,
            ValidateCommand.class,
            AssignCommand.class,
            SendCommand.class,
            ShowBoardCommand.class,
            PsCommand.class,
            LogsCommand.class,
            InterruptCommand.class,
            PermissionCommands.Approve.class,
            PermissionCommands.Deny.class,
            DownCommand.class,
            ConsoleCommand.class,
            WebCommand.class,
            DiffCommand.class,
            MergeCommand.class,
            ClassDataTraining.class,
            AutoComplete.GenerateCompletion.class, // bash/zsh completion: source <(peers-team generate-completion)
            HelpCommand.class);

    /** Verbs that need the whole tree to run: help, and completion, which describes every verb. */
    private static final List<Class<?>> WHOLE_TREE = List.of(HelpCommand.class, AutoComplete.GenerateCompletion.class);

    /** The whole command tree: every verb. */
    public static CommandLine tree() {
        CommandLine root = new CommandLine(new PeersTeamCommand());
        VERBS.forEach(verb -> root.addSubcommand(verb));
        return root;
    }

    /**
     * The tree one invocation needs. When the first argument names a verb, only that verb is built: picocli builds
     * a model of every command it is given, by reflection, and for quick verbs like {@code assign} that is most of
     * the start-up time. Help, versions and mistakes get the whole tree, so they read as ever.
     */
    public static CommandLine treeFor(String... args) {
        return treeFor(System.getenv(), Path.of(""), null, args);
    }

    /**
     * {@link #treeFor(String...)} with the environment the verbs see, as typed in {@code workingDirectory};
     * {@code here}: the coordinator this runs in, or null.
     */
    static CommandLine treeFor(
            Map<String, String> environment, Path workingDirectory, CoordinatorHere here, String... args) {
        PeersTeamCommand command = new PeersTeamCommand(environment, workingDirectory, here);
        if (args.length > 0) {
            for (Class<?> verb : VERBS) {
                if (!WHOLE_TREE.contains(verb)
                        && verb.getAnnotation(Command.class).name().equals(args[0])) {
                    CommandLine root = new CommandLine(command);
                    root.addSubcommand(verb);
                    return root;
                }
            }
        }
        CommandLine root = new CommandLine(command);
        VERBS.forEach(verb -> root.addSubcommand(verb));
        return root;
    }
}
