package dev.peersteam.cli;

import dev.peersteam.control.ControlRequest;
import dev.peersteam.control.SentMessage;
import dev.peersteam.control.SentMessages;
import dev.peersteam.text.TerminalText;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code peers-team send ROLE|all TEXT}: a direct message from the person. */
@Command(
        name = "send",
        mixinStandardHelpOptions = true,
        description = "Sends a message from you (\"human\") to a role of the running team, or to every role with"
                + " 'all'. It is journaled first and reaches a busy session between its tool calls.",
        footer = {
            "",
            "Examples:",
            "  peers-team send backend \"use /api/v2 for the new endpoints\"",
            "  peers-team send all \"stand-up: post your status with send_message to human\""
        })
public final class SendCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Mixin
    private PeersOptions peers;

    @Parameters(index = "0", paramLabel = "ROLE|all", description = "Who gets it.")
    private String to;

    @Parameters(index = "1..*", arity = "1..*", paramLabel = "TEXT", description = "The message (words are joined).")
    private List<String> text;

    @Override
    public Integer call() {
        SentMessages reply = peers.ask(new ControlRequest.Send(to, String.join(" ", text)));
        for (SentMessage sent : reply.sent()) {
            spec.commandLine()
                    .getOut()
                    .println(TerminalText.line(
                            sent.status().wire() + " to " + sent.to() + " (message " + sent.id() + ")"));
        }
        return ExitCodes.OK;
    }
}
