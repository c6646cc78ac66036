package dev.peersteam.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.peersteam.json.Json;
import dev.peersteam.runtime.PeersDir;
import dev.peersteam.runtime.TeamInfo;
import java.io.IOException;
import java.io.InputStream;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The dashboard's HTTP side, on the JDK's own server ({@code com.sun.net.httpserver}; server-sent events are a
 * response that does not end). One handler for every path, so that every request passes {@link Access} before
 * anything else, also for paths that do not exist. Each request runs on a virtual thread.
 */
final class WebServer implements AutoCloseable {
    static final int MAX_BODY = 64 * 1024;
    static final int MAX_EVENT_STREAMS = 32;
    static final int MAX_TRANSCRIPTS = 8;

    private static final Map<String, String> SECURITY_HEADERS = Map.of(
            "Content-Security-Policy",
            "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self';"
                    + " base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
            "X-Content-Type-Options",
            "nosniff",
            "Referrer-Policy",
            "no-referrer",
            "X-Frame-Options",
            "DENY",
            "Cross-Origin-Opener-Policy",
            "same-origin",
            "Cross-Origin-Resource-Policy",
            "same-origin",
            "Cache-Control",
            "no-store");

    private final HttpServer server;
    private final ExecutorService threads;
    private final Access access;
    private final Dashboard dashboard;
    private final TeamLink link;
    private final TeamInfo team;
    private final PeersDir peers;
    private final Assets assets = new Assets();
    private final AtomicInteger eventStreams = new AtomicInteger();
    private final AtomicInteger transcripts = new AtomicInteger();
    private final List<Thread> followers = new java.util.concurrent.CopyOnWriteArrayList<>();

    private WebServer(
            HttpServer server,
            ExecutorService threads,
            Access access,
            Dashboard dashboard,
            TeamLink link,
            TeamInfo team,
            PeersDir peers) {
        this.server = server;
        this.threads = threads;
        this.access = access;
        this.dashboard = dashboard;
        this.link = link;
        this.team = team;
        this.peers = peers;
    }

