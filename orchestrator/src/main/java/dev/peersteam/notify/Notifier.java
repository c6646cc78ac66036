package dev.peersteam.notify;

import dev.peersteam.control.TeamEvent;
import dev.peersteam.team.NotifyTarget;
import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * Tells people when the team needs them ({@code notify:}, {@code up --notify}). It is fed the team's events on the
 * coordinator's loop thread and never blocks it: an event becomes a notice there (a few field reads) and is offered
 * to a bounded queue; one thread rate-limits the notices per kind ({@link RateLimit}), and each target has a thread
 * and a bounded queue of its own, so a slow webhook delays only itself. What does not fit is dropped and said once;
 * a target's failure is said once, through {@code warn} (the live log, the console and the dashboard show it).
 */
public final class Notifier implements Consumer<TeamEvent>, AutoCloseable {
    /** How settings are chosen; {@link #DEFAULTS} outside tests. */
    public record Settings(Duration interval, Duration timeout, Duration closeWait, int queue) {
        public static final Settings DEFAULTS =
                new Settings(Duration.ofSeconds(30), Duration.ofSeconds(10), Duration.ofSeconds(5), 256);
    }

    private static final Notice STOP =
            new Notice(dev.peersteam.team.NoticeKind.DONE, "-", null, null, "stop", Instant.EPOCH, 0);

    private final Notices notices;
    private final BlockingQueue<Notice> incoming;
    private final RateLimit limit;
    private final List<Target> targets = new ArrayList<>();
    private final Consumer<String> warn;
    private final Clock clock;
    private final Settings settings;
    private final Thread dispatcher;
    private final AtomicBoolean droppedSaid = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile String dashboard;

    /**
     * @param directory where commands run (the repository)
     * @param warn      where a failing target is said, once; called from the notifier's threads
     */
    public Notifier(
            String team,
            List<NotifyTarget> targets,
            Path directory,
            Consumer<String> warn,
            Clock clock,
            Settings settings) {
        this.notices = new Notices(team, clock);
        this.incoming = new ArrayBlockingQueue<>(settings.queue());
        this.limit = new RateLimit(settings.interval());
        this.warn = warn;
        this.clock = clock;
        this.settings = settings;
        HttpClient http = targets.stream().anyMatch(NotifyTarget.Webhook.class::isInstance)
                ? HttpClient.newBuilder()
                        .connectTimeout(settings.timeout())
                        .followRedirects(HttpClient.Redirect.NEVER)
                        .build()
                : null;
        for (NotifyTarget target : targets) {
            Delivery delivery = switch (target) {
                case NotifyTarget.Command command -> new CommandDelivery(command.argv(), directory, settings.timeout());
                case NotifyTarget.Webhook webhook -> new WebhookDelivery(webhook.url(), http, settings.timeout());
            };
            this.targets.add(new Target(target, delivery, settings.queue()));
        }
        this.dispatcher = Thread.ofPlatform().daemon().name("peers-notify").start(this::dispatch);
    }

    /** The dashboard's address without its token, put in every notice from now on for a person to open. */
    public void dashboardAt(String address) {
        this.dashboard = address;
    }

    /** On the loop thread: never blocks. */
    @Override
    public void accept(TeamEvent event) {
        if (closed.get()) {
            return;
        }
        Optional<Notice> notice;
        try {
            notice = notices.of(event);
        } catch (RuntimeException e) {
            return; // an event this notifier cannot read is no reason to disturb the team
        }
        if (notice.isPresent() && !incoming.offer(notice.get())) {
            dropped("the notifier is behind");
        }
    }

    private void dispatch() {
        try {
            while (true) {
                Optional<Instant> due = limit.nextDue();
                Notice next = due.isEmpty()
                        ? incoming.take()
                        : incoming.poll(
                                Math.max(
                                        0,
                                        Duration.between(clock.instant(), due.get())
                                                .toMillis()),
                                TimeUnit.MILLISECONDS);
                if (next == STOP) {
                    limit.drain().forEach(this::send);
                    return;
                }
                if (next != null) {
                    limit.offer(next, clock.instant()).ifPresent(this::send);
                }
                limit.due(clock.instant()).forEach(this::send);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void send(Notice notice) {
        for (Target target : targets) {
            if (target.wants(notice) && !target.queue.offer(notice)) {
                dropped(target.spec.shown() + " is behind");
            }
        }
    }

    private void dropped(String why) {
        if (droppedSaid.compareAndSet(false, true)) {
            warn.accept("notify: a notice was dropped because " + why + "; later drops are not shown");
        }
    }

    /**
     * Stops taking events, sends what is queued and held (a team that ends says so), waiting up to the close wait
     * for it, then stops every thread of the notifier.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        long deadline = System.nanoTime() + settings.closeWait().toNanos();
        try {
            if (!incoming.offer(STOP, settings.closeWait().toMillis(), TimeUnit.MILLISECONDS)) {
                dispatcher.interrupt();
            }
            dispatcher.join(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
            dispatcher.interrupt();
            for (Target target : targets) {
                target.queue.offer(STOP);
            }
            for (Target target : targets) {
                target.thread.join(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
                target.thread.interrupt();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            dispatcher.interrupt();
            targets.forEach(t -> t.thread.interrupt());
        }
    }

    /** One target: its queue, and the thread that delivers to it. */
    private final class Target {
        private final NotifyTarget spec;
        private final Delivery delivery;
        private final BlockingQueue<Notice> queue;
        private final Thread thread;
        private boolean failureSaid;

        Target(NotifyTarget spec, Delivery delivery, int capacity) {
            this.spec = spec;
            this.delivery = delivery;
            this.queue = new ArrayBlockingQueue<>(capacity);
            this.thread = Thread.ofVirtual().name("peers-notify-target").start(this::run);
        }

        boolean wants(Notice notice) {
            return spec.kinds().contains(notice.kind());
        }

        private void run() {
            try {
                while (true) {
                    Notice notice = queue.take();
                    if (notice == STOP) {
                        return;
                    }
                    try {
                        delivery.deliver(notice, dashboard);
                    } catch (IOException | RuntimeException e) {
                        if (!failureSaid) {
                            failureSaid = true;
                            warn.accept("notify: " + spec.shown() + " failed (" + e.getMessage()
                                    + "); the team goes on, and later failures of it are not shown");
                        }
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
