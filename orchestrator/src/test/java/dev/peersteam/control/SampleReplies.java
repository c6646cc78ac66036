package dev.peersteam.control;

import dev.peersteam.board.TaskStatus;
import java.time.Instant;
import java.util.List;

/**
 * For a fake coordinator: a reply of the right type for every request, carrying what the request said where it can,
 * so that a test sees that this answer belongs to that request.
 */
final class SampleReplies {
    private SampleReplies() {}

    static ControlReply to(ControlRequest.Call<?> request) {
        return switch (request) {
            case ControlRequest.Hello hello -> new CoordinatorInfo(42, "shop", "/repo", "0.1.0");
            case ControlRequest.Assign assign -> task("T9", assign.text(), assign.role(), assign.after());
            case ControlRequest.Send send ->
                new SentMessages(List.of(new SentMessage(send.to(), "m-" + send.text(), SentMessage.Status.SENT)));
            case ControlRequest.Board board ->
                new BoardView(List.of(task("T1", "Build the API", "backend", List.of())));
            case ControlRequest.Ps ps -> ps();
            case ControlRequest.Interrupt interrupt -> new Interrupted(interrupt.role(), true, SessionState.BUSY);
            case ControlRequest.Down down -> Stopping.now();
            case ControlRequest.Approve approve ->
                approve.always()
                        ? new Decided(approve.requestId(), "qa", true, List.of("Bash(npm test)"), "approved always")
                        : Decided.once(approve.requestId(), "qa", true);
            case ControlRequest.Deny deny -> Decided.once(deny.requestId(), "qa", false);
            case ControlRequest.Verb verb -> new VerbOutput("T9 assigned to qa: " + verb.argv() + "\n", "", 0);
        };
    }

    static PsReply ps() {
        return new PsReply(
                "shop",
                Usd.ofDollars(0.41),
                75,
                List.of(
                        new RoleRow(
                                "lead",
                                true,
                                SessionState.IDLE,
                                Usd.ofDollars(0.1),
                                0,
                                null,
                                null,
                                101L,
                                "s-lead",
                                null,
                                null,
                                List.of()),
                        new RoleRow(
                                "qa",
                                false,
                                SessionState.BUSY,
                                Usd.ofDollars(0.31),
                                2,
                                "T1",
                                "Test it",
                                102L,
                                "s-qa",
                                "Bash(npm test)",
                                null,
                                List.of(new PendingPermission("p1", "qa", "Bash", "Bash(rm -rf build)")))));
    }

    static TaskView task(String id, String title, String assignee, List<String> after) {
        return new TaskView(
                id,
                title,
                "",
                assignee == null ? TaskStatus.TODO : TaskStatus.ASSIGNED,
                assignee,
                after,
                "human",
                List.of(new NoteView("human", Instant.parse("2026-01-02T03:04:05Z"), "first")),
                after.isEmpty());
    }
}
