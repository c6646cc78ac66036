package dev.peersteam.coordinator;

import dev.peersteam.control.TeamEvent;
import dev.peersteam.control.Usd;
import dev.peersteam.protocol.CliMessage;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * When the team starts no new turns for a while: the API refuses the account's requests (a CLI retrying after a 429
 * or 529, or a turn that stopped on one), or the team has spent its hourly budget. Running turns go on; a message
 * that would start a turn waits in its role's mailbox ({@link TurnCap} holds the role back) and goes out when the
 * pause is over. A timer tells the loop when that is (the loop's settling step then lets the held-back roles go, most
 * urgent first): nothing polls, and nothing is dropped.
 */
final class Pacing {
    /** Why new turns wait. */
    enum Reason {
        API_LIMIT("the API is refusing the account's requests"),
        HOURLY_BUDGET("the team spent its budget for the last hour");

        final String text;

        Reason(String text) {
            this.text = text;
        }
    }

    /** What {@code ps} shows of a role's brushes with the API's limits. */
    record RoleLimits(int retries, int stoppedTurns, int lastStatus) {}

    static final Duration LONGEST_LIMIT_PAUSE = Duration.ofMinutes(10);

    private final Clock clock;
    private final Timers timers;
    private final Consumer<Event> post;
    private final Consumer<TeamEvent> events;
    private final HourlySpend spend;
    private final EnumMap<Reason, Instant> pausedUntil = new EnumMap<>(Reason.class);
    /** Each pause's latest timer: only that one ends it. */
    private final EnumMap<Reason, Long> generations = new EnumMap<>(Reason.class);

    private final Map<String, RoleLimits> roles = new HashMap<>();
    /** The CLI's last retry delay per role: how long the API asked to wait, the base of the pause after a stop. */
    private final Map<String, Duration> lastDelay = new HashMap<>();
    /** Turns stopped by a limit in a row, team-wide: each doubles the pause, a turn that goes well ends the run. */
    private int stopsInARow;

    /** @param hourlyBudget the team's {@code budget_usd_per_hour}; null for none */
    Pacing(Clock clock, Timers timers, Consumer<Event> post, Consumer<TeamEvent> events, Double hourlyBudget) {
        this.clock = clock;
        this.timers = timers;
        this.post = post;
        this.events = events;
        this.spend = hourlyBudget == null ? null : new HourlySpend(Usd.ofDollars(hourlyBudget));
    }

    /** New turns wait. */
    boolean paused() {
        return !pausedUntil.isEmpty();
    }

    /** Why new turns wait, and until when; empty when they do not. */
    Optional<Map.Entry<Reason, Instant>> pause() {
        return pausedUntil.entrySet().stream().max(Map.Entry.comparingByValue());
    }

    RoleLimits limitsOf(String role) {
        return roles.getOrDefault(role, new RoleLimits(0, 0, 0));
    }

    /** A CLI is retrying a request of its turn: on a limit, no turn starts before its retry. */
    void retrying(String role, CliMessage.ApiRetry retry) {
        RoleLimits was = limitsOf(role);
        roles.put(role, new RoleLimits(was.retries() + 1, was.stoppedTurns(), retry.errorStatus()));
        events.accept(new TeamEvent.ApiRetry(
                role, retry.errorStatus(), retry.error(), retry.attempt(), retry.maxRetries(), retry.retryDelayMs()));
        if (retry.isLimit()) {
            Duration delay = Duration.ofMillis(Math.max(retry.retryDelayMs(), 1_000));
            lastDelay.put(role, delay);
            pauseFor(Reason.API_LIMIT, delay);
        }
    }

    /**
     * A turn ended: one the API stopped on a limit makes the team wait (longer each time in a row, from the CLI's
     * last retry delay up to {@link #LONGEST_LIMIT_PAUSE}); one that went through ends such a run.
     */
    void turnEnded(String role, CliMessage.Result result) {
        if (!result.stoppedByApiLimit()) {
            if (!result.isError()) {
                stopsInARow = 0;
            }
            return;
        }
        RoleLimits was = limitsOf(role);
        roles.put(role, new RoleLimits(was.retries(), was.stoppedTurns() + 1, result.apiErrorStatus()));
        stopsInARow++;
        Duration base = lastDelay.getOrDefault(role, Duration.ofSeconds(1));
        Duration pause = base.multipliedBy(1L << Math.min(stopsInARow - 1, 20));
        pauseFor(Reason.API_LIMIT, pause.compareTo(LONGEST_LIMIT_PAUSE) > 0 ? LONGEST_LIMIT_PAUSE : pause);
    }

    /** A turn's cost: over the hourly budget, no turn starts until the last hour's spending is under it again. */
    void spent(Usd cost) {
        spent(clock.instant(), cost);
    }

    /** A turn's cost as of {@code at}, which is never before the last one's (a restart replays the journal's). */
    void spent(Instant at, Usd cost) {
        if (spend == null) {
            return;
        }
        spend.add(at, cost);
        Instant now = clock.instant();
        spend.underBudgetAt(now).ifPresent(until -> pauseFor(Reason.HOURLY_BUDGET, Duration.between(now, until)));
    }

    private void pauseFor(Reason reason, Duration delay) {
        Instant until = clock.instant().plus(delay);
        Instant was = pausedUntil.get(reason);
        if (was != null && !until.isAfter(was)) {
            return;
        }
        pausedUntil.put(reason, until);
        long generation = generations.merge(reason, 1L, Long::sum);
        if (was == null) {
            events.accept(new TeamEvent.Paced(null, true, reason.text, until.toEpochMilli()));
        }
        timers.schedule(delay, () -> post.accept(new Event.Completed("pause over", () -> over(reason, generation))));
    }

    /** On the loop, when a pause's timer fires: it is over unless a later pause for the same reason replaced it. */
    private void over(Reason reason, long generation) {
        if (generations.get(reason) != generation) {
            return;
        }
        Instant until = pausedUntil.remove(reason);
        events.accept(new TeamEvent.Paced(null, false, reason.text, until.toEpochMilli()));
    }
}
