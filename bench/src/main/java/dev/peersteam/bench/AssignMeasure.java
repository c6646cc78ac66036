package dev.peersteam.bench;

import java.io.IOException;
import java.util.Locale;

/** Section 8: the wall time of {@code peers-team assign}. */
record AssignMeasure(Context context, Plan plan, Report report) implements Measure {
    @Override
    public void run() throws IOException, InterruptedException {
        context.progress("assign wall time");
        AssignBench.Result result = AssignBench.run(context, plan.assignWarmup(), plan.assignRuns());
        StringBuilder md = new StringBuilder();
        md.append("""
                **What**: the wall time of `peers-team assign dev "task N"` from process start to exit, against a
                running team (`up` with two tiny agents): JVM start, picocli, the control-socket request, the
                coordinator creating the task and answering, exit. Beside it, the floor of any Java CLI on this JDK:
                a hello world (`java -cp DIR Hello`). %d warm-up round(s) (which also create the CDS archive), then
                %d measured; the variants take turns within each round. Code: `AssignBench.java`.

                | variant | median | p90 | min | median − floor |
                |---|---|---|---|---|
                """.formatted(plan.assignWarmup(), plan.assignRuns()));
        long floor = result.outcomes().getFirst().wall().median();
        AssignBench.Outcome plain = null;
        AssignBench.Outcome launcher = null;
        AssignBench.Outcome best = null;
        AssignBench.Outcome lean = null;
        AssignBench.Outcome leanTuned = null;
        AssignBench.Outcome launchersOptions = null;
        for (AssignBench.Outcome o : result.outcomes()) {
            if (o.wall() == null) {
                md.append("| ")
                        .append(o.variant().name())
                        .append(" | — | — | — | ")
                        .append(o.note())
                        .append(" |\n");
                continue;
            }
            md.append("| ")
                    .append(o.variant().name())
                    .append(" | ")
                    .append(Stats.ms(o.wall().median()))
                    .append(" | ")
                    .append(Stats.ms(o.wall().p90()))
                    .append(" | ")
                    .append(Stats.ms(o.wall().min()))
                    .append(" | ")
                    .append(o.variant().assigns() ? Stats.ms(o.wall().median() - floor) : "")
                    .append(" |\n");
            if (o.variant().name().equals("java -jar peers-team.jar assign")) {
                plain = o;
            }
            if (o.variant().name().startsWith("./peers-team assign (")) {
                launcher = o;
            }
            if (o.variant().name().equals("… AppCDS + TieredStopAtLevel=1 + SerialGC")) {
                launchersOptions = o;
            }
            if (o.variant().name().startsWith("prototype: no picocli")) {
                lean = o;
            }
            if (o.variant().name().startsWith("prototype `LeanAssign` +")) {
                leanTuned = o;
            }
            if (o.variant().command().contains("-jar")
                    && (best == null || o.wall().median() < best.wall().median())) {
                best = o;
            }
        }
        if (!result.classesLoaded().isEmpty()) {
            md.append("\nClasses loaded (`-Xlog:class+load`): ");
            md.append(String.join(
                            ", ",
                            result.classesLoaded().entrySet().stream()
                                    .map(e -> e.getKey() + " " + e.getValue())
                                    .toList()))
                    .append(".\n");
        }
        if (plain != null) {
            double median = plain.wall().median() / 1e6;
            md.append(String.format(
                    Locale.ROOT,
                    "%n**Goal**: ≤ 200 ms median. **Measured**: `java -jar` %s " + "(the JVM floor alone is %s)",
                    Stats.ms(plain.wall().median()),
                    Stats.ms(floor)));
            if (launcher != null) {
                md.append(String.format(
                        Locale.ROOT,
                        "; through the `./peers-team` launcher %s",
                        Stats.ms(launcher.wall().median())));
                if (launchersOptions != null) {
                    md.append(String.format(
                            Locale.ROOT,
                            " (the same JVM options run directly: %s; the difference is the script around the JVM:"
                                    + " bash, the cached JDK, the jar's staleness check)",
                            Stats.ms(launchersOptions.wall().median())));
                }
            }
            md.append(String.format(
                    Locale.ROOT,
                    ". Best JVM option set for today's client: %s, %s.",
                    best == null ? "—" : best.variant().name().replace("… ", ""),
                    best == null ? "—" : Stats.ms(best.wall().median())));
            if (lean != null) {
                md.append(String.format(
                        Locale.ROOT,
                        " A smaller client path (no picocli, no Jackson; prototype): %s,"
                                + " %s with AppCDS + C1 + SerialGC.",
                        Stats.ms(lean.wall().median()),
                        leanTuned == null ? "—" : Stats.ms(leanTuned.wall().median())));
            }
            md.append('\n');
            report.row(
                    "`peers-team assign` wall time (`java -jar`)",
                    Stats.ms(plain.wall().median()),
                    "—",
                    "median ≤ 200 ms",
                    Report.atMost(median, 200, "ms"));
            if (launcher != null) {
                report.row(
                        "`./peers-team assign` (launcher script)",
                        Stats.ms(launcher.wall().median()),
                        "—",
                        "median ≤ 200 ms",
                        Report.atMost(launcher.wall().median() / 1e6, 200, "ms"));
            }
            if (best != null && best != plain) {
                report.row(
                        "`assign` with " + best.variant().name().replace("… ", ""),
                        Stats.ms(best.wall().median()),
                        "—",
                        "median ≤ 200 ms",
                        Report.atMost(best.wall().median() / 1e6, 200, "ms"));
            }
            if (lean != null) {
                report.row(
                        "`assign` prototype without picocli and Jackson (`LeanAssign`)",
                        Stats.ms(lean.wall().median()),
                        "—",
                        "median ≤ 200 ms",
                        Report.atMost(lean.wall().median() / 1e6, 200, "ms"));
            }
            report.row("JVM hello world (floor)", Stats.ms(floor), "—", "—", "—");
        }
        report.section("8. `peers-team assign` wall time", md.toString());
    }
}
