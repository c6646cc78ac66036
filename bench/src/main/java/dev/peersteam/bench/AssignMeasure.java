package dev.peersteam.bench;

import java.io.IOException;
import java.util.List;
import java.util.Locale;

/** Section 8: the wall time of {@code peers-team assign}. */
record AssignMeasure(Context context, Plan plan, Report report) implements Measure {
    @Override
    public void run() throws IOException, InterruptedException {
        context.progress("assign wall time");
        List<AssignBench.Outcome> outcomes = AssignBench.run(context, plan.assignWarmup(), plan.assignRuns());
        StringBuilder md = new StringBuilder();
        md.append("""
                **What**: the wall time of `peers-team assign dev "task N"` from process start to exit, against a
                running team (`up` with two tiny agents), the coordinator creating the task and answering included.
                Typed in the team's folder, the verb is run by the coordinator, which is warm: the client's JVM
                sends the command line over the control socket and prints the answer, and loads neither picocli's
                command model nor Jackson's mapper (`WarmVerbs`, `VerbClient`). Typed elsewhere with `-C REPO`, it
                runs in its own JVM, as every quick verb did before. Each through the launcher (its JVM options and
                the ahead-of-time cache of JDK 25, or a class-data archive before it) and as a bare `java -jar`.
                Beside them, the floor of any Java CLI on this JDK: a hello world (`java -cp DIR Hello`). %d warm-up
                round(s) (which also make the launcher's cache), then %d measured; the variants take turns within
                each round. Code: `AssignBench.java`.

                | variant | median | p90 | min | median − floor |
                |---|---|---|---|---|
                """.formatted(plan.assignWarmup(), plan.assignRuns()));
        long floor = outcomes.getFirst().wall().median();
        AssignBench.Outcome inTeam = null;
        AssignBench.Outcome elsewhere = null;
        for (AssignBench.Outcome o : outcomes) {
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
            if (o.variant().name().equals(AssignBench.LAUNCHER_IN_TEAM)) {
                inTeam = o;
            }
            if (o.variant().name().equals(AssignBench.LAUNCHER_ELSEWHERE)) {
                elsewhere = o;
            }
        }
        long warm = inTeam.wall().median();
        long cold = elsewhere.wall().median();
        md.append("\n**Goal**: ≤ 200 ms median through the launcher. **Measured**: ")
                .append(Stats.ms(warm))
                .append(" typed in the team (")
                .append(String.format(Locale.ROOT, "%.1f×", (double) warm / floor))
                .append(" the JVM floor of ")
                .append(Stats.ms(floor))
                .append("); the same verb run in its own JVM takes ")
                .append(Stats.ms(cold))
                .append(" (")
                .append(String.format(Locale.ROOT, "%.1f×", (double) cold / warm))
                .append(" as long).\n");
        report.row(
                "`./peers-team assign` typed in the team (run by the coordinator)",
                Stats.ms(warm),
                "—",
                "median ≤ 200 ms",
                Report.atMost(warm / 1e6, 200, "ms"));
        report.row("`./peers-team assign -C REPO` typed elsewhere (run in its own JVM)", Stats.ms(cold), "—", "—", "—");
        report.row("JVM hello world (floor)", Stats.ms(floor), "—", "—", "—");
        report.section("8. `peers-team assign` wall time", md.toString());
    }
}
