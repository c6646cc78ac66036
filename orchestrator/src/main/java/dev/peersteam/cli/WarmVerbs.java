package dev.peersteam.cli;

import dev.peersteam.control.ControlRequest;
import dev.peersteam.control.ControlResponse;
import dev.peersteam.control.CoordinatorHere;
import dev.peersteam.control.VerbClient;
import dev.peersteam.control.VerbOutput;
import dev.peersteam.control.VerbRunner;
import dev.peersteam.runtime.PeersDir;
import dev.peersteam.runtime.PeersLocator;
import dev.peersteam.text.TerminalText;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import picocli.CommandLine.Help;

/**
 * Quick verbs run by the team's coordinator, which is warm, rather than by the cold JVM they were typed into: that
 * JVM then loads neither picocli's command model nor Jackson's mapper, which are most of a quick verb's start-up
 * (docs/benchmarks.md). Both sides are here: the command line's, which sends the verb ({@link VerbClient}) and
 * prints what came back, and the coordinator's ({@link VerbRunner}), which runs it with the same command classes as
 * ever. Such a verb asks the team what a client would ask ({@link CoordinatorHere}: directly, without a second
 * connection), so it can do nothing a client could not.
 */
final class WarmVerbs implements VerbRunner {
    /**
     * Verbs that ask the running coordinator one thing and print the answer. Not {@code board} (it reads the journal
     * and works without a coordinator; {@code --watch} runs until stopped), {@code logs}, {@code down} (it waits for
     * the coordinator to exit) or anything long-running.
     */
    static final Set<String> NAMES = Set.of("assign", "send", "ps", "interrupt", "approve", "deny");

    private final Map<String, String> environment;

    /** @param environment the environment the verbs see (the coordinator's) */
    WarmVerbs(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
    }

    /**
     * The command line's side: when {@code args} is a quick verb and the team found from {@code cwd} has a running
     * coordinator, the coordinator runs it; its output is printed and its exit code returned. Empty: run it here.
     */
    static OptionalInt runByCoordinator(PrintWriter out, PrintWriter err, Path cwd, String... args) {
        if (args.length == 0 || !NAMES.contains(args[0])) {
            return OptionalInt.empty();
        }
        Optional<PeersDir> peers = PeersLocator.find(cwd);
        if (peers.isEmpty()) {
            return OptionalInt.empty();
        }
        // instanceof, not a pattern switch: that bootstraps a class at run time, which no AOT cache holds
        VerbClient.Outcome outcome = VerbClient.run(peers.get().socket(), List.of(args), cwd);
        if (outcome instanceof VerbClient.Ran ran) {
            out.print(ran.output().out());
            err.print(ran.output().err());
            return OptionalInt.of(ran.output().exit());
        }
        if (outcome instanceof VerbClient.Lost lost) {
            err.println("peers-team: " + TerminalText.line(lost.why()) + "; whether '" + args[0]
                    + "' was done is unknown: look with 'peers-team board' or 'peers-team ps' before trying again");
            return OptionalInt.of(ExitCodes.FAILED);
        }
        if (outcome instanceof VerbClient.Failed failed) {
            err.println("peers-team: " + TerminalText.line(failed.error().message()));
            return OptionalInt.of(
                    failed.error().code().equals(ControlResponse.Error.SHUTTING_DOWN)
                            ? ExitCodes.NO_COORDINATOR
                            : ExitCodes.FAILED);
        }
        return OptionalInt.empty(); // NotRun
    }

    /** The coordinator's side: runs one verb as typed in the client's folder, without colours (no terminal here). */
    @Override
    public VerbOutput run(ControlRequest.Verb verb, CoordinatorHere here) {
        String name = verb.argv().get(0);
        if (!NAMES.contains(name)) {
            return new VerbOutput(
                    "",
                    "peers-team: the coordinator runs only "
                            + String.join(", ", NAMES.stream().sorted().toList()) + ", not '" + TerminalText.line(name)
                            + "'\n",
                    ExitCodes.INVALID);
        }
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Main.runHere(
                new PrintWriter(out),
                new PrintWriter(err),
                environment,
                Path.of(verb.cwd()),
                Help.Ansi.OFF,
                here,
                verb.argv().toArray(String[]::new));
        return new VerbOutput(out.toString(), err.toString(), exit);
    }
}
