package dev.peersteam.notify;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.peersteam.protocol.Json;
import dev.peersteam.team.NoticeKind;
import java.time.Instant;
import java.util.Objects;

/**
 * One thing a person is told: what happened, in one line ({@code text}), and its parts for programs.
 *
 * @param role  the role it is about; null for the team
 * @param id    the permission request ({@code p3}) or task ({@code T2}) it is about; null otherwise
 * @param text  one line for people, made of model text too: free of control and bidi characters
 * @param count how many events this notice stands for (more than 1 when a burst was rate-limited into one)
 */
public record Notice(NoticeKind kind, String team, String role, String id, String text, Instant time, int count) {
    /** The most a notice's text holds; the whole story is in the live log, the console and the dashboard. */
    static final int MAX_TEXT = 600;

    public Notice {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(team, "team");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(time, "time");
        text = Clean.line(text, MAX_TEXT);
    }

    /** The notice as JSON: what a command reads on stdin and, with a Slack-safe {@code text}, what a webhook gets. */
    ObjectNode toJson(String dashboard) {
        ObjectNode json = Json.object()
                .put("kind", kind.wire())
                .put("team", team)
                .put("text", text)
                .put("time", time.toString())
                .put("count", count);
        if (role != null) {
            json.put("role", role);
        }
        if (id != null) {
            json.put("id", id);
        }
        if (dashboard != null) {
            json.put("dashboard", dashboard);
        }
        return json;
    }
}
