package dev.peersteam.bench;

import java.time.Duration;
import java.util.List;

/** How much of everything: the full run, or a quick smoke run of a few seconds per measure. */
record Plan(
        boolean quick,
        List<Integer> relayRoles,
        int relayWarmup,
        int relaySamples,
        int fsyncSamples,
        int throughputRoles,
        int throughputProducers,
        Duration throughputWarmup,
        Duration throughputMeasure,
        int throughputRepeats,
        int replayRecords,
        int replayRepeats,
        int pollingSessions,
        double pollingRate,
        Duration pollingDuration,
        List<Integer> roundTripRoles,
        int roundTripWarmup,
        int roundTripSamples,
        List<Integer> rssTiny,
        List<Integer> rssJava,
        int rssRounds,
        int assignWarmup,
        int assignRuns,
        int upWarmup,
        int upRuns,
        boolean upCds) {

    static Plan full() {
        return new Plan(
                false,
                List.of(2, 10, 50),
                2_000,
                10_000,
                5_000,
                10,
                2,
                Duration.ofSeconds(3),
                Duration.ofSeconds(6),
                5,
                1_000_000,
                3,
                10,
                50,
                Duration.ofSeconds(30),
                List.of(2, 10, 50),
                30,
                300,
                List.of(10, 50, 200),
                List.of(10),
                20,
                2,
                15,
                1,
                7,
                true);
    }

    static Plan quickPlan() {
        return new Plan(
                true,
                List.of(2, 10, 50),
                200,
                300,
                300,
                10,
                2,
                Duration.ofMillis(500),
                Duration.ofSeconds(1),
                1,
                100_000,
                1,
                10,
                50,
                Duration.ofSeconds(3),
                List.of(2),
                5,
                20,
                List.of(10),
                List.of(),
                2,
                1,
                3,
                0,
                1,
                false);
    }
}
