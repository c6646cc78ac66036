package dev.peersteam.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

import dev.peersteam.coordinator.Coordinator;
import dev.peersteam.runtime.TeamRuntime;
import dev.peersteam.team.TeamFileException;
import dev.peersteam.team.TeamFileLoader;
import dev.peersteam.team.TeamSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code peers-team demo}: a team of simulated agents works through a small project in a throwaway repository,
 * start to finish, with no {@code claude}, no key and no network: the same coordinator, the same protocol.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Runs a small team of simulated agents (manager, backend, frontend, qa) through a three-task"
                + " project in a throwaway git repository, until the board is done. No claude, no API key, no network:"
                + " the agents follow a script but speak Claude Code's protocol, so what you see is the real"
                + " coordinator at work: the board, messages, worktrees, commits.",
            "Afterwards, look around: peers-team board -C DIR, peers-team logs backend -C DIR, git -C DIR log --all."},
        footer = {"", "Examples:", "  peers-team demo", "  peers-team demo --dir /tmp/my-demo"})
public final class DemoCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Option(names = "--dir", paramLabel = "DIR", description = "Where to create the demo repository (must not exist"
            + " yet). Default: a new folder under the system's temp folder.")
    private Path dir;

    @Override
    public Integer call() throws IOException, InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        Path repo = createRepository();
        out.println("peers-team demo: a throwaway repository at " + repo);
        out.flush();
        TeamSpec team;
        try {
            team = TeamFileLoader.load(repo.resolve("team.yaml"));
        } catch (TeamFileException e) {
            throw new IllegalStateException("the demo's own team file is invalid: " + e.getMessage(), e);
        }
        Clock clock = Clock.systemDefaultZone();
        TeamRuntime.Result result = new TeamRuntime(System.getenv(), out, clock)
                .up(team, new Coordinator.Settings(false, true), new LiveLog(out, clock, false));
        out.print(RunSummary.render(result.outcome(), result.report()));
        out.println();
        out.println("Look around: peers-team board -C " + repo + " | peers-team logs backend -C " + repo
                + " | git -C " + repo + " log --all --oneline --graph");
        out.flush();
        return result.outcome() == Coordinator.Outcome.DONE ? ExitCodes.OK : ExitCodes.FAILED;
    }

    private Path createRepository() throws IOException, InterruptedException {
        Path repo = dir != null ? dir.toAbsolutePath().normalize() : Files.createTempDirectory("peers-team-demo-");
        if (Files.exists(repo) && (!Files.isDirectory(repo) || Files.list(repo).findAny().isPresent())) {
            throw new UserError("peers-team demo: " + repo + " exists and is not empty; give --dir a new folder.",
                    ExitCodes.INVALID);
        }
        Files.createDirectories(repo);
        git(repo, "init", "-q", "-b", "main");
        git(repo, "config", "user.name", "peers-team demo");
        git(repo, "config", "user.email", "demo@peers-team.invalid");
        Files.writeString(repo.resolve("README.md"), "# Items\n\nA tiny project built by a simulated peers-team.\n");
        Path script = repo.resolve(".git/peers-demo/sim-script.yaml"); // beside the repository, not in its history
        Files.createDirectories(script.getParent());
        try (InputStream in = DemoCommand.class.getResourceAsStream("/dev/peersteam/demo/sim-script.yaml")) {
            Files.write(script, in.readAllBytes());
        }
        Files.writeString(repo.resolve("team.yaml"), teamFile());
        git(repo, "add", "README.md", "team.yaml");
        git(repo, "commit", "-q", "-m", "A project for the peers-team demo");
        return repo;
    }

    /** Simulated agents ({@code agent: sim}) run by this same Java from this same jar, following the script. */
    private static String teamFile() {
        return """
                # The demo team: four simulated agents (see .git/peers-demo/sim-script.yaml for what each one does).
                name: demo
                goal: "Build a page that lists the items, served by a small API, and check it."
                defaults:
                  agent: sim
                  sim_script: .git/peers-demo/sim-script.yaml
                  permission_mode: acceptEdits
                  allowed_tools: ["Bash(git *)"]
                roles:
                  manager: {lead: true, prompt: "You plan the work and follow it up."}
                  backend: {prompt: "You build the API."}
                  frontend: {prompt: "You build the page."}
                  qa: {prompt: "You test what the others build."}
                """;
    }

    private static void git(Path dir, String... args) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of("git"));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IOException("git " + String.join(" ", args) + " failed: " + output);
        }
    }
}
