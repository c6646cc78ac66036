package dev.peersteam.cli;

import dev.peersteam.runtime.PeersDir;
import dev.peersteam.runtime.TeamInfo;
import dev.peersteam.text.TerminalText;
import dev.peersteam.transcript.LogReader;
import dev.peersteam.transcript.TrafficLine;
import dev.peersteam.transcript.Transcript;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code peers-team logs ROLE [-f]}: a role's session as a readable transcript. */
@Command(
        name = "logs",
        mixinStandardHelpOptions = true,
        description = {
            "Shows a role's session as a readable transcript: what it was told, what it said, its tool calls with the"
                    + " start of their results, permission decisions, and each turn's end with its cost.",
            "Reads .peers/logs/ROLE.jsonl, so it works with or without a running coordinator."
        },
        footer = {
            "",
            "Examples:",
            "  peers-team logs backend",
            "  peers-team logs qa -f        # follow as it runs",
            "  peers-team logs qa --raw     # the raw stream-json traffic"
        })
public final class LogsCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Mixin
    private PeersOptions peers;

    @Parameters(paramLabel = "ROLE", description = "The role whose session to show.")
    private String role;

    @Option(
            names = {"-f", "--follow"},
            description = "Keep printing as the session goes on (Ctrl-C to stop).")
    private boolean follow;

    @Option(names = "--raw", description = "Print the raw traffic log lines instead of a transcript.")
    private boolean raw;

    @Override
    public Integer call() throws IOException, InterruptedException {
        PeersDir dir = peers.peersDir();
        TeamInfo team = peers.teamInfo(dir);
        PeersOptions.checkRole(team, role);
        Path log = dir.log(role);
        if (!Files.exists(log) && !follow) {
            throw new UserError(
                    "peers-team: " + role + " has no log yet (" + log + "); it is written once the role's"
                            + " session starts.",
                    ExitCodes.FAILED);
        }
        PrintWriter out = spec.commandLine().getOut();
        Transcript transcript = new Transcript(role);
        LogReader<TrafficLine> reader = new LogReader<>(log, TrafficLine::decode);
        Consumer<TrafficLine> print = record -> {
            if (raw) {
                out.println(record.json());
            } else {
                transcript.accept(record).forEach(line -> out.println(TerminalText.lines(line)));
            }
            out.flush();
        };
        if (follow) {
            Files.createDirectories(log.getParent());
            reader.follow(print);
        } else {
            reader.readAvailable(print);
            if (!raw) {
                transcript.flush().forEach(line -> out.println(TerminalText.lines(line)));
            }
        }
        return ExitCodes.OK;
    }
}
