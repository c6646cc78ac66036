package dev.peersteam.coordinator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.peersteam.control.Usd;
import org.junit.jupiter.api.Test;

class CostLedgerTest {
    @Test
    void costsAddUpExactlyAndReadAsTheyWouldOnAReceipt() {
        CostLedger ledger = new CostLedger();
        ledger.record("a", "s1", 0.1);
        ledger.record("a", "s2", 0.2);
        ledger.record("b", "s3", 0.11);
        assertThat(ledger.roleCost("a").dollars()).hasToString("0.3"); // 0.1 + 0.2 in doubles is 0.30000000000000004
        assertThat(ledger.teamCost().dollars()).hasToString("0.41");
        assertThat(ledger.teamCost().text()).isEqualTo("$0.4100");
    }

    @Test
    void aSessionsRunningTotalCountsOnceAndAResumedSessionGoesOnFromIt() {
        CostLedger ledger = new CostLedger();
        assertThat(ledger.record("a", "s1", 0.5)).isEqualTo(Usd.ofDollars(0.5));
        assertThat(ledger.record("a", "s1", 0.75)).isEqualTo(Usd.ofDollars(0.25));
        assertThat(ledger.record("a", "s1", 0.75)).isEqualTo(Usd.ZERO);
        assertThat(ledger.record("a", "s1", 0.7)).as("a total never goes back").isEqualTo(Usd.ZERO);
        assertThat(ledger.roleCost("a")).isEqualTo(Usd.ofDollars(0.75));
    }
}
