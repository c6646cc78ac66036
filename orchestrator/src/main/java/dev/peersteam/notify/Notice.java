package dev.peersteam.notify;

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

    /**
     * The notice as JSON carries it, what a command reads on stdin and a webhook gets; {@code dashboard} is the
     * dashboard's address (without its token), null parts are left out.
     */
    record Payload(
            String kind, String team, String text, String time, int count, String role, String id, String dashboard) {}

    /** The payload with another text: a webhook's is made safe for Slack. */
    Payload payload(String dashboard, String shownText) {
        return new Payload(kind.wire(), team, shownText, time.toString(), count, role, id, dashboard);
    }

    Payload payload(String dashboard) {
        return payload(dashboard, text);
    }
}
