package dev.peersteam.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.peersteam.control.BoardView;
import dev.peersteam.control.ControlClient;
import dev.peersteam.control.ControlCodec;
import dev.peersteam.control.ControlErrorException;
import dev.peersteam.control.ControlReply;
import dev.peersteam.control.ControlRequest;
import dev.peersteam.control.ControlResponse;
import dev.peersteam.control.Decided;
import dev.peersteam.control.EventLine;
import dev.peersteam.control.Interrupted;
import dev.peersteam.control.NoCoordinatorException;
import dev.peersteam.control.PendingPermission;
import dev.peersteam.control.PsReply;
import dev.peersteam.control.RoleRow;
import dev.peersteam.control.SentMessages;
import dev.peersteam.control.SessionState;
import dev.peersteam.control.TaskView;
import dev.peersteam.control.TeamEvent;
import dev.peersteam.json.Json;
import dev.peersteam.runtime.TeamInfo;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The dashboard's one link to the team: the control socket, as the CLI verbs and the console use it (the same
 * requests, the same event stream; nothing else). Everything the dashboard knows of the control protocol is in this
 * class: it turns its typed replies into {@link Picture}s and its events into {@link Happening}s, so that the rest of
 * the package does not change when the protocol's records do.
 */
final class TeamLink {
    static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final Path socket;

    TeamLink(Path socket) {
        this.socket = socket;
    }

    /** One event as the dashboard uses it: a line for the feed (null: too chatty), and whether the picture changed. */
    record Happening(String role, String kind, String text, String tone, boolean changesPicture, Asked asked) {}

    /** A permission request as it was asked, for the reason the picture cannot get from {@code ps}. */
    record Asked(String id, String why) {}

    /** Why the stream of events ended, and whether it is worth listening again at once. */
    record StreamEnd(String why, boolean listenAgain) {}

    // ---- reading

    /** The team now: {@code ps} and {@code board}, with branches from the team's description. */
    Picture picture(TeamInfo team, Map<String, String> whyById) {
        PsReply ps = call(new ControlRequest.Ps());
        BoardView board = call(new ControlRequest.Board());
        List<Picture.RoleCard> roles =
                ps.roles().stream().map(row -> roleCard(row, team)).toList();
        List<Picture.Waiting> waiting = ps.roles().stream()
                .flatMap(row -> row.permissions().stream())
                .map(ask -> waiting(ask, whyById))
                .toList();
        List<Picture.TaskCard> tasks =
                board.tasks().stream().map(TeamLink::taskCard).toList();
        return new Picture(
                PageText.line(ps.team() == null ? team.name() : ps.team()),
                true,
                null,
                ps.cost(),
                ps.budget(),
                ps.uptimeSeconds(),
                roles,
                waiting,
                tasks,
                ps.paused() == null
                        ? null
                        : PageText.line("new turns wait until "
                                + EventLine.clockTime(ps.paused().untilEpochMs()) + ": "
                                + ps.paused().reason()));
    }

    private static Picture.RoleCard roleCard(RoleRow row, TeamInfo team) {
        return new Picture.RoleCard(
                PageText.line(row.role()),
                row.lead(),
                row.state() == null ? "?" : row.state().label(),
                PageText.line(row.task()),
                PageText.line(row.taskTitle()),
                row.cost(),
                row.budget(),
                row.queued(),
                row.pid(),
                PageText.line(row.lastTool()),
                PageText.line(
                        team.role(row.role()).map(TeamInfo.RoleInfo::branch).orElse(null)),
                PageText.line(row.stoppedBecause()),
                row.permissions().size(),
                row.apiLimits() == null
                        ? null
                        : row.apiLimits().retries() + " retried, "
                                + row.apiLimits().stoppedTurns() + " turns stopped (last HTTP "
                                + row.apiLimits().lastStatus() + ")");
    }

    private static Picture.TaskCard taskCard(TaskView task) {
        return new Picture.TaskCard(
                PageText.line(task.id()),
                PageText.line(task.title()),
                task.details() == null ? "" : PageText.lines(task.details()),
                task.status() == null ? "?" : task.status().wire(),
                PageText.line(task.assignee()),
                task.dependsOn().stream().map(PageText::line).toList(),
                task.ready(),
                task.notes().stream()
                        .map(note -> PageText.lines(note.by() + ": " + note.text()))
                        .toList());
    }

    /** The call's input as indented JSON, or as much of its start as {@code ps} carries. */
    private static Picture.Waiting waiting(PendingPermission ask, Map<String, String> whyById) {
        boolean whole = ask.input() != null;
        String input = whole ? indented(ask.input()) : ask.inputExcerpt() == null ? "" : ask.inputExcerpt();
        return new Picture.Waiting(
                PageText.line(ask.id()),
                PageText.line(ask.role()),
                PageText.line(ask.tool()),
                PageText.line(ask.summary()),
                PageText.lines(input),
                !whole && ask.inputExcerpt() != null,
                PageText.lines(whyById.get(ask.id())));
    }

    private static String indented(JsonNode input) {
        try {
            return Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(input);
        } catch (JsonProcessingException e) {
            return input.toString();
        }
    }

