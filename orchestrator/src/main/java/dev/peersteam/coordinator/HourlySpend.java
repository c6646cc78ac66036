package dev.peersteam.coordinator;

import dev.peersteam.control.Usd;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;

/** The team's spending over the last hour, turn by turn, against {@code budget_usd_per_hour}. */
final class HourlySpend {
    static final Duration WINDOW = Duration.ofHours(1);

    private record Spent(Instant at, Usd cost) {}

    private final Usd budget;
    private final Deque<Spent> window = new ArrayDeque<>();
    private Usd total = Usd.ZERO;

    HourlySpend(Usd budget) {
        this.budget = budget;
    }

    void add(Instant at, Usd cost) {
        if (cost.micros() > 0) {
            window.addLast(new Spent(at, cost));
            total = total.plus(cost);
        }
    }

    /** What the last hour cost, as of {@code now}. */
    Usd lastHour(Instant now) {
        forgetBefore(now.minus(WINDOW));
        return total;
    }

    /**
     * When the last hour's spending is under the budget again, if it is not now: the moment enough of the oldest
     * spending has left the window.
     */
    Optional<Instant> underBudgetAt(Instant now) {
        Usd left = lastHour(now);
        if (left.compareTo(budget) < 0) {
            return Optional.empty();
        }
        for (Spent spent : window) {
            left = left.minus(spent.cost());
            if (left.compareTo(budget) < 0) {
                return Optional.of(spent.at().plus(WINDOW));
            }
        }
        throw new IllegalStateException("the window's spending sums to its total");
    }

    private void forgetBefore(Instant start) {
        while (!window.isEmpty() && !window.peekFirst().at().isAfter(start)) {
            total = total.minus(window.removeFirst().cost());
        }
    }
}