    /** Binds {@code address} (the default port falls back to any free one) and serves until closed. */
    static WebServer start(WebAddress address, Dashboard dashboard, TeamLink link, TeamInfo team, PeersDir peers)
            throws IOException {
        limitConnections();
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(address.host(), address.port()), 0);
        } catch (BindException e) {
            if (address.chosen()) {
                throw new BindException("cannot listen on " + address + ": " + e.getMessage());
            }
            server = HttpServer.create(new InetSocketAddress(address.host(), 0), 0);
        }
        ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
        server.setExecutor(threads);
        WebServer web = new WebServer(
                server, threads, Access.random(server.getAddress().getPort()), dashboard, link, team, peers);
        server.createContext("/", web::handle);
        server.start();
        return web;
    }

    /**
     * The JDK server's own limits, which it reads from system properties once, when it is first used (a value given
     * on the command line wins). Every local user can connect to 127.0.0.1, token or not: so many connections at
     * most (a page holds one for its events), and a request whose head has not arrived in 30 s is dropped, so that
     * connections opened and left silent cannot pile up. Answers have no time limit: an event stream never ends.
     */
    private static void limitConnections() {
        System.getProperties().putIfAbsent("jdk.httpserver.maxConnections", "100");
        System.getProperties().putIfAbsent("sun.net.httpserver.maxReqTime", "30");
    }

    int port() {
        return server.getAddress().getPort();
    }

    Access access() {
        return access;
    }

    private void handle(HttpExchange exchange) {
        try (exchange) {
            SECURITY_HEADERS.forEach(exchange.getResponseHeaders()::set);
            Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
            Access.Request request = accessRequest(exchange, query);
            Optional<Access.Refusal> refusal = access.check(request);
            if (refusal.isPresent()) {
                text(exchange, refusal.get().status(), refusal.get().why());
                return;
            }
            String path = exchange.getRequestURI().getPath();
            String method = exchange.getRequestMethod();
            if (method.equals("GET")) {
                get(exchange, path, query, request);
            } else if (method.equals("POST") && path.startsWith("/api/")) {
                post(exchange, path.substring("/api/".length()));
            } else {
                exchange.getResponseHeaders().set("Allow", "GET, POST");
                text(exchange, 405, "not here");
            }
        } catch (IOException e) {
            // the browser went away
        } catch (RuntimeException e) {
            try {
                text(exchange, 500, "internal error: " + e);
            } catch (IOException | RuntimeException ignored) {
                // the answer had started: nothing more to say
            }
        }
    }

    private void get(HttpExchange exchange, String path, Map<String, String> query, Access.Request request)
            throws IOException {
        switch (path) {
            case "/" -> {
                if (access.cameWithQueryToken(request)) {
                    // the token leaves the address bar (and the history) for a cookie only this origin gets
                    exchange.getResponseHeaders().add("Set-Cookie", access.cookie());
                    exchange.getResponseHeaders().set("Location", "/");
                    exchange.sendResponseHeaders(303, -1);
                    return;
                }
                Assets.Asset page = assets.at("/");
                String html = new String(page.bytes(), StandardCharsets.UTF_8).replace("{{csrf}}", access.csrf());
                send(exchange, 200, page.type(), html.getBytes(StandardCharsets.UTF_8));
            }
            case "/events" -> events(exchange);
            case "/transcript" -> transcript(exchange, query.get("role"));
            case "/api/state" -> json(exchange, 200, dashboard.picture());
            default -> {
                Assets.Asset asset = assets.at(path);
                if (asset == null) {
                    text(exchange, 404, "no such page");
                } else {
                    send(exchange, 200, asset.type(), asset.bytes());
                }
            }
        }
    }

    private void events(HttpExchange exchange) throws IOException {
        if (eventStreams.incrementAndGet() > MAX_EVENT_STREAMS) {
            eventStreams.decrementAndGet();
            text(exchange, 503, "too many pages are open on this dashboard");
            return;
        }
        try {
            EventStream stream = new EventStream(Dashboard.STREAM_BACKLOG, () -> {});
            startStream(exchange);
            dashboard.join(stream);
            try {
                stream.pump(exchange.getResponseBody());
            } finally {
                dashboard.leave(stream);
            }
        } finally {
            eventStreams.decrementAndGet();
        }
    }

    private void transcript(HttpExchange exchange, String role) throws IOException {
        if (role == null || team.role(role).isEmpty()) {
            text(exchange, 404, "team " + team.name() + " has no such role");
            return; // only a role of the team ever becomes part of a path
        }
        if (transcripts.incrementAndGet() > MAX_TRANSCRIPTS) {
            transcripts.decrementAndGet();
            text(exchange, 503, "too many transcripts are open on this dashboard");
            return;
        }
        try {
            EventStream stream = new EventStream(Dashboard.STREAM_BACKLOG, () -> {});
            startStream(exchange);
            Thread follower = Thread.ofVirtual()
                    .name("peers-web-transcript")
                    .start(new TranscriptFeed(role, peers.log(role), stream)::run);
            followers.add(follower);
            try {
                stream.pump(exchange.getResponseBody());
            } finally {
                follower.interrupt();
                followers.remove(follower);
            }
        } finally {
            transcripts.decrementAndGet();
        }
    }

    private static void startStream(HttpExchange exchange) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
        exchange.getResponseHeaders().set("X-Accel-Buffering", "no");
        exchange.sendResponseHeaders(200, 0);
    }

    private void post(HttpExchange exchange, String action) throws IOException {
        Optional<Class<? extends PageAction>> type = PageAction.named(action);
        if (type.isEmpty()) {
            json(exchange, 404, Answer.failed("no such action: " + action));
            return;
        }
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readNBytes(MAX_BODY + 1);
        }
        if (body.length > MAX_BODY) {
            json(exchange, 413, Answer.failed("the request is larger than " + MAX_BODY + " bytes"));
            return;
        }
        PageAction request;
        try {
            request = Json.MAPPER.readValue(body, type.get());
        } catch (ValueInstantiationException e) {
            // the record's own check: its message says which field
            json(
                    exchange,
                    400,
                    Answer.failed(
                            e.getCause() == null
                                    ? "malformed request"
                                    : e.getCause().getMessage()));
            return;
        } catch (JsonProcessingException e) {
            json(exchange, 400, Answer.failed("the request is not the JSON object " + action + " takes"));
            return;
        }
        try {
            json(exchange, 200, Answer.done(request.perform(link)));
        } catch (LinkException e) {
            json(exchange, e.status(), Answer.failed(e.getMessage()));
        }
    }

    private static Access.Request accessRequest(HttpExchange exchange, Map<String, String> query) {
        Headers headers = exchange.getRequestHeaders();
        return new Access.Request(
                exchange.getRequestMethod(),
                headers.getFirst("Host"),
                headers.getFirst("Origin"),
                String.join("; ", headers.getOrDefault("Cookie", List.of())),
                headers.getFirst("Authorization"),
                query.get("token"),
                headers.getFirst(Access.CSRF_HEADER),
                headers.getFirst("Content-Type"));
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> values = new HashMap<>();
        if (raw == null) {
            return values;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                try {
                    values.putIfAbsent(
                            URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                } catch (IllegalArgumentException e) {
                    // a malformed escape: the value is left out
                }
            }
        }
        return values;
    }

    /** A record as JSON. */
    private static void json(HttpExchange exchange, int status, Record body) throws IOException {
        send(exchange, status, "application/json; charset=utf-8", Json.MAPPER.writeValueAsBytes(body));
    }

    private static void text(HttpExchange exchange, int status, String text) throws IOException {
        send(exchange, status, "text/plain; charset=utf-8", (text + "\n").getBytes(StandardCharsets.UTF_8));
    }

    private static void send(HttpExchange exchange, int status, String type, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        exchange.getResponseBody().write(body);
    }

    @Override
    public void close() {
        followers.forEach(Thread::interrupt);
        server.stop(0);
        threads.shutdownNow();
    }
}
