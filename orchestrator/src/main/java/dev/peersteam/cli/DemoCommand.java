package dev.peersteam.cli;

import dev.peersteam.coordinator.Coordinator;
import dev.peersteam.runtime.TeamRuntime;
import dev.peersteam.team.TeamFileException;
import dev.peersteam.team.TeamFileLoader;
import dev.peersteam.team.TeamSpec;
import dev.peersteam.text.TerminalText;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code peers-team demo}: a team of simulated agents works through a small project in a throwaway repository,
 * start to finish, with no {@code claude}, no key and no network: the same coordinator, the same protocol.
 */
@Command(
        name = "demo",
        mixinStandardHelpOptions = true,
        description = {
            "Runs a small team of simulated agents in a throwaway git repository, until it is done. No"
                    + " claude, no API key, no network: the agents follow a script but speak Claude Code's protocol, so"
                    + " what you see is the real coordinator at work: the board, messages, watches, worktrees, commits.",
            "PATTERN: project (a manager with backend, frontend and qa; the default), review (a reviewer reads each"
                    + " commit), qa (QA tests each task that reaches review), fullstack (a shared API contract).",
            "Afterwards, look around: peers-team board -C DIR, peers-team logs ROLE -C DIR, git -C DIR log --all."
        },
        footer = {
            "",
            "Examples:",
            "  peers-team demo",
            "  peers-team demo review",
            "  peers-team demo qa --dir /tmp/qa-demo"
        })
public final class DemoCommand implements Callable<Integer> {
    /** The demos there are: each a team file and a behaviour script under {@code /dev/peersteam/demo/NAME/}. */
    static final java.util.List<String> PATTERNS = java.util.List.of("project", "review", "qa", "fullstack");

    @picocli.CommandLine.Parameters(
            arity = "0..1",
            paramLabel = "PATTERN",
            defaultValue = "project",
            description = "project (default), review, qa or fullstack.")
    private String pattern;

    @Spec
    private CommandSpec spec;

    @Option(
            names = "--dir",
            paramLabel = "DIR",
            description = "Where to create the demo repository (must not exist"
                    + " yet). Default: a new folder under the system's temp folder.")
    private Path dir;

    @Override
    public Integer call() throws IOException, InterruptedException {
        if (!PATTERNS.contains(pattern)) {
            throw new UserError(
                    "peers-team demo: no demo '" + pattern + "'; there are " + String.join(", ", PATTERNS) + ".",
                    ExitCodes.INVALID);
        }
        PrintWriter out = spec.commandLine().getOut();
        Path repo = createRepository();
        out.println("peers-team demo " + pattern + ": a throwaway repository at " + repo);
        out.flush();
        TeamSpec team;
        try {
            team = TeamFileLoader.load(repo.resolve("team.yaml"));
        } catch (TeamFileException e) {
            throw new IllegalStateException("the demo's own team file is invalid: " + e.getMessage(), e);
        }
        Clock clock = Clock.systemDefaultZone();
        TeamRuntime.Result result = new TeamRuntime(System.getenv(), out, clock, new WarmVerbs(System.getenv()))
                .up(team, new Coordinator.Settings(false, true), new LiveLog(out, clock, false));
        out.print(TerminalText.lines(RunSummary.render(result.outcome(), result.report())));
        out.println();
        out.println("Look around: peers-team board -C " + repo + " | peers-team logs "
                + team.lead().name() + " -C " + repo + " | git -C " + repo + " log --all --oneline --graph");
        out.flush();
        return result.outcome() == Coordinator.Outcome.DONE ? ExitCodes.OK : ExitCodes.FAILED;
    }

    private Path createRepository() throws IOException, InterruptedException {
        Path repo = dir != null ? dir.toAbsolutePath().normalize() : Files.createTempDirectory("peers-team-demo-");
        if (Files.exists(repo)
                && (!Files.isDirectory(repo) || Files.list(repo).findAny().isPresent())) {
            throw new UserError(
                    "peers-team demo: " + repo + " exists and is not empty; give --dir a new folder.",
                    ExitCodes.INVALID);
        }
        Files.createDirectories(repo);
        git(repo, "init", "-q", "-b", "main");
        git(repo, "config", "user.name", "peers-team demo");
        git(repo, "config", "user.email", "demo@peers-team.invalid");
        Files.writeString(repo.resolve("README.md"), "# Items\n\nA tiny project built by a simulated peers-team.\n");
        Path script = repo.resolve(".git/peers-demo/sim-script.yaml"); // beside the repository, not in its history
        Files.createDirectories(script.getParent());
        Files.write(script, resource("sim-script.yaml"));
        Files.write(repo.resolve("team.yaml"), resource("team.yaml"));
        git(repo, "add", "README.md", "team.yaml");
        git(repo, "commit", "-q", "-m", "A project for the peers-team demo");
        return repo;
    }

    private byte[] resource(String name) throws IOException {
        try (InputStream in = DemoCommand.class.getResourceAsStream("/dev/peersteam/demo/" + pattern + "/" + name)) {
            return in.readAllBytes();
        }
    }

    private static void git(Path dir, String... args) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of("git"));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command)
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IOException("git " + String.join(" ", args) + " failed: " + output);
        }
    }
}