    // ---- acting: each answer is the sentence the page shows

    String send(String to, String text) {
        SentMessages sent = call(new ControlRequest.Send(to, text));
        return "sent to "
                + String.join(
                        ", ",
                        sent.sent().stream()
                                .map(one -> one.to() + " (" + one.status().wire() + ")")
                                .toList());
    }

    String assign(String role, String text, List<String> after) {
        TaskView task = call(new ControlRequest.Assign(role, text, after));
        return task.id() + " " + task.status().wire() + " for " + role + ": " + text;
    }

    String approve(String id, boolean always) {
        Decided decided = call(new ControlRequest.Approve(id, always));
        return "approved " + id + " for " + decided.role()
                + (decided.note() == null ? "" : " (" + decided.note() + ")");
    }

    String deny(String id, String reason) {
        Decided decided = call(new ControlRequest.Deny(id, reason));
        return "denied " + id + " for " + decided.role();
    }

    String interrupt(String role) {
        Interrupted interrupted = call(new ControlRequest.Interrupt(role));
        return interrupted.interrupted()
                ? "interrupted " + role + "'s turn"
                : role + " had no turn running (" + interrupted.state().label() + ")";
    }

    String down() {
        call(new ControlRequest.Down(false));
        return "the team is stopping";
    }

    // ---- listening

    /**
     * Hands the team's events to {@code onEvent} (on this thread) until the stream ends; says why, and whether to
     * listen again (the dashboard fell behind and was dropped: it listens again and redraws everything).
     */
    StreamEnd listen(Consumer<Happening> onEvent, Consumer<ControlClient> opened) {
        ControlClient client;
        try {
            client = ControlClient.connect(socket);
        } catch (NoCoordinatorException e) {
            return new StreamEnd("no coordinator is running", false);
        } catch (IOException e) {
            return new StreamEnd("cannot reach the coordinator: " + e.getMessage(), false);
        }
        opened.accept(client);
        try {
            client.subscribe(event -> onEvent.accept(happening(event)));
            return new StreamEnd("the team stopped", false);
        } catch (ControlErrorException e) {
            return switch (e.error().code()) {
                case ControlResponse.Error.SLOW_CONSUMER -> new StreamEnd("fell behind", true);
                case ControlResponse.Error.SHUTTING_DOWN -> new StreamEnd("the team stopped", false);
                default -> new StreamEnd(e.error().message(), false);
            };
        } catch (IOException e) {
            return new StreamEnd("lost the connection to the coordinator: " + e.getMessage(), false);
        }
    }

    private static Happening happening(TeamEvent event) {
        return new Happening(
                event.role() == null ? "team" : PageText.line(event.role()),
                ControlCodec.eventType(event),
                PageText.line(EventLine.body(event, false)),
                tone(event),
                !(event instanceof TeamEvent.Said || event instanceof TeamEvent.ToHuman),
                event instanceof TeamEvent.PermissionAsked ask ? new Asked(ask.id(), ask.why()) : null);
    }

    private static String tone(TeamEvent event) {
        return switch (event) {
            case TeamEvent.PermissionAsked e -> "ask";
            case TeamEvent.ToHuman e -> "ask";
            case TeamEvent.PermissionDecided e -> e.allowed() ? "" : "bad";
            case TeamEvent.Exited e -> e.expected() ? "" : "bad";
            case TeamEvent.TurnEnded e -> e.error() ? "bad" : "";
            case TeamEvent.StateChanged e -> e.state() == SessionState.CRASHED ? "bad" : "";
            case TeamEvent.Warning e -> "warn";
            case TeamEvent.BudgetReached e -> "bad";
            case TeamEvent.TaskChanged e ->
                switch (e.status()) {
                    case FAILED -> "bad";
                    case DONE -> "good";
                    default -> "";
                };
            case TeamEvent.Settled e -> TeamEvent.Settled.DONE.equals(e.outcome()) ? "good" : "bad";
            case TeamEvent.ApiRetry e -> "warn";
            case TeamEvent.Paced e -> e.paused() ? "warn" : "good";
            default -> "";
        };
    }

    // ---- the socket

    private <R extends ControlReply> R call(ControlRequest.Call<R> request) {
        try (ControlClient client = ControlClient.connect(socket, TIMEOUT)) {
            return client.call(request);
        } catch (ControlErrorException e) {
            throw new LinkException(status(e.error().code()), e.error().message());
        } catch (NoCoordinatorException e) {
            throw new LinkException(503, "the team is not running any more");
        } catch (IOException e) {
            throw new LinkException(503, "the coordinator did not answer: " + e.getMessage());
        }
    }

    private static int status(String code) {
        return switch (code) {
            case ControlResponse.Error.BAD_REQUEST,
                    ControlResponse.Error.UNKNOWN_ROLE,
                    ControlResponse.Error.UNKNOWN_TASK -> 400;
            case ControlResponse.Error.CONFLICT, ControlResponse.Error.NOT_ALLOWED -> 409;
            case ControlResponse.Error.SHUTTING_DOWN, ControlResponse.Error.TOO_MANY_CONNECTIONS -> 503;
            default -> 500;
        };
    }
}
