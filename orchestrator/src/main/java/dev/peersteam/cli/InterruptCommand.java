package dev.peersteam.cli;

import dev.peersteam.control.ControlRequest;
import dev.peersteam.control.Interrupted;
import dev.peersteam.text.TerminalText;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code peers-team interrupt ROLE}: stops the role's current turn; its session stays up. */
@Command(
        name = "interrupt",
        mixinStandardHelpOptions = true,
        description = "Stops ROLE's current turn (like Esc in Claude Code). The session stays up and keeps its"
                + " messages; send it new instructions with 'peers-team send'.",
        footer = {"", "Example:", "  peers-team interrupt backend"})
public final class InterruptCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Mixin
    private PeersOptions peers;

    @Parameters(paramLabel = "ROLE", description = "The role to interrupt.")
    private String role;

    @Override
    public Integer call() {
        Interrupted reply = peers.ask(new ControlRequest.Interrupt(role));
        spec.commandLine()
                .getOut()
                .println(TerminalText.line(
                        reply.interrupted()
                                ? "interrupted " + reply.role()
                                : reply.role() + " is " + reply.state().label() + "; there was no turn to interrupt"));
        return ExitCodes.OK;
    }
}
