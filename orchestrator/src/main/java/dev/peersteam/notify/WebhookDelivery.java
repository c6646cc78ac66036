package dev.peersteam.notify;

import dev.peersteam.json.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * POSTs each notice as JSON to a webhook. The {@code text} field is what Slack (and Mattermost, Discord's Slack
 * endpoint, ...) shows; it is escaped as Slack asks ({@code &}, {@code <}, {@code >}), so a model cannot make a
 * notice mention {@code @channel} or hide a link. Redirects are not followed; anything but a 2xx is a failure.
 */
final class WebhookDelivery implements Delivery {
    private static final int KEPT_BODY = 200;

    private final URI url;
    private final HttpClient client;
    private final Duration timeout;

    WebhookDelivery(URI url, HttpClient client, Duration timeout) {
        this.url = url;
        this.client = client;
        this.timeout = timeout;
    }

    @Override
    public void deliver(Notice notice, String dashboard) throws IOException, InterruptedException {
        Notice.Payload body = notice.payload(dashboard, "peers-team: " + slackEscaped(notice.text()));
        HttpRequest request = HttpRequest.newBuilder(url)
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .header("User-Agent", "peers-team")
                .POST(HttpRequest.BodyPublishers.ofString(Json.MAPPER.writeValueAsString(body), StandardCharsets.UTF_8))
                .build();
        HttpResponse<java.io.InputStream> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (java.net.http.HttpTimeoutException e) {
            throw new IOException("no answer within " + timeout.toSeconds() + " s", e);
        } catch (IOException e) {
            throw new IOException(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage(), e);
        }
        String said;
        try (java.io.InputStream answer = response.body()) {
            said = Clean.line(new String(answer.readNBytes(KEPT_BODY * 4), StandardCharsets.UTF_8), KEPT_BODY);
        } // closing the stream drops the rest of a long answer
        if (response.statusCode() / 100 != 2) {
            throw new IOException("HTTP " + response.statusCode() + (said.isEmpty() ? "" : ": " + said));
        }
    }

    /** Slack's escaping: its control sequences are written with {@code <}, {@code >} and {@code &}. */
    static String slackEscaped(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
