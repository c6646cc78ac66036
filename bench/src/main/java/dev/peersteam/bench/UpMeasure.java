package dev.peersteam.bench;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Section 9: {@code up} until 4 roles are ready. */
record UpMeasure(Context context, Plan plan, Report report) implements Measure {
    @Override
    public void run() throws IOException, InterruptedException {
        StringBuilder md = new StringBuilder();
        md.append("""
                **What**: `java -jar peers-team.jar up team.yaml` in a fresh repository (so the 4 worktrees are
                created each time) with 4 roles, from process start to the fourth `is idle` line (its agent answered
                `initialize`). Split at `up`'s first output line (JVM, command line, team file, git checks done)
                and at the line `team … is starting 4 sessions` (worktrees, journal and control socket done: the
                coordinator's own start); after it, the agents' start. Each column is the median of its own, so
                the parts need not add up to the total. %d warm-up run(s), then %d measured per variant.
                Code: `UpBench.java`.

                | agents | total median | p90 | max | to first line | coordinator start | agents start |
                |---|---|---|---|---|---|---|
                """.formatted(plan.upWarmup(), plan.upRuns()));
        List<UpBench.Agents4> kinds = new ArrayList<>(List.of(UpBench.Agents4.JAVA_SIM, UpBench.Agents4.TINY));
        if (plan.upCds()) {
            kinds.add(UpBench.Agents4.JAVA_SIM_CDS);
        }
        UpBench.Result sim = null;
        for (UpBench.Agents4 kind : kinds) {
            context.progress("up until 4 ready, " + kind);
            UpBench.Result r = UpBench.run(
                    context,
                    kind,
                    kind == UpBench.Agents4.JAVA_SIM_CDS ? Math.max(1, plan.upWarmup()) : plan.upWarmup(),
                    plan.upRuns());
            String label = switch (kind) {
                case JAVA_SIM -> "java sim (default JVM options)";
                case TINY -> "tiny-agent.sh (the coordinator's part alone)";
                case JAVA_SIM_CDS -> "java sim; coordinator with AppCDS, sims with AppCDS + TieredStopAtLevel=1";
            };
            md.append("| ")
                    .append(label)
                    .append(" | ")
                    .append(Stats.ms(r.total().median()))
                    .append(" | ")
                    .append(Stats.ms(r.total().p90()))
                    .append(" | ")
                    .append(Stats.ms(r.total().max()))
                    .append(" | ")
                    .append(Stats.ms(r.firstLine().median()))
                    .append(" | ")
                    .append(Stats.ms(r.coordinator().median()))
                    .append(" | ")
                    .append(Stats.ms(r.sessions().median()))
                    .append(" |\n");
            if (kind == UpBench.Agents4.JAVA_SIM) {
                sim = r;
            }
            if (kind == UpBench.Agents4.JAVA_SIM_CDS) {
                report.row(
                        "`up` until 4 sim roles ready, AppCDS (coordinator, sims) + C1 (sims)",
                        Stats.ms(r.total().median()),
                        "—",
                        "≤ 2 s",
                        Report.atMost(r.total().median() / 1e6, 2000, "ms"));
            }
        }
        if (sim != null) {
            md.append(String.format(
                    Locale.ROOT,
                    "%n**Goal**: ≤ 2 s. **Measured** (java sim): median %s — %s. Of it, "
                            + "%s is the coordinator's own start and %s the four agent JVMs starting at once on %d cores.%n",
                    Stats.ms(sim.total().median()),
                    sim.total().median() <= 2_000_000_000L
                            ? "met"
                            : "missed by " + Stats.ms(sim.total().median() - 2_000_000_000L),
                    Stats.ms(sim.coordinator().median()),
                    Stats.ms(sim.sessions().median()),
                    Runtime.getRuntime().availableProcessors()));
            report.row(
                    "`up` until 4 sim roles ready",
                    Stats.ms(sim.total().median()),
                    "—",
                    "≤ 2 s",
                    Report.atMost(sim.total().median() / 1e6, 2000, "ms"));
        }
        report.section("9. `up` until 4 roles are ready", md.toString());
    }
}
