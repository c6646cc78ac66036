package dev.peersteam.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The benchmark harness: runs every measure and writes {@code docs/benchmarks.md}. Started by {@code bench/run}.
 *
 * <pre>
 * BenchMain --root DIR --jar PEERS_TEAM_JAR [--quick] [--out FILE] [--only m1,m2] [--update] [--scratch DIR] [--keep]
 * </pre>
 * {@code --update} puts the measured sections into the existing report ({@link ReportMerge}) instead of writing a
 * report of those measures alone.
 * Measures: see {@link #MEASURES}.
 */
public final class BenchMain {
    static final List<String> MEASURES = List.of(
            "relay",
            "roundtrip",
            "throughput",
            "journal",
            "replay",
            "polling",
            "rss",
            "assign",
            "up",
            "idle",
            "chaos",
            "makespan");

    private final Context context;
    private final Plan plan;
    private final Report report = new Report();

    private BenchMain(Context context, Plan plan) {
        this.context = context;
        this.plan = plan;
    }

    public static void main(String[] args) throws Exception {
        Path root = null;
        Path jar = null;
        Path out = null;
        Path scratchParent = Path.of(System.getProperty("java.io.tmpdir"));
        boolean quick = false;
        boolean keep = false;
        boolean update = false;
        Set<String> only = new LinkedHashSet<>(MEASURES);
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--root" -> root = Path.of(args[++i]).toAbsolutePath();
                case "--jar" -> jar = Path.of(args[++i]).toAbsolutePath();
                case "--out" -> out = Path.of(args[++i]).toAbsolutePath();
                case "--scratch" -> scratchParent = Path.of(args[++i]).toAbsolutePath();
                case "--quick" -> quick = true;
                case "--keep" -> keep = true;
                case "--update" -> update = true;
                case "--only" -> {
                    only = new LinkedHashSet<>(List.of(args[++i].split(",")));
                    for (String m : only) {
                        if (!MEASURES.contains(m)) {
                            throw new IllegalArgumentException("unknown measure " + m + "; measures: " + MEASURES);
                        }
                    }
                }
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        if (root == null || jar == null) {
            throw new IllegalArgumentException("usage: BenchMain --root DIR --jar PEERS_TEAM_JAR [--quick] [--out FILE]"
                    + " [--only " + String.join(",", MEASURES) + "] [--update] [--scratch DIR] [--keep]");
        }
        Files.createDirectories(scratchParent);
        Path scratch = Files.createTempDirectory(scratchParent, "peers-bench-");
        if (out == null) {
            out = quick
                    ? scratch.getParent().resolve(scratch.getFileName() + "-benchmarks.md")
                    : root.resolve("docs/benchmarks.md");
        }
        Path java = Path.of(ProcessHandle.current().info().command().orElseThrow());
        Path benchClasses = Path.of(BenchMain.class
                .getProtectionDomain()
                .getCodeSource()
                .getLocation()
                .toURI());
        Context context = new Context(root, jar, benchClasses, java, scratch, quick, System.out);
        int failures;
        try {
            failures = new BenchMain(context, quick ? Plan.quickPlan() : Plan.full()).runAll(only, out, update);
        } finally {
            if (!keep) {
                deleteTree(scratch);
            }
        }
        System.exit(failures == 0 ? 0 : 1);
    }

    /** The measure of this name, writing into this run's report. */
    private Measure measure(String name) {
        return switch (name) {
            case "relay" -> new RelayMeasure(context, plan, report);
            case "roundtrip" -> new RoundTripMeasure(context, plan, report);
            case "throughput" -> new ThroughputMeasure(context, plan, report);
            case "journal" -> new JournalMeasure(context, plan, report);
            case "replay" -> new ReplayMeasure(context, plan, report);
            case "polling" -> new PollingMeasure(context, plan, report);
            case "rss" -> new RssMeasure(context, plan, report);
            case "assign" -> new AssignMeasure(context, plan, report);
            case "up" -> new UpMeasure(context, plan, report);
            case "idle" -> new IdleMeasure(context, plan, report);
            case "chaos" -> new ChaosMeasure(context, plan, report);
            case "makespan" -> new MakespanMeasure(context, plan, report);
            default -> throw new IllegalArgumentException("unknown measure " + name + "; measures: " + MEASURES);
        };
    }

    private int runAll(Set<String> only, Path out, boolean update) throws IOException {
        Instant started = Instant.now();
        Machine machine = Machine.detect(context.scratch());
        List<ReportMerge.Condition> conditions = new ArrayList<>();
        long t0 = System.nanoTime();
        for (String measure : MEASURES) {
            if (!only.contains(measure)) {
                continue;
            }
            context.progress("--- " + measure);
            String loadBefore = Machine.currentLoadAverage();
            long m0 = System.nanoTime();
            try {
                measure(measure).run();
            } catch (Exception e) {
                context.progress(measure + " FAILED: " + e);
                e.printStackTrace(context.log());
                report.failed(measure, e);
            }
            String took = Stats.time(System.nanoTime() - m0);
            conditions.add(new ReportMerge.Condition(measure, took, loadBefore, Machine.currentLoadAverage()));
            context.progress(measure + " took " + took);
        }
        if (update) {
            return update(out, started, machine, conditions);
        }
        report.section(
                "Conditions per measure",
                "Load averages (1, 5, 15 min) read before and after each measure; "
                        + "on " + machine.cores() + " cores, a 1-minute load above " + machine.cores()
                        + " means other work "
                        + "was competing for the CPU.\n\n| measure | took | load before | load after |\n|---|---|---|---|\n"
                        + conditions.stream().map(c -> c.row() + "\n").collect(Collectors.joining()));
        String header = "Generated by `bench/run" + (plan.quick() ? " --quick" : "") + "` on "
                + started.truncatedTo(ChronoUnit.SECONDS) + " from commit " + Machine.gitCommit(context.root())
                + " in " + Stats.time(System.nanoTime() - t0) + ". Every figure below was measured by that command on "
                + "the machine described here; none is typed in. Do not edit this file: run `bench/run` again "
                + "(see [bench/README.md](../bench/README.md)).\n\n"
                + "The machine has " + machine.cores() + " cores and may be shared with other work (the load "
                + "averages per measure are at the end; this harness itself keeps one or two cores busy), so "
                + "figures are noisy: latencies are given as median and p99 of many samples, throughputs as the "
                + "median of repeated runs, and the tails (p99, max) move most from run to run.";
        String markdown = report.render(header, machine, Machine.currentLoadAverage(), plan.quick());
        Files.createDirectories(out.getParent());
        Files.writeString(out, markdown);
        context.progress("wrote " + out);
        report.failures().forEach(f -> context.progress("FAILED " + f));
        return report.failures().size();
    }

    /**
     * The measured sections put into the existing report; a measure that failed leaves the file as it was (a row
     * "did not run" would replace figures that were measured).
     */
    private int update(Path out, Instant started, Machine machine, List<ReportMerge.Condition> conditions)
            throws IOException {
        if (!report.failures().isEmpty()) {
            report.failures().forEach(f -> context.progress("FAILED " + f));
            context.progress("not updating " + out + ": a measure failed");
            return report.failures().size();
        }
        if (!Files.exists(out)) {
            throw new IOException(out + " does not exist: run bench/run without --update first");
        }
        String stamp = "_Measured again by `bench/run --only "
                + conditions.stream().map(ReportMerge.Condition::measure).collect(Collectors.joining(","))
                + " --update` on " + started.truncatedTo(ChronoUnit.SECONDS) + " from commit "
                + Machine.gitCommit(context.root()) + ", in "
                + Stats.time(Duration.between(started, Instant.now()).toNanos())
                + ", on " + machine.cpu() + ", " + machine.cores() + " cores, " + machine.memory() + "; "
                + machine.jdk() + "; scratch on " + machine.fileSystem() + "; load average at start / end "
                + machine.loadAverage() + " / " + Machine.currentLoadAverage() + "._";
        String merged = ReportMerge.merge(Files.readString(out), report.rows(), report.sections(), conditions, stamp);
        Files.writeString(out, merged);
        context.progress("updated " + out);
        return 0;
    }

    private static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    // best effort
                }
            });
        } catch (IOException e) {
            // best effort
        }
    }
}
