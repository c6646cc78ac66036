package dev.peersteam.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The scheduling section: a 50-task graph run by 8 simulated workers under the real coordinator, its makespan against
 * the lower bound max(critical path, work / slots), without a cap and with {@code max_active} below the team's size.
 */
record MakespanMeasure(Context context, Plan plan, Report report) implements Measure {
    static final long SEED = 1;
    static final int TASKS = 50;
    static final int LAYERS = 7;
    static final long MIN_MS = 500;
    static final long MAX_MS = 2_500;
    static final int ROLES = 8;
    static final int CAP = 4;
    static final double GOAL = 1.05;
    static final int SCALE = 4;

    @Override
    public void run() throws Exception {
        TaskDag dag = TaskDag.random(SEED, TASKS, LAYERS, MIN_MS, MAX_MS);
        TaskDag.Schedule schedule = dag.listSchedule(ROLES);
        StringBuilder md = new StringBuilder();
        md.append("""
                **What**: a graph of %d tasks in %d layers (seed %d; each task after the first layer waits for one to
                three earlier tasks, at least one of the layer just before; durations uniform in %d–%d ms) run by a
                lead and %d simulated workers under the real coordinator (`java -jar peers-team.jar up`, every role a
                sim agent JVM started through `command:`). The lead's script puts the whole graph on the board with
                `create_task` (each with its `depends_on` and its assignee), all behind a gate task it then sets done;
                the board sends each task to its assignee when its dependencies are done; a worker's script sets it
                `in_progress`, waits as long as the task's details say (`sleep: {from_text: "takes (\\d+) ms"}`) and
                sets it `done`. The lead is told of every task that ends and takes a short turn for each, as a real
                lead would. The makespan runs from the gate's `done` to the last task's `done`, both read from the
                journal's board records (the coordinator's clock). The board has no claiming, so the assignment is made
                up front, as a lead who knew every duration would: list scheduling, highest bottom level first (HLFET;
                `TaskDag.listSchedule`). With a cap (`up --max-active %d`) the same graph and assignment run with at
                most %d sessions in a turn; the coordinator picks which held-back role goes next (longest chain of
                open tasks first, see [running.md](running.md)).

                The lower bound: no schedule finishes before the critical path (the longest chain of durations), nor
                before all the work spread evenly over the slots: max(critical path, work / min(roles, cap)). "Plan"
                is what the assignment gives with no overhead at all (`TaskDag.replay`: each role takes its tasks in
                the order they became ready; under the cap, a role keeps its slot while it has tasks and the role
                waiting longest goes next): the part of the gap that is the assignment's, not the coordinator's.
                Before the clock starts, every worker does one short task (a JVM's first turn loads and compiles
                code its later turns do not). %d run(s) per row; figures are medians. Code: `MakespanBench.java`,
                `TaskDag.java`, `MakespanMeasure.java`.

                Graph: critical path %s (%d tasks), total work %s.

                | cap | runs (makespan each) | makespan (median) | bound | makespan / bound | goal ≤ %s×: met | plan | plan / bound | makespan / plan | tasks done (fewest in a run) | started twice | most in progress at once |
                |---|---|---|---|---|---|---|---|---|---|---|---|
                """.formatted(
                        TASKS,
                        LAYERS,
                        SEED,
                        MIN_MS,
                        MAX_MS,
                        ROLES,
                        CAP,
                        CAP,
                        plan.makespanRuns(),
                        seconds(dag.criticalPath()),
                        dag.criticalChain().size(),
                        seconds(dag.totalWork()),
                        GOAL));
        List<Variant> variants = new ArrayList<>(List.of(
                new Variant("none", dag, 0, ROLES),
                new Variant(Integer.toString(CAP), dag, CAP, Math.min(ROLES, CAP))));
        if (!plan.quick()) {
            variants.add(new Variant("none, durations ×" + SCALE, dag.scaled(SCALE), 0, ROLES));
        }
        StringBuilder steps = new StringBuilder("""
                | cap | dispatch: last dependency done → task sent (median, max) | pick-up: sent → `in_progress`, worker free (median, p90) | finish: end of its duration → `done` (median, p90) |
                |---|---|---|---|
                """);
        for (Variant v : variants) {
            long bound = v.dag().lowerBound(v.slots());
            long planned = v.dag().replay(schedule.roleOf(), ROLES, v.slots());
            List<MakespanBench.Run> runs = new ArrayList<>();
            for (int i = 0; i < plan.makespanRuns(); i++) {
                context.progress(
                        "makespan: " + TASKS + " tasks, " + ROLES + " workers, cap " + v.name() + ", run " + (i + 1));
                MakespanBench.Run run =
                        MakespanBench.run(context, v.dag(), schedule.roleOf(), ROLES, v.cap(), Duration.ofMinutes(5));
                context.progress("  makespan " + seconds(run.makespanMs()) + ", bound " + seconds(bound) + ", plan "
                        + seconds(planned) + ", " + run.tasksDone() + " done, " + run.startedTwice()
                        + " started twice, load " + run.loadBefore() + " / " + run.loadAfter() + ", wall "
                        + Stats.time(run.wall().toNanos()));
                runs.add(run);
            }
            long median = medianOf(
                    runs.stream().mapToLong(MakespanBench.Run::makespanMs).toArray());
            int fewestDone =
                    runs.stream().mapToInt(MakespanBench.Run::tasksDone).min().orElse(0);
            int twice = runs.stream()
                    .mapToInt(MakespanBench.Run::startedTwice)
                    .max()
                    .orElse(0);
            int most =
                    runs.stream().mapToInt(MakespanBench.Run::mostAtOnce).max().orElse(0);
            double ratio = (double) median / bound;
            String met = fewestDone < TASKS
                    ? "**no**: " + (TASKS - fewestDone) + " task(s) not done"
                    : ratio <= GOAL ? "yes" : "**no**: " + ratio(ratio) + " > " + GOAL + "×";
            md.append("| %s | %s | %s | %s | **%s** | %s | %s | %s | %s | %d of %d | %d | %d |\n"
                    .formatted(
                            v.name(),
                            runs.size() + " ("
                                    + String.join(
                                            ", ",
                                            runs.stream()
                                                    .map(r -> seconds(r.makespanMs()))
                                                    .toList())
                                    + ")",
                            seconds(median),
                            seconds(bound),
                            ratio(ratio),
                            met,
                            seconds(planned),
                            ratio((double) planned / bound),
                            ratio((double) median / planned),
                            fewestDone,
                            TASKS,
                            twice,
                            most));
            long[] dispatch = runs.stream()
                    .flatMap(r -> r.tasks().stream())
                    .mapToLong(t -> t.dispatchedMs() - t.readyMs())
                    .toArray();
            long[] pickUp = runs.stream()
                    .flatMap(r -> MakespanBench.pickUps(r).stream())
                    .mapToLong(Long::longValue)
                    .toArray();
            long[] finish = runs.stream()
                    .flatMap(r -> r.tasks().stream())
                    .mapToLong(t -> t.doneMs() - t.startedMs() - v.dag().durations()[t.task()])
                    .toArray();
            steps.append("| %s | %s, %s | %s, %s | %s, %s |\n"
                    .formatted(
                            v.name(),
                            millis(percentile(dispatch, 50)),
                            millis(percentile(dispatch, 100)),
                            millis(percentile(pickUp, 50)),
                            millis(percentile(pickUp, 90)),
                            millis(percentile(finish, 50)),
                            millis(percentile(finish, 90))));
            String label = "Makespan / lower bound, " + TASKS + "-task graph, " + ROLES + " sim workers"
                    + (v.cap() == 0 ? "" : ", `max_active: " + v.cap() + "`")
                    + (v.dag() == dag ? "" : ", durations ×" + SCALE);
            report.row(
                    label,
                    ratio(ratio) + " (" + seconds(median) + " / " + seconds(bound) + ")",
                    "—",
                    "≤ " + GOAL + "×" + (v.cap() == 0 ? "" : ", no task lost"),
                    met);
        }
        md.append("\nWhere the time goes, per task (all runs of a row together; under the cap, the pick-up of a task "
                + "whose worker was free includes waiting for a slot):\n\n");
        md.append(steps);
        md.append("""

                The goal, ≤ %s× the bound, is for the assignment and the team's machinery together; "plan / bound" is
                the assignment's share, "makespan / plan" the machinery's: the coordinator's dispatch, the relay, the
                simulated agent's turn start and its two tool calls per task, on a machine shared with other work.
                That cost is a roughly fixed number of milliseconds per step of the critical chain, so it weighs less
                as tasks grow longer: the row with every duration ×%d (still far shorter than a real model's turn)
                shows it. Under the cap the bound is the work spread over the slots, so there every task's pick-up
                and finish count, not only those on the critical chain.
                """.formatted(GOAL, SCALE));
        report.section("12. Scheduling: makespan of a task graph against its lower bound", md.toString());
    }

    /** One configuration: the graph, the cap (0: none) and the slots the bound counts. */
    private record Variant(String name, TaskDag dag, int cap, int slots) {}

    static String millis(long ms) {
        return ms + " ms";
    }

    /** The {@code p}-th percentile (nearest rank) of {@code values}; 0 when there are none. */
    static long percentile(long[] values, int p) {
        if (values.length == 0) {
            return 0;
        }
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, rank - 1)];
    }

    static String seconds(long ms) {
        return String.format(Locale.ROOT, "%.2f s", ms / 1000.0);
    }

    static String ratio(double r) {
        return String.format(Locale.ROOT, "%.3f×", r);
    }

    static long medianOf(long[] values) {
        return percentile(values, 50);
    }
}
