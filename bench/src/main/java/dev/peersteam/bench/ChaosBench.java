package dev.peersteam.bench;

import dev.peersteam.chaos.ChaosReport;
import dev.peersteam.chaos.ChaosRun;
import dev.peersteam.chaos.ChaosSettings;
import dev.peersteam.chaos.SimChaosTeam;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Chaos runs as a measure: the harness of the end-to-end chaos test ({@code dev.peersteam.chaos.ChaosRun}, from the
 * product's test jar) against the same team of simulated agents, a lead and two workers, with the coordinator
 * SIGKILLed at random instants (each kill followed by {@code up}), agents SIGKILLed mid-turn and stopped, then
 * {@code up --until-done}. What it counts, at the agents' transcripts: messages lost, handled twice; and runs that
 * hung; and how long an {@code up} after a kill takes until every role is ready again.
 */
final class ChaosBench {
    private ChaosBench() {}

    /** One chaos run: its seed, what it found, and where its evidence was. */
    record Run(long seed, ChaosReport report) {}

    /** {@code runs} runs of {@code kills} coordinator kills each (seeds drawn here, and printed). */
    static List<Run> run(Context context, int runs, int kills, int agentKills, int stops)
            throws IOException, InterruptedException {
        List<Run> done = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            // -Dchaos.seed repeats the first run's plan; later runs draw their own
            long seed = i == 0 ? ChaosSettings.seedFromProperty() : new SecureRandom().nextLong();
            // outside the scratch directory, which is deleted at the end: a run that found a problem keeps its evidence
            Path dir = Files.createTempDirectory(context.scratch().getParent(), "peers-bench-chaos-");
            ChaosSettings settings = new ChaosSettings(
                    seed,
                    kills,
                    agentKills,
                    stops,
                    Duration.ofSeconds(6),
                    Duration.ofSeconds(60),
                    Duration.ofSeconds(2),
                    Duration.ofSeconds(180),
                    SimChaosTeam.PLAN_DONE,
                    context.java(),
                    context.peersJar());
            context.progress("chaos run " + (i + 1) + " of " + runs + ": seed " + seed + ", " + kills
                    + " coordinator kills, in " + dir);
            ChaosReport report = ChaosRun.run(SimChaosTeam.create(dir), settings, dir, context.log());
            done.add(new Run(seed, report));
            if (report.problems().isEmpty()) {
                deleteTree(dir);
            } else {
                context.progress("chaos run " + (i + 1) + " found problems; its evidence stays in " + dir);
            }
        }
        return done;
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
