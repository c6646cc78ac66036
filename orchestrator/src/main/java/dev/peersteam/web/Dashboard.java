package dev.peersteam.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.peersteam.control.ControlClient;
import dev.peersteam.control.Usd;
import dev.peersteam.json.Json;
import dev.peersteam.runtime.TeamInfo;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

/**
 * What every open page shows, kept up to date from the team's event stream: each event goes to the feed at once,
 * and an event that changes what {@code ps} or {@code board} say makes the picture be fetched again (one fetch at a
 * time; events that come meanwhile make one more, not one each). Nothing is polled: a thread waits on the stream, and
 * one waits for something to fetch.
 */
final class Dashboard implements AutoCloseable {
    static final int FEED_KEPT = 400;
    static final int STREAM_BACKLOG = 2000;
    private static final Duration PING = Duration.ofSeconds(20);
    /** The least time between two fetches of the picture: a busy team is not asked for {@code ps} at every event. */
    static final Duration MIN_SPACING = Duration.ofMillis(150);

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

    private final TeamLink link;
    private final TeamInfo team;
    private final Clock clock;
    private final AtomicReference<Picture> picture;
    private final Deque<FeedItem> feed = new ArrayDeque<>(); // guarded by itself
    private final Set<EventStream> streams = ConcurrentHashMap.newKeySet();
    private final Map<String, String> whyById = new ConcurrentHashMap<>();
    private final CompletableFuture<String> ended = new CompletableFuture<>();
    private final Object refresh = new Object();
    private final AtomicReference<ControlClient> listening = new AtomicReference<>();
    private final ScheduledExecutorService pings = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("peers-web-ping").factory());
    private boolean stale = true; // guarded by refresh
    private long seq;
    private long lastFetch = System.nanoTime() - MIN_SPACING.toNanos(); // only the refresher touches it
    private volatile boolean closed;
    private Thread listener;
    private Thread refresher;

    Dashboard(TeamLink link, TeamInfo team, Clock clock) {
        this.link = link;
        this.team = team;
        this.clock = clock;
        this.picture = new AtomicReference<>(new Picture(
                team.name(),
                true,
                null,
                Usd.ZERO,
                null,
                0,
                team.roles().stream()
                        .map(r -> new Picture.RoleCard(
                                r.name(),
                                r.lead(),
                                "?",
                                null,
                                null,
                                Usd.ZERO,
                                null,
                                0,
                                null,
                                null,
                                r.branch(),
                                null,
                                0,
                                null))
                        .toList(),
                List.of(),
                List.of(),
                null));
    }

    void start() {
        listener = Thread.ofVirtual().name("peers-web-events").start(this::listen);
        refresher = Thread.ofVirtual().name("peers-web-refresh").start(this::refreshLoop);
        pings.scheduleAtFixedRate(
                () -> streams.forEach(EventStream::ping), PING.toMillis(), PING.toMillis(), TimeUnit.MILLISECONDS);
    }

    Picture picture() {
        return picture.get();
    }

    /** Completes with the reason when the team's events end (the team stopped). */
    CompletableFuture<String> ended() {
        return ended;
    }

    /** A new page: the picture and the recent feed first, then everything as it happens. */
    void join(EventStream stream) {
        List<FeedItem> recent;
        synchronized (feed) {
            recent = new ArrayList<>(feed);
            streams.add(stream); // under the feed's lock: no item is missed or sent twice
        }
        stream.offer("picture", json(picture.get()));
        stream.offer("feed", json(recent));
    }

    void leave(EventStream stream) {
        streams.remove(stream);
    }

    private void listen() {
        while (!closed) {
            TeamLink.StreamEnd end = link.listen(this::happened, client -> {
                listening.set(client);
                if (closed) {
                    client.close(); // closed while connecting
                }
            });
            if (closed) {
                return;
            }
            if (!end.listenAgain()) {
                finish(end.why());
                return;
            }
            markStale(); // events were missed: fetch everything again
        }
    }

    private void happened(TeamLink.Happening happening) {
        if (happening.asked() != null && happening.asked().why() != null) {
            whyById.put(happening.asked().id(), happening.asked().why());
        }
        if (happening.text() != null) {
            FeedItem item;
            String line;
            synchronized (feed) {
                item = new FeedItem(
                        ++seq,
                        LocalTime.now(clock).format(TIME),
                        happening.role(),
                        happening.kind(),
                        happening.text(),
                        happening.tone());
                feed.addLast(item);
                while (feed.size() > FEED_KEPT) {
                    feed.removeFirst();
                }
                line = json(List.of(item));
                streams.forEach(s -> s.offer("feed", line));
            }
        }
        if (happening.changesPicture()) {
            markStale();
        }
    }

    private void markStale() {
        synchronized (refresh) {
            stale = true;
            refresh.notifyAll();
        }
    }

    private void refreshLoop() {
        try {
            while (!closed) {
                synchronized (refresh) {
                    while (!stale && !closed) {
                        refresh.wait();
                    }
                }
                if (closed) {
                    return;
                }
                keepSpacing();
                synchronized (refresh) {
                    stale = false; // after the pause: the events that came during it are in this fetch
                }
                refresh();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A burst of events costs one fetch per {@link #MIN_SPACING}, not one each. */
    private void keepSpacing() throws InterruptedException {
        long wait = lastFetch + MIN_SPACING.toNanos() - System.nanoTime();
        if (wait > 0) {
            Thread.sleep(Duration.ofNanos(wait));
        }
        lastFetch = System.nanoTime();
    }

    private void refresh() {
        // Reasons are forgotten once their request no longer waits; a request asked during the fetch is kept, as
        // the answer may predate it.
        Set<String> known = Set.copyOf(whyById.keySet());
        try {
            Picture now = link.picture(team, whyById);
            Set<String> waiting =
                    now.waiting().stream().map(Picture.Waiting::id).collect(Collectors.toSet());
            known.stream().filter(id -> !waiting.contains(id)).forEach(whyById::remove);
            publish(now);
        } catch (LinkException e) {
            // the coordinator is busy or stopping; the next event (or the end of the stream) tells more
        }
    }

    private void publish(Picture now) {
        if (ended.isDone()) {
            now = now.ended(ended.getNow(null));
        }
        picture.set(now);
        String json = json(now);
        streams.forEach(s -> s.offer("picture", json));
    }

    private void finish(String why) {
        ended.complete(why);
        Picture last = picture.updateAndGet(p -> p.ended(why));
        String json = json(last);
        streams.forEach(s -> s.offer("picture", json));
    }

    private static String json(Object value) {
        try {
            return Json.MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Ends every page's stream and the threads that listen and fetch. */
    @Override
    public void close() {
        closed = true;
        pings.shutdownNow();
        ControlClient client = listening.get();
        if (client != null) {
            client.close();
        }
        synchronized (refresh) {
            refresh.notifyAll();
        }
        streams.forEach(EventStream::close);
        if (listener != null) {
            listener.interrupt();
        }
        if (refresher != null) {
            refresher.interrupt();
        }
    }
}
