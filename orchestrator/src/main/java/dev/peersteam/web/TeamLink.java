package dev.peersteam.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.peersteam.cli.LiveLog;
import dev.peersteam.control.ControlClient;
import dev.peersteam.control.ControlErrorException;
import dev.peersteam.control.ControlRequest;
import dev.peersteam.control.ControlResponse;
import dev.peersteam.control.NoCoordinatorException;
import dev.peersteam.coordinator.SessionState;
import dev.peersteam.coordinator.TeamEvent;
import dev.peersteam.protocol.Json;
import dev.peersteam.runtime.TeamInfo;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The dashboard's one link to the team: the control socket, as the CLI verbs and the console use it (the same
 * requests, the same event stream; nothing else). Everything the dashboard knows of the control protocol is in this
 * class: it turns answers into {@link Picture}s and events into {@link Happening}s, so that the rest of the package
 * does not change when the protocol's records do.
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
        JsonNode ps = call(new ControlRequest.Ps());
        JsonNode board = call(new ControlRequest.Board());
        List<Picture.RoleCard> roles = new ArrayList<>();
        List<Picture.Waiting> waiting = new ArrayList<>();
        for (JsonNode role : ps.path("roles")) {
            String name = role.path("role").asText();
            JsonNode asks = role.path("permissions");
            for (JsonNode ask : asks) {
                waiting.add(waiting(ask, whyById));
            }
            roles.add(new Picture.RoleCard(
                    name,
                    role.path("lead").asBoolean(),
                    role.path("state").asText("?"),
                    text(role, "task"),
                    text(role, "task_title"),
                    role.path("cost_usd").asDouble(),
                    role.has("budget_usd") ? role.path("budget_usd").asDouble() : null,
                    role.path("queued").asInt(),
                    role.has("pid") ? role.path("pid").asLong() : null,
                    text(role, "last_tool"),
                    team.role(name).map(TeamInfo.RoleInfo::branch).orElse(null),
                    text(role, "stopped_because"),
                    asks.size()));
        }
        List<Picture.TaskCard> tasks = new ArrayList<>();
        for (JsonNode task : board.path("tasks")) {
            List<String> deps = new ArrayList<>();
            task.path("depends_on").forEach(dep -> deps.add(dep.asText()));
            List<String> notes = new ArrayList<>();
            task.path("notes")
                    .forEach(note -> notes.add(
                            note.path("by").asText() + ": " + note.path("text").asText()));
            tasks.add(new Picture.TaskCard(
                    task.path("id").asText(),
                    task.path("title").asText(),
                    task.path("details").asText(""),
                    task.path("status").asText(),
                    text(task, "assignee"),
                    deps,
                    task.path("ready").asBoolean(),
                    notes));
        }
        return new Picture(
                ps.path("team").asText(team.name()),
                true,
                null,
                ps.path("cost_usd").asDouble(),
                ps.has("budget_usd") ? ps.path("budget_usd").asDouble() : null,
                ps.path("uptime_s").asLong(),
                roles,
                waiting,
                tasks);
    }

    private static Picture.Waiting waiting(JsonNode ask, Map<String, String> whyById) {
        String id = ask.path("id").asText();
        boolean whole = ask.has("input");
        String input;
        try {
            input = whole
                    ? Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(ask.get("input"))
                    : ask.path("input_excerpt").asText("");
        } catch (JsonProcessingException e) {
            input = ask.get("input").toString();
        }
        return new Picture.Waiting(
                id,
                ask.path("role").asText(),
                ask.path("tool").asText(),
                ask.path("summary").asText(),
                input,
                !whole,
                whyById.get(id));
    }

    // ---- acting: each answer is the sentence the page shows

    String send(String to, String text) {
        JsonNode body = call(new ControlRequest.Send(to, text));
        List<String> told = new ArrayList<>();
        body.path("sent")
                .forEach(sent -> told.add(
                        sent.path("to").asText() + " (" + sent.path("status").asText() + ")"));
        return "sent to " + String.join(", ", told);
    }

    String assign(String role, String text, List<String> after) {
        JsonNode task = call(new ControlRequest.Assign(role, text, after));
        return task.path("id").asText() + " " + task.path("status").asText() + " for " + role + ": " + text;
    }

    String approve(String id, boolean always) {
        JsonNode body = call(new ControlRequest.Approve(id, always));
        return "approved " + id + " for " + body.path("role").asText()
                + (body.has("note") ? " (" + body.path("note").asText() + ")" : "");
    }

    String deny(String id, String reason) {
        JsonNode body = call(new ControlRequest.Deny(id, reason));
        return "denied " + id + " for " + body.path("role").asText();
    }

    String interrupt(String role) {
        JsonNode body = call(new ControlRequest.Interrupt(role));
        return body.path("interrupted").asBoolean()
                ? "interrupted " + role + "'s turn"
                : role + " had no turn running (" + body.path("state").asText() + ")";
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
            client.stream(
                    new ControlRequest.Subscribe(), node -> happening(node).ifPresent(onEvent));
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

    private static java.util.Optional<Happening> happening(JsonNode node) {
        TeamEvent event;
        try {
            event = Json.MAPPER.treeToValue(node, TeamEvent.class);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            return java.util.Optional.empty(); // an event kind newer than this dashboard
        }
        String body = LiveLog.body(event, false);
        Asked asked = event instanceof TeamEvent.PermissionAsked ask ? new Asked(ask.id(), ask.why()) : null;
        boolean changes = !(event instanceof TeamEvent.Said || event instanceof TeamEvent.ToHuman);
        return java.util.Optional.of(new Happening(
                event.role() == null ? "team" : event.role(),
                node.path("type").asText(),
                body,
                tone(event),
                changes,
                asked));
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
                    case "failed" -> "bad";
                    case "done" -> "good";
                    default -> "";
                };
            case TeamEvent.Settled e -> TeamEvent.Settled.DONE.equals(e.outcome()) ? "good" : "bad";
            default -> "";
        };
    }

    // ---- the socket

    private JsonNode call(ControlRequest request) {
        try (ControlClient client = ControlClient.connect(socket, TIMEOUT)) {
            return switch (client.request(request)) {
                case ControlResponse.Ok ok -> ok.body();
                case ControlResponse.Error error -> throw new LinkException(status(error.code()), error.message());
            };
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

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }
}
