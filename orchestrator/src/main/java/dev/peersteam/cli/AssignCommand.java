package dev.peersteam.cli;

import dev.peersteam.control.ControlRequest;
import dev.peersteam.control.TaskView;
import dev.peersteam.text.TerminalText;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code peers-team assign ROLE TEXT [--after ID]}: a new task on the board, from the person. */
@Command(
        name = "assign",
        mixinStandardHelpOptions = true,
        description = "Creates a task titled TEXT, assigned to ROLE, on the running team's board. The role gets it as"
                + " a message as soon as the tasks given with --after are done (at once without --after).",
        footer = {
            "",
            "Examples:",
            "  peers-team assign qa \"test the login flow\"",
            "  peers-team assign frontend \"build the login page\" --after T1"
        })
public final class AssignCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Mixin
    private PeersOptions peers;

    @Parameters(index = "0", paramLabel = "ROLE", description = "The role that should do it.")
    private String role;

    @Parameters(
            index = "1..*",
            arity = "1..*",
            paramLabel = "TEXT",
            description = "The task (several words are joined).")
    private List<String> text;

    @Option(names = "--after", paramLabel = "ID", description = "A task that must be done first (repeatable).")
    private List<String> after = List.of();

    @Override
    public Integer call() {
        TaskView task = peers.ask(new ControlRequest.Assign(role, String.join(" ", text), after));
        String waits = task.dependsOn().isEmpty() ? "" : " (after " + String.join(", ", task.dependsOn()) + ")";
        spec.commandLine()
                .getOut()
                .println(
                        TerminalText.line(task.id() + " assigned to " + task.assignee() + waits + ": " + task.title()));
        return ExitCodes.OK;
    }
}
