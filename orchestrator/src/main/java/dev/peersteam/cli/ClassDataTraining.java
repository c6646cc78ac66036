package dev.peersteam.cli;

import dev.peersteam.control.ControlClient;
import dev.peersteam.control.ControlCodec;
import dev.peersteam.control.ControlRequest;
import dev.peersteam.control.ControlResponse;
import dev.peersteam.control.NoCoordinatorException;
import dev.peersteam.control.PsReply;
import dev.peersteam.control.RoleRow;
import dev.peersteam.control.SessionState;
import dev.peersteam.control.TaskView;
import dev.peersteam.control.Usd;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/**
 * {@code peers-team cds-training}: walks the path the quick verbs take (their command models, the control codec
 * both ways, a connection attempt, the output), so that the launcher can record those classes once into a
 * class-data archive ({@code -XX:ArchiveClassesAtExit}) and start {@code assign}, {@code send}, {@code ps} ... from
 * it. Not for people; it does nothing else.
 */
@Command(name = "cds-training", hidden = true, description = "Loads the classes of the quick verbs (for the launcher).")
public final class ClassDataTraining implements Callable<Integer> {
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

    @Override
    public Integer call() throws Exception {
        for (String verb : QUICK_VERBS) {
            PeersTeamCommand.treeFor(verb, "--help").getSubcommands().get(verb).getUsageMessage();
        }
        ControlCodec codec = new ControlCodec();
        for (ControlRequest request : List.of(
                new ControlRequest.Assign("qa", "x", List.of("T1")),
                new ControlRequest.Send("qa", "x"),
                new ControlRequest.Board(),
                new ControlRequest.Ps(),
                new ControlRequest.Interrupt("qa"),
                new ControlRequest.Down(false),
                new ControlRequest.Approve("p1", false),
                new ControlRequest.Deny("p1", null))) {
            codec.decodeRequest(codec.encode(request));
        }
        PsReply ps = new PsReply(
                "t",
                Usd.ZERO,
                1,
                List.of(new RoleRow(
                        "qa", true, SessionState.IDLE, Usd.ZERO, 0, null, null, 1L, null, null, null, List.of())));
        codec.decodeResponse(codec.encode(new ControlResponse.Ok(ps)), PsReply.class);
        codec.decodeResponse(
                codec.encode(new ControlResponse.Error(ControlResponse.Error.BAD_REQUEST, "x")), TaskView.class);
        PsCommand.render(ps);
        try (ControlClient client = ControlClient.connect(Path.of("/nonexistent/peers-team-training.sock"))) {
            client.request(new ControlRequest.Hello());
        } catch (NoCoordinatorException expected) {
            // the path every verb takes up to the socket
        }
        return ExitCodes.OK;
    }
}
