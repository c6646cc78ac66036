package dev.peersteam.coordinator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.peersteam.control.Usd;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class HourlySpendTest {
    private static final Instant T0 = Instant.parse("2026-12-07T10:00:00Z");

    @Test
    void underTheBudgetThereIsNoWait() {
        HourlySpend spend = new HourlySpend(Usd.ofDollars(1.0));
        spend.add(T0, Usd.ofDollars(0.4));
        spend.add(T0.plusSeconds(60), Usd.ofDollars(0.5));
        assertThat(spend.underBudgetAt(T0.plusSeconds(61))).isEmpty();
        assertThat(spend.lastHour(T0.plusSeconds(61))).isEqualTo(Usd.ofDollars(0.9));
    }

    @Test
    void overTheBudgetTheWaitEndsWhenEnoughOfTheOldestSpendingHasLeftTheHour() {
        HourlySpend spend = new HourlySpend(Usd.ofDollars(1.0));
        spend.add(T0, Usd.ofDollars(0.3));
        spend.add(T0.plusSeconds(600), Usd.ofDollars(0.3));
        spend.add(T0.plusSeconds(1200), Usd.ofDollars(0.6)); // 1.2 in the hour
        assertThat(spend.underBudgetAt(T0.plusSeconds(1201)))
                .as("once the first 0.3 leaves the hour, 0.9 is under 1.0")
                .contains(T0.plus(Duration.ofHours(1)));
        spend.add(T0.plusSeconds(1300), Usd.ofDollars(0.2)); // 1.4: the first two must leave
        assertThat(spend.underBudgetAt(T0.plusSeconds(1301)))
                .contains(T0.plusSeconds(600).plus(Duration.ofHours(1)));
    }

    @Test
    void spendingOlderThanAnHourNoLongerCounts() {
        HourlySpend spend = new HourlySpend(Usd.ofDollars(1.0));
        spend.add(T0, Usd.ofDollars(2.0));
        assertThat(spend.underBudgetAt(T0.plusSeconds(1))).contains(T0.plus(Duration.ofHours(1)));
        Instant later = T0.plus(Duration.ofHours(1)).plusSeconds(1);
        assertThat(spend.lastHour(later)).isEqualTo(Usd.ZERO);
        assertThat(spend.underBudgetAt(later)).isEmpty();
    }

    @Test
    void exactlyTheBudgetIsOverIt() {
        HourlySpend spend = new HourlySpend(Usd.ofDollars(1.0));
        spend.add(T0, Usd.ofDollars(1.0));
        assertThat(spend.underBudgetAt(T0)).contains(T0.plus(Duration.ofHours(1)));
    }
}
