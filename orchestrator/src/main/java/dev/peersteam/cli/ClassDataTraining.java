package dev.peersteam.cli;

import dev.peersteam.control.TrainingStandIn;
import dev.peersteam.runtime.PeersDir;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code peers-team cds-training}: runs the quick verbs ({@code assign}, {@code send}, {@code ps} ...) once each
 * against a stand-in coordinator that answers from a temporary folder, so that the launcher can record their path
 * — command models, the control socket both ways, the output — into a class-data archive
 * ({@code -XX:ArchiveClassesAtExit}) or, on JDK 25, an ahead-of-time cache ({@code -XX:AOTCacheOutput}, which keeps
 * the classes linked and the methods' profiles too). Not for people; it touches nothing outside its folder.
 */
@Command(name = "cds-training", hidden = true, description = "Runs the quick verbs once (for the launcher).")
public final class ClassDataTraining implements Callable<Integer> {
    /** Verbs whose help is walked too: their command models are what start-up spends most on. */
    private static final List<String> QUICK_VERBS = List.of(
            "assign",
            "send",
            "board",
            "ps",
            "logs",
            "interrupt",
            "approve",
            "deny",
            "down",
            "diff",
            "merge",
            "validate");

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        for (String verb : QUICK_VERBS) {
            PeersTeamCommand.treeFor(verb, "--help").getSubcommands().get(verb).getUsageMessage();
        }
        Path folder = Files.createTempDirectory("peers-team-training");
        try {
            PeersDir peers = PeersDir.of(folder).create();
            try (TrainingStandIn server =
                    TrainingStandIn.start(peers.socket(), peers.root(), new WarmVerbs(System.getenv()))) {
                // As typed in the team's folder: the quick verbs take the path to the coordinator, board its own.
                for (List<String> args : List.of(
                        List.of("assign", "qa", "check", "the", "login"),
                        List.of("send", "qa", "hello"),
                        List.of("ps"),
                        List.of("board"),
                        List.of("interrupt", "qa"),
                        List.of("approve", "p1"),
                        List.of("deny", "p1", "not", "now"))) {
                    StringWriter err = new StringWriter();
                    int code = Main.run(
                            new PrintWriter(new StringWriter()),
                            new PrintWriter(err),
                            System.getenv(),
                            folder,
                            args.toArray(String[]::new));
                    if (code != ExitCodes.OK) {
                        spec.commandLine().getErr().println("cds-training: " + args.get(0) + " failed: " + err);
                        return ExitCodes.FAILED;
                    }
                }
            }
        } finally {
            deleteTree(folder);
        }
        return ExitCodes.OK;
    }

    private static void deleteTree(Path folder) throws IOException {
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
