package dev.peersteam.cli;

import dev.peersteam.control.ControlRequest;
import dev.peersteam.control.Decided;
import dev.peersteam.text.TerminalText;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code approve} and {@code deny}: answers to tool calls waiting for a person (teams started with --ask). */
final class PermissionCommands {
    private PermissionCommands() {}

    @Command(
            name = "approve",
            mixinStandardHelpOptions = true,
            description = "Allows a tool call that waits for you (see 'peers-team ps'); --always also allows exactly"
                    + " this call again (or the narrow rule Claude Code suggested for it) for the rest of that session,"
                    + " never the whole tool.",
            footer = {"", "Examples:", "  peers-team approve p3", "  peers-team approve p3 --always"})
    static final class Approve implements Callable<Integer> {
        @Spec
        private CommandSpec spec;

        @Mixin
        private PeersOptions peers;

        @Parameters(paramLabel = "ID", description = "The request id, e.g. p3.")
        private String id;

        @Option(
                names = "--always",
                description = "Also allow this exact call (never the whole tool) for the rest of the session.")
        private boolean always;

        @Override
        public Integer call() {
            Decided reply = peers.ask(new ControlRequest.Approve(id, always));
            spec.commandLine()
                    .getOut()
                    .println(TerminalText.line("approved " + id + " for " + reply.role()
                            + (reply.note() == null ? "" : " (" + reply.note() + ")")));
            return ExitCodes.OK;
        }
    }

    @Command(
            name = "deny",
            mixinStandardHelpOptions = true,
            description = "Refuses a tool call that waits for you; the reason is shown to the agent.",
            footer = {"", "Example:", "  peers-team deny p3 \"do not touch the production config\""})
    static final class Deny implements Callable<Integer> {
        @Spec
        private CommandSpec spec;

        @Mixin
        private PeersOptions peers;

        @Parameters(index = "0", paramLabel = "ID", description = "The request id, e.g. p3.")
        private String id;

        @Parameters(index = "1..*", paramLabel = "REASON", description = "Why (shown to the agent).")
        private List<String> reason = List.of();

        @Override
        public Integer call() {
            Decided reply = peers.ask(new ControlRequest.Deny(id, reason.isEmpty() ? null : String.join(" ", reason)));
            spec.commandLine().getOut().println(TerminalText.line("denied " + id + " for " + reply.role()));
            return ExitCodes.OK;
        }
    }
}
