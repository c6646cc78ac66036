package dev.peersteam.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.peersteam.board.TaskStatus;
import dev.peersteam.control.ControlRequest;
import dev.peersteam.control.TeamEvent;
import dev.peersteam.control.Usd;
import dev.peersteam.json.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The dashboard's promises over real HTTP, against a made-up team on a real control socket: nothing without the
 * token, no change from another origin or without the CSRF token, no answer to a rebound host name, no CORS, and the
 * team's (the models') text only ever as data.
 */
@Timeout(60)
class WebDashboardTest {
    @TempDir
    Path repo;

    private FakeTeam team;
    private WebDashboard dashboard;
    private HttpClient http;
    private String base;
    private String token;
    private String origin;

    @BeforeEach
    void start() throws Exception {
        team = new FakeTeam(repo);
        dashboard = WebDashboard.start(
                team.peers, team.info, new WebAddress("127.0.0.1", 0, true), Clock.systemDefaultZone());
        base = dashboard.base();
        token = dashboard.url().substring(dashboard.url().indexOf("?token=") + "?token=".length());
        origin = base.substring(0, base.length() - 1);
        http = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    @AfterEach
    void stop() {
        dashboard.close();
        team.close();
        http.close();
    }

    private int port() {
        return URI.create(base).getPort();
    }

    private String cookie() {
        return "peers_team_" + port() + "=" + token;
    }

    private HttpResponse<String> get(String path, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base).resolve(path));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return http.send(request.GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String body, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base).resolve(path));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return http.send(
                request.POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private String csrf() throws Exception {
        String page = get("/", "Cookie", cookie()).body();
        int at = page.indexOf("name=\"csrf\" content=\"") + "name=\"csrf\" content=\"".length();
        return page.substring(at, page.indexOf('"', at));
    }

    /** Headers of a change sent by the dashboard's own page. */
    private String[] fromThePage(String csrf) {
        return new String[] {
            "Cookie", cookie(), "Origin", origin, "X-CSRF-Token", csrf, "Content-Type", "application/json"
        };
    }

    static Stream<String> everyPath() {
        return Stream.of(
                "/",
                "/app.js",
                "/app.css",
                "/icon.svg",
                "/events",
                "/transcript?role=lead",
                "/api/state",
                "/no-such-page");
    }

    @ParameterizedTest
    @MethodSource("everyPath")
    void withoutTheTokenNothingIsServedNotEvenWhatDoesNotExist(String path) throws Exception {
        HttpResponse<String> none = get(path);
        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(none.body()).doesNotContain("csrf", "shop", "backend");
        assertThat(get(path, "Cookie", "peers_team_" + port() + "=wrong").statusCode())
                .isEqualTo(403);
        assertThat(get(path, "Authorization", "Bearer " + token.substring(1)).statusCode())
                .isEqualTo(403);
        assertThat(get(path, "Cookie", "peers_team_1=" + token).statusCode())
                .as("another port's cookie is not this dashboard's")
                .isEqualTo(401);
        assertThat(get(path.contains("?") ? path + "&token=x" : path + "?token=x")
                        .statusCode())
                .isEqualTo(403);
        assertThat(post("/api/approve", "{\"id\":\"p1\"}", "Origin", origin, "Content-Type", "application/json")
                        .statusCode())
                .isEqualTo(401);
        assertThat(team.requests).noneMatch(ControlRequest.Approve.class::isInstance);
    }

    @Test
    void theTokenInTheAddressBecomesACookieOnlyThisOriginSendsAndLeavesTheAddressBar() throws Exception {
        HttpResponse<String> first = get("/?token=" + token);
        assertThat(first.statusCode()).isEqualTo(303);
        assertThat(first.headers().firstValue("Location")).contains("/");
        assertThat(first.headers().firstValue("Set-Cookie"))
                .contains("peers_team_" + port() + "=" + token + "; Path=/; HttpOnly; SameSite=Strict");

        HttpResponse<String> page = get("/", "Cookie", cookie());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).contains("text/html; charset=utf-8");
        assertThat(page.body()).contains("<meta name=\"csrf\" content=\"").doesNotContain("{{csrf}}", token);
        assertThat(get("/api/state", "Authorization", "Bearer " + token).statusCode())
                .as("scripts may use the token as a bearer token")
                .isEqualTo(200);
    }

    @Test
    void everyAnswerForbidsFramingSniffingReferrersCachingAndForeignScripts() throws Exception {
        for (HttpResponse<String> response :
                List.of(get("/"), get("/", "Cookie", cookie()), get("/app.js", "Cookie", cookie()))) {
            assertThat(response.headers().firstValue("Content-Security-Policy"))
                    .hasValueSatisfying(csp -> assertThat(csp)
                            .contains("default-src 'none'", "script-src 'self'", "frame-ancestors 'none'")
                            .doesNotContain("unsafe-inline", "unsafe-eval"));
            assertThat(response.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
            assertThat(response.headers().firstValue("Referrer-Policy")).contains("no-referrer");
            assertThat(response.headers().firstValue("X-Frame-Options")).contains("DENY");
            assertThat(response.headers().firstValue("Cache-Control")).contains("no-store");
            assertThat(response.headers().map().keySet())
                    .noneMatch(name -> name.toLowerCase().startsWith("access-control-"));
        }
    }

    @Test
    void aChangeFromThePageReachesTheTeam() throws Exception {
        HttpResponse<String> approved = post("/api/approve", "{\"id\":\"p1\",\"always\":true}", fromThePage(csrf()));
        assertThat(approved.statusCode()).isEqualTo(200);
        assertThat(answer(approved)).isEqualTo(Answer.done("approved p1 for backend"));
        assertThat(team.requests).contains(new ControlRequest.Approve("p1", true));

        HttpResponse<String> sent =
                post("/api/send", "{\"to\":\"backend\",\"text\":\"use /api/v2\"}", fromThePage(csrf()));
        assertThat(sent.statusCode()).isEqualTo(200);
        assertThat(team.requests).contains(new ControlRequest.Send("backend", "use /api/v2"));

        assertThat(post(
                                "/api/assign",
                                "{\"role\":\"backend\",\"text\":\"tests\",\"after\":\"T1, T2\"}",
                                fromThePage(csrf()))
                        .statusCode())
                .isEqualTo(200);
        assertThat(team.requests).contains(new ControlRequest.Assign("backend", "tests", List.of("T1", "T2")));
        HttpResponse<String> assigned =
                post("/api/assign", "{\"role\":\"backend\",\"text\":\"docs\",\"after\":[\"T1\"]}", fromThePage(csrf()));
        assertThat(answer(assigned)).isEqualTo(Answer.done("T2 assigned for backend: docs"));
        assertThat(team.requests).contains(new ControlRequest.Assign("backend", "docs", List.of("T1")));

        HttpResponse<String> unknown = post("/api/approve", "{\"id\":\"p9\"}", fromThePage(csrf()));
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(answer(unknown)).isEqualTo(Answer.failed("no permission request is waiting"));
        HttpResponse<String> missing = post("/api/send", "{\"to\":\"backend\"}", fromThePage(csrf()));
        assertThat(missing.statusCode()).as("a missing field").isEqualTo(400);
        assertThat(answer(missing)).isEqualTo(Answer.failed("'text' is required"));
        assertThat(post("/api/send", "[1]", fromThePage(csrf())).statusCode()).isEqualTo(400);
        assertThat(post("/api/send", "", fromThePage(csrf())).statusCode()).isEqualTo(400);
        assertThat(post("/api/reboot", "{}", fromThePage(csrf())).statusCode()).isEqualTo(404);
        assertThat(post(
                                "/api/send",
                                "{\"to\":\"backend\",\"text\":\"" + "x".repeat(WebServer.MAX_BODY) + "\"}",
                                fromThePage(csrf()))
                        .statusCode())
                .isEqualTo(413);
    }

    static Stream<String> foreignOrigins() {
        return Stream.of(
                "http://evil.example",
                "null",
                "http://127.0.0.1",
                "https://127.0.0.1:PORT",
                "http://localhost:PORT",
                "http://127.0.0.1:PORT.evil.example",
                "http://127.0.0.1:PORT/");
    }

    @ParameterizedTest
    @MethodSource("foreignOrigins")
    void aChangeFromAnotherOriginIsRefusedAndNeverReachesTheTeam(String foreign) throws Exception {
        String csrf = csrf();
        HttpResponse<String> refused = post(
                "/api/approve",
                "{\"id\":\"p1\"}",
                "Cookie",
                cookie(),
                "Origin",
                foreign.replace("PORT", Integer.toString(port())),
                "X-CSRF-Token",
                csrf,
                "Content-Type",
                "application/json");
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.body()).contains("Origin does not match");
        assertThat(team.requests).noneMatch(ControlRequest.Approve.class::isInstance);
    }

    @Test
    void aChangeWithoutOriginOrCsrfTokenOrAsAFormIsRefused() throws Exception {
        String csrf = csrf();
        assertThat(post("/api/down", "{}", "Cookie", cookie(), "X-CSRF-Token", csrf, "Content-Type", "application/json")
                        .statusCode())
                .as("no Origin")
                .isEqualTo(403);
        assertThat(post("/api/down", "{}", "Cookie", cookie(), "Origin", origin, "Content-Type", "application/json")
                        .statusCode())
                .as("no CSRF token")
                .isEqualTo(403);
        assertThat(post(
                                "/api/down",
                                "{}",
                                "Cookie",
                                cookie(),
                                "Origin",
                                origin,
                                "X-CSRF-Token",
                                token,
                                "Content-Type",
                                "application/json")
                        .statusCode())
                .as("the login token is not the CSRF token")
                .isEqualTo(403);
        assertThat(post(
                                "/api/down",
                                "{}",
                                "Cookie",
                                cookie(),
                                "Origin",
                                origin,
                                "X-CSRF-Token",
                                csrf,
                                "Content-Type",
                                "application/x-www-form-urlencoded")
                        .statusCode())
                .as("what a plain HTML form can send")
                .isEqualTo(415);
        assertThat(team.requests).noneMatch(ControlRequest.Down.class::isInstance);
        assertThat(post("/api/down", "{}", fromThePage(csrf)).statusCode()).isEqualTo(200);
        assertThat(team.requests).contains(new ControlRequest.Down(false));
    }

    @Test
    void thereIsNoCorsAndNoOtherMethod() throws Exception {
        HttpResponse<String> preflight = http.send(
                HttpRequest.newBuilder(URI.create(base + "api/approve"))
                        .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                        .headers(
                                "Cookie",
                                cookie(),
                                "Origin",
                                "http://evil.example",
                                "Access-Control-Request-Method",
                                "POST")
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(preflight.statusCode())
                .as("a preflight from elsewhere is refused")
                .isEqualTo(403);
        assertThat(preflight.headers().map().keySet())
                .noneMatch(name -> name.toLowerCase().startsWith("access-control-"));
        HttpResponse<String> read = get("/api/state", "Cookie", cookie(), "Origin", "http://evil.example");
        assertThat(read.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
        assertThat(post("/app.js", "{}", fromThePage(csrf())).statusCode()).isEqualTo(405);
    }

    /** A request with the Host header an attacker's page would send (the JDK client will not set Host itself). */
    private String statusLine(String host, String path) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\nCookie: " + cookie()
                            + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            return new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII))
                    .readLine();
        }
    }

    @Test
    void aRequestForAHostNameIsRefusedEvenWithTheTokenWhichStopsDnsRebinding() throws Exception {
        for (String host : List.of(
                "evil.example:" + port(),
                "evil.example",
                "127.0.0.1.nip.io:" + port(),
                "localhost.evil.example:" + port(),
                "127.0.0.1:" + port() + "@evil.example",
                "")) {
            assertThat(statusLine(host, "/api/state")).as(host).startsWith("HTTP/1.1 403");
        }
        for (String host : List.of(
                "127.0.0.1:" + port(),
                "localhost:9999",
                "LOCALHOST:" + port(),
                "[::1]:" + port(),
                "192.168.1.7:" + port())) {
            assertThat(statusLine(host, "/api/state"))
                    .as(host + ": an address or localhost (an SSH tunnel may use another port)")
                    .startsWith("HTTP/1.1 200");
        }
    }

    @Test
    void aTranscriptIsOnlyEverARoleOfTheTeam() throws Exception {
        for (String role : List.of("nobody", "..%2F..%2Fetc%2Fpasswd", "lead%2F..%2F..%2Fjournal", "")) {
            assertThat(get("/transcript?role=" + role, "Cookie", cookie()).statusCode())
                    .as(role)
                    .isEqualTo(404);
        }
    }

    /** The server-sent events of one page, read on a thread of their own. */
    private BlockingQueue<Map.Entry<String, String>> listen(String path, List<InputStream> open) throws Exception {
        HttpResponse<InputStream> response = http.send(
                HttpRequest.newBuilder(URI.create(base + path.substring(1)))
                        .header("Cookie", cookie())
                        .build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).contains("text/event-stream; charset=utf-8");
        open.add(response.body());
        BlockingQueue<Map.Entry<String, String>> events = new LinkedBlockingQueue<>();
        Thread.ofVirtual().start(() -> {
            try (BufferedReader in =
                    new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
                String event = null;
                String line;
                while ((line = in.readLine()) != null) {
                    if (line.startsWith("event: ")) {
                        event = line.substring(7);
                    } else if (line.startsWith("data: ")) {
                        events.add(Map.entry(event, line.substring(6)));
                    }
                }
            } catch (IOException e) {
                // closed
            }
        });
        return events;
    }

    private static Map.Entry<String, String> next(BlockingQueue<Map.Entry<String, String>> events, String kind)
            throws InterruptedException {
        while (true) {
            Map.Entry<String, String> event = events.poll(10, TimeUnit.SECONDS);
            assertThat(event).as("an event '" + kind + "' within 10 s").isNotNull();
            if (event.getKey().equals(kind)) {
                return event;
            }
        }
    }

    private static Picture picture(Map.Entry<String, String> event) throws IOException {
        return Json.MAPPER.readValue(event.getValue(), Picture.class);
    }

    private static List<FeedItem> feed(Map.Entry<String, String> event) throws IOException {
        return List.of(Json.MAPPER.readValue(event.getValue(), FeedItem[].class));
    }

    /**
     * The next item of the feed of this kind: others may come first (the team's greeting reaches the dashboard at
     * some moment after it subscribed, which the test cannot see).
     */
    private static FeedItem nextFeedItem(BlockingQueue<Map.Entry<String, String>> events, String kind)
            throws Exception {
        while (true) {
            for (FeedItem item : feed(next(events, "feed"))) {
                if (item.kind().equals(kind)) {
                    return item;
                }
            }
        }
    }

    /** What the page is answered for a change it asked. */
    private static Answer answer(HttpResponse<String> response) throws IOException {
        return Json.MAPPER.readValue(response.body(), Answer.class);
    }

    @Test
    void aPageGetsThePictureThenEveryEventLiveAndTheModelsTextOnlyAsData() throws Exception {
        List<InputStream> open = new ArrayList<>();
        try {
            BlockingQueue<Map.Entry<String, String>> events = listen("/events", open);
            Picture first = picture(next(events, "picture"));
            assertThat(first.team()).isEqualTo("shop");
            next(events, "feed");
            assertThat(team.subscribed.await(10, TimeUnit.SECONDS)).isTrue();

            String hostile = "</script><script>alert(1)</script><img src=x onerror=alert(2)>";
            team.taskTitle = hostile;
            long sent = System.nanoTime();
            team.happens(new TeamEvent.Said("backend", hostile));
            FeedItem said = nextFeedItem(events, "said");
            long latencyMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - sent);
            assertThat(said.role()).isEqualTo("backend");
            assertThat(said.kind()).isEqualTo("said");
            assertThat(said.text()).isEqualTo("says: " + hostile);
            assertThat(latencyMs)
                    .as("an event reaches the page at once (measured %d ms)", latencyMs)
                    .isLessThan(2000);

            team.happens(new TeamEvent.Said("backend", "clear\u001b[2J and \u202ereversed\u200b"));
            assertThat(nextFeedItem(events, "said").text())
                    .as("control, bidi and zero-width characters show as escapes, as in the terminal")
                    .isEqualTo("says: clear\\x1b[2J and \\u202ereversed\\u200b");

            team.happens(new TeamEvent.TaskChanged("backend", "T1", TaskStatus.REVIEW, "backend", hostile));
            Picture picture;
            do {
                picture = picture(next(events, "picture"));
            } while (!picture.tasks().getFirst().title().equals(hostile));
            assertThat(picture.waiting().getFirst().input())
                    .as("the whole input of the waiting call, indented")
                    .contains("\"command\" : \"git push origin main\"", "<img src=x onerror=alert(1)>");
            assertThat(picture.waiting().getFirst().inputCut()).isFalse();
            assertThat(picture.waiting().getFirst().input())
                    .as("a bidi override in the call shows as an escape, not as reordered text")
                    .contains("\\u202eniam nigiro")
                    .doesNotContain("\u202e");
            assertThat(picture.roles().get(1).branch()).isEqualTo("peers/backend");
            assertThat(picture.roles().get(1).state()).isEqualTo("busy");
            assertThat(picture.budgetUsd()).isEqualTo(Usd.ofDollars(5));
            assertThat(picture.costUsd()).isEqualTo(Usd.ofDollars(0.25));

            String page = get("/", "Cookie", cookie()).body();
            assertThat(page).as("the page itself never holds the team's text").doesNotContain("alert", "Build the API");
            String script = get("/app.js", "Cookie", cookie()).body();
            assertThat(script)
                    .as("the page's script never parses text as HTML")
                    .doesNotContain(".innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(");
        } finally {
            for (InputStream in : open) {
                in.close();
            }
        }
    }

    @Test
    void whenTheTeamStopsThePageIsToldAndShowsTheLastState() throws Exception {
        List<InputStream> open = new ArrayList<>();
        try {
            BlockingQueue<Map.Entry<String, String>> events = listen("/events", open);
            next(events, "picture");
            team.close();
            Picture last;
            do {
                last = picture(next(events, "picture"));
            } while (last.live());
            assertThat(last.ended()).isNotBlank();
            assertThat(dashboard.teamStopped()).succeedsWithin(Duration.ofSeconds(10));
        } finally {
            for (InputStream in : open) {
                in.close();
            }
        }
    }
}
