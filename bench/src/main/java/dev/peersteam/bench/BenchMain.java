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
import java.util.Locale;
import java.util.Set;
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
            "relay", "roundtrip", "throughput", "journal", "replay", "polling", "rss", "assign", "up", "idle", "chaos");

    private final Context context;
    private final Plan plan;
    private final Report report = new Report();

    private BenchMain(Context context, Plan plan) {
        this.context = context;
        this.plan = plan;
    }

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
            boolean upCds,
            int chaosRuns,
            int chaosKills,
            int chaosAgentKills,
            int chaosStops) {

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
                    true,
                    2,
                    50,
                    10,
                    1);
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
                    false,
                    1,
                    5,
                    1,
                    0);
        }
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
                switch (measure) {
                    case "relay" -> relay();
                    case "throughput" -> throughput();
                    case "journal" -> journal();
                    case "replay" -> replay();
                    case "polling" -> polling();
                    case "roundtrip" -> roundTrip();
                    case "rss" -> rss();
                    case "assign" -> assign();
                    case "up" -> up();
                    case "idle" -> idle();
                    case "chaos" -> chaos();
                    default -> throw new IllegalStateException(measure);
                }
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
                        + conditions.stream().map(c -> c.row() + "\n").collect(java.util.stream.Collectors.joining()));
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
                + conditions.stream()
                        .map(ReportMerge.Condition::measure)
                        .collect(java.util.stream.Collectors.joining(","))
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

    // ---------------------------------------------------------------------------------------------------------

    private void relay() throws IOException, InterruptedException {
        StringBuilder md = new StringBuilder();
        md.append("""
                **What**: from a `send_message` tool call arriving at the coordinator (its stdout line decoded and
                posted as `Event.FromSession`, as a session's reader thread does) to the user message being handed to
                the target's `AgentChannel.send` (from where the session's writer thread puts it on the pipe). The
                real coordinator runs in-process with its real loop thread, the real journal (every message appended
                and fsync'd before it leaves: group commit per loop batch) and real timers; each role's channel is a
                fake CLI that acknowledges at once (`command_lifecycle started`). One message at a time, sender and
                target rotating through the roles; %d warm-up messages, then %d measured per team size.

                At 50 roles three things are measured **in turn**, so that they see the same machine at the same
                moments: a relay with the journal on the disk, a relay with the journal on tmpfs (`/dev/shm`, where
                fsync costs nothing: what is left is the coordinator's own work), and a bare 200-byte write +
                fdatasync on the disk (the floor under every durable relay).
                Code: `bench/src/main/java/dev/peersteam/bench/RelayBench.java`.

                | roles | median | p90 | p99 | max |
                |---|---|---|---|---|
                """.formatted(plan.relayWarmup(), plan.relaySamples()));
        for (int roles : plan.relayRoles()) {
            if (roles == 50) {
                continue;
            }
            context.progress("relay latency, " + roles + " roles");
            md.append(latencyRow(
                    roles + "", RelayBench.run(context.scratch(), roles, plan.relayWarmup(), plan.relaySamples())));
        }
        Path shm = Path.of("/dev/shm");
        if (!Files.isDirectory(shm) || !Files.isWritable(shm)) {
            shm = context.scratch();
            md.append("\n(No writable /dev/shm here: the \"tmpfs\" row below used the scratch file system.)\n\n");
        }
        context.progress("relay latency, 50 roles: disk, tmpfs and fsync alone in turn");
        RelayBench.Interleaved trio =
                RelayBench.interleaved(context.scratch(), shm, 50, plan.relayWarmup(), plan.relaySamples());
        Stats at50 = trio.disk();
        md.append(latencyRow("**50**", at50));
        md.append(latencyRow("50, journal on tmpfs (the coordinator's own work)", trio.tmpfs()));
        md.append(latencyRow("write + fdatasync alone (the disk)", trio.fsync()));
        double p99 = at50.p99() / 1e6;
        md.append(String.format(
                Locale.ROOT,
                "%n**Goal**: p99 ≤ 2 ms at 50 roles. **Measured**: p99 %s — %s.%n%n",
                Stats.ms(at50.p99()),
                p99 <= 2 ? "met" : "missed by " + Stats.ms(at50.p99() - 2_000_000L)));
        md.append(String.format(
                Locale.ROOT,
                "Where the time goes: the median relay (%s) is one fsync (median %s) "
                        + "plus the coordinator's own work (median %s on tmpfs). ",
                Stats.time(at50.median()),
                Stats.time(trio.fsync().median()),
                Stats.time(trio.tmpfs().median())));
        long explained = trio.fsync().p99() + trio.tmpfs().p99();
        if (at50.p99() <= 1.5 * explained) {
            md.append(String.format(
                    Locale.ROOT,
                    "At p99 the same holds: fsync p99 %s + own work p99 %s; the tail is " + "the disk's.%n",
                    Stats.time(trio.fsync().p99()),
                    Stats.time(trio.tmpfs().p99())));
        } else {
            md.append(String.format(
                    Locale.ROOT,
                    "At p99 neither explains the tail: fsync alone p99 %s, own work p99 "
                            + "%s, relay p99 %s. The durable relay blocks twice (the loop thread waits for work, then for the "
                            + "fsync), and on a loaded machine each wake-up may wait for a CPU, while the tmpfs relay never "
                            + "sleeps in fsync and a bare fsync has no loop around it. The 1-minute load average was %s "
                            + "on %d cores as this measure ended (see the table at the end).%n",
                    Stats.time(trio.fsync().p99()),
                    Stats.time(trio.tmpfs().p99()),
                    Stats.time(at50.p99()),
                    Machine.currentLoadAverage().split(" ")[0],
                    Runtime.getRuntime().availableProcessors()));
        }
        report.row(
                "Relay latency, 50 roles (in-process, journal fsync'd)",
                Stats.ms(at50.median()),
                Stats.ms(at50.p99()),
                "p99 ≤ 2 ms",
                Report.atMost(p99, 2, "ms"));
        report.section("1. Relay latency (in-process)", md.toString());
    }

    private static String latencyRow(String label, Stats stats) {
        return "| " + label + " | " + Stats.time(stats.median()) + " | " + Stats.time(stats.p90()) + " | "
                + Stats.time(stats.p99()) + " | " + Stats.time(stats.max()) + " |\n";
    }

    private void roundTrip() throws IOException, InterruptedException {
        StringBuilder md = new StringBuilder();
        md.append("""
                **What**: A → B → A between two simulated agent **processes** under the real coordinator
                (`java -jar peers-team.jar up`, roles started through `command:`). Each round the person sends A a
                word over the control socket; A's behaviour script calls `send_message` to B; B's script answers A
                with `send_message`; A says it. The stopwatch is inside A (`TimedSimMain`: the product's sim agent,
                unchanged, with its stdin and stdout tapped): from the moment A writes its tool call to the moment
                B's message arrives on A's stdin, both read from `System.nanoTime()` in the same process. In
                between: two relays, each journaled and fsync'd; the coordinator's writer and reader threads and four
                pipes; B reading the message, starting a turn (`command_lifecycle`, `system/init`, an assistant
                frame) and calling its tool. In the larger teams the other roles are idle `tiny-agent.sh` sessions.
                %d warm-up rounds, then %d measured. Code: `RoundTripBench.java`, `TimedSimMain.java`.

                | roles | median | p90 | p99 | max |
                |---|---|---|---|---|
                """.formatted(plan.roundTripWarmup(), plan.roundTripSamples()));
        Stats last = null;
        int lastRoles = 0;
        for (int roles : plan.roundTripRoles()) {
            context.progress("round trip A -> B -> A, " + roles + " roles");
            Stats stats = RoundTripBench.run(context, roles, plan.roundTripWarmup(), plan.roundTripSamples());
            md.append(latencyRow(roles + "", stats));
            last = stats;
            lastRoles = roles;
        }
        md.append("\nThere is no separate goal for the round trip: it holds two relays (goal: p99 ≤ 2 ms each at 50 "
                + "roles) plus a simulated agent's turn and four pipe hops.\n");
        if (last != null) {
            report.row(
                    "Round trip A → B → A, two sim processes, " + lastRoles + " roles",
                    Stats.ms(last.median()),
                    Stats.ms(last.p99()),
                    "— (two relays + B's turn)",
                    "—");
        }
        report.section("2. Round trip A → B → A between two agent processes", md.toString());
    }

    private void throughput() throws IOException, InterruptedException {
        double[] rates = new double[plan.throughputRepeats()];
        List<ThroughputBench.Result> results = new ArrayList<>();
        for (int r = 0; r < rates.length; r++) {
            context.progress("throughput run " + (r + 1) + " of " + rates.length);
            ThroughputBench.Result result = ThroughputBench.run(
                    context.scratch(),
                    plan.throughputRoles(),
                    plan.throughputProducers(),
                    4096,
                    plan.throughputWarmup(),
                    plan.throughputMeasure());
            rates[r] = result.messagesPerSecond();
            results.add(result);
        }
        double median = Stats.median(rates);
        StringBuilder md = new StringBuilder();
        md.append("""
                **What**: messages per second through the real coordinator in-process, every message journaled
                and fsync'd before it is handed to its target (group commit: one write + fdatasync per loop batch),
                acknowledged by the target's instant fake CLI (`started`), and the sender's tool result settled.
                %d producer threads (standing in for the sessions' reader threads: they decode the CLI's JSON lines
                and post them) send between %d roles as fast as the loop takes them, with at most 4,096 messages not
                yet handed over. %s warm-up, then %s counted, %d run(s). Batches are counted as the process's
                write(2) calls (`/proc/self/io`; the journal is the only writer). Code: `ThroughputBench.java`.

                | run | messages/s | messages | journal MB/s | ≈ messages per fsync |
                |---|---|---|---|---|
                """.formatted(
                        plan.throughputProducers(),
                        plan.throughputRoles(),
                        plan.throughputWarmup().toMillis() / 1000.0 + " s",
                        plan.throughputMeasure().toMillis() / 1000.0 + " s",
                        plan.throughputRepeats()));
        for (int r = 0; r < results.size(); r++) {
            ThroughputBench.Result result = results.get(r);
            md.append(String.format(
                    Locale.ROOT,
                    "| %d | %s | %,d | %.1f | %.1f |%n",
                    r + 1,
                    Stats.number(result.messagesPerSecond()),
                    result.messages(),
                    result.journalBytes() / 1e6 / result.seconds(),
                    result.messagesPerBatch()));
        }
        md.append(String.format(
                Locale.ROOT,
                "%n**Goal**: ≥ 20,000 messages/s. **Measured**: median %s messages/s — " + "%s.%n",
                Stats.number(median),
                median >= 20_000 ? "met" : "missed by " + Stats.number(20_000 - median) + " messages/s"));
        double perBatch = Stats.median(results.stream()
                .mapToDouble(ThroughputBench.Result::messagesPerBatch)
                .toArray());
        if (perBatch >= 4) {
            md.append(String.format(
                    Locale.ROOT,
                    "%nGroup commit at work: about %.0f messages share each fsync, so "
                            + "the disk is not what limits the rate; the CPU is: per message the loop thread handles two "
                            + "events (the tool call, the acknowledgement), encodes two journal records, answers the "
                            + "sender and schedules a 5-second acknowledgement timer, while the producers decode the JSON "
                            + "lines, all on %d cores.%n",
                    perBatch,
                    Runtime.getRuntime().availableProcessors()));
        } else {
            md.append(String.format(
                    Locale.ROOT,
                    "%nOnly about %.1f messages share each fsync: the rate is bounded "
                            + "by the disk's fsync latency.%n",
                    perBatch));
        }
        report.row(
                "Durable message throughput (journal fsync'd, group commit)",
                Stats.number(median) + " msgs/s",
                "—",
                "≥ 20,000 msgs/s",
                Report.atLeast(median, 20_000, "msgs/s"));
        report.section("3. Durable message throughput", md.toString());
    }

    private void journal() throws Exception {
        context.progress("JMH Journal.append + sync");
        Path log = context.scratch().resolve("jmh.log");
        List<JournalJmh.Score> scores = JournalJmh.run(context.scratch(), plan.quick(), log);
        StringBuilder md = new StringBuilder();
        md.append("""
                **What** (JMH 1.37, %s): one group commit of the journal: `batch` × `Journal.append` of a message
                record (JSON-encoded into the pending buffer), then one `Journal.sync` (write + fdatasync). Score:
                commits per second ± JMH's 99.9%% confidence half-width; records per second is that × batch.
                Code: `JournalAppendBenchmark.java`.

                | batch | commits/s | records/s | time per commit |
                |---|---|---|---|
                """.formatted(
                        plan.quick()
                                ? "no fork, 1 × 0.3 s warm-up, 2 × 0.3 s measured (quick)"
                                : "1 fork, 3 × 1 s warm-up, 5 × 1 s measured"));
        for (JournalJmh.Score score : scores) {
            md.append(String.format(
                    Locale.ROOT,
                    "| %d | %s%s | %s | %s |%n",
                    score.batch(),
                    Stats.number(score.batchesPerSecond()),
                    Double.isNaN(score.error()) ? "" : " ± " + Stats.number(score.error()),
                    Stats.number(score.recordsPerSecond()),
                    Stats.time((long) (1e9 / score.batchesPerSecond()))));
        }
        md.append("\nOne record per fsync is bounded by the disk's fsync rate; batching amortizes it, which is why "
                + "the coordinator syncs once per loop batch, not per record.\n");
        JournalJmh.Score single = scores.getFirst();
        report.row(
                "Journal append + fsync (JMH), batch " + single.batch(),
                Stats.number(single.recordsPerSecond()) + " records/s",
                "—",
                "— (issue 3: measure)",
                "—");
        JournalJmh.Score biggest = scores.getLast();
        report.row(
                "Journal append + fsync (JMH), batch " + biggest.batch(),
                Stats.number(biggest.recordsPerSecond()) + " records/s",
                "—",
                "— (issue 3: measure)",
                "—");
        report.section("4. Journal append with fsync (JMH)", md.toString());
    }

    private void replay() throws IOException {
        context.progress("replay of " + plan.replayRecords() + " records");
        ReplayBench.Result result = ReplayBench.run(context.scratch(), plan.replayRecords(), plan.replayRepeats());
        StringBuilder md = new StringBuilder();
        md.append(String.format(
                Locale.ROOT,
                """
                **What**: a journal of %,d records (%.0f MB) written through `Journal` in the mix of a busy team
                (each message posted and delivered, a turn end every 10 messages, a task every 50), then read back
                with `JournalReplay.read` (every line parsed into its record) and folded with `Recovery.from` (what
                `up` does on resume). %d run(s), from the page cache. Code: `ReplayBench.java`.

                | step | median | min | max | records/s (median) |
                |---|---|---|---|---|
                | `JournalReplay.read` | %s | %s | %s | %s |
                | `Recovery.from` | %s | %s | %s | %s |
                """,
                result.records(),
                result.fileBytes() / 1e6,
                plan.replayRepeats(),
                Stats.time(result.read().median()),
                Stats.time(result.read().min()),
                Stats.time(result.read().max()),
                Stats.number(result.records() / (result.read().median() / 1e9)),
                Stats.time(result.recovery().median()),
                Stats.time(result.recovery().min()),
                Stats.time(result.recovery().max()),
                Stats.number(result.records() / (result.recovery().median() / 1e9))));
        report.row(
                String.format(Locale.ROOT, "Replay of %,d journal records", result.records()),
                Stats.time(result.read().median() + result.recovery().median()),
                "—",
                "— (issue 3: measure)",
                "—");
        report.section("5. Journal replay", md.toString());
    }

    private void polling() throws IOException, InterruptedException {
        PollingBaseline.Schedule schedule =
                PollingBaseline.Schedule.random(plan.pollingSessions(), plan.pollingRate(), plan.pollingDuration(), 42);
        context.progress("push, " + schedule.size() + " messages");
        Stats push = PollingBaseline.push(context.scratch(), plan.pollingSessions(), schedule);
        context.progress("1-second polling, " + schedule.size() + " messages");
        Stats poll =
                PollingBaseline.polling(context.scratch(), plan.pollingSessions(), schedule, Duration.ofSeconds(1));
        double medianRatio = poll.median() / (double) push.median();
        double p99Ratio = poll.p99() / (double) push.p99();
        StringBuilder md = new StringBuilder();
        md.append(String.format(
                Locale.ROOT,
                """
                **What**: the same open-loop load through both designs: %d sessions, %,d messages between random
                pairs at random (exponentially spaced) instants, %.0f per second in all, for %s.

                - **1-second polling**, the design of claude-peers (the best-known alternative): the sender inserts
                  the message into a shared table, made durable with the same journal and fsync as ours so both pay
                  the same disk; every session polls the table once a second, each at its own phase, and takes what
                  is addressed to it. Latency: insert to taken.
                - **Push** (peers-team): the real coordinator in-process, as in section 1 (after 5,000 warm-up
                  messages that are not counted). Latency: tool call posted to the message handed to the target's
                  channel.

                Code: `PollingBaseline.java`.

                | design | median | p90 | p99 | max |
                |---|---|---|---|---|
                | 1-second polling | %s | %s | %s | %s |
                | push (peers-team) | %s | %s | %s | %s |
                | **ratio polling / push** | **%s×** | %s× | **%s×** | |

                Polling waits on average half an interval whatever the machine does; push waits for one fsync and
                the loop.
                """,
                plan.pollingSessions(),
                schedule.size(),
                plan.pollingRate(),
                plan.pollingDuration().toSeconds() + " s",
                Stats.time(poll.median()),
                Stats.time(poll.p90()),
                Stats.time(poll.p99()),
                Stats.time(poll.max()),
                Stats.time(push.median()),
                Stats.time(push.p90()),
                Stats.time(push.p99()),
                Stats.time(push.max()),
                Stats.number(medianRatio),
                Stats.number(poll.p90() / (double) push.p90()),
                Stats.number(p99Ratio)));
        report.row(
                "Baseline: 1-second polling delivery (same load)",
                Stats.ms(poll.median()),
                Stats.ms(poll.p99()),
                "—",
                "—");
        report.row(
                "Push delivery under that load (peers-team)",
                Stats.ms(push.median()),
                Stats.ms(push.p99()),
                "—",
                "polling / push = " + Stats.number(medianRatio) + "× (median), " + Stats.number(p99Ratio) + "× (p99)");
        report.section("6. Push vs 1-second polling (baseline)", md.toString());
    }

    /** The virtual-thread scheduler's default maximum of carrier threads (jdk.virtualThreadScheduler.maxPoolSize). */
    private static final int DEFAULT_MAX_CARRIERS = 256;

    private static final String MORE_CARRIERS = "-Djdk.virtualThreadScheduler.maxPoolSize=1024";
    private static final String NMT = "-XX:NativeMemoryTracking=summary";
    /** JVM options for a small footprint: a heap capped well above what the coordinator keeps live. */
    private static final List<String> FOOTPRINT = List.of("-XX:+UseSerialGC", "-Xmx256m");
    /** What the ./peers-team launcher gives long-running verbs (up, demo, console); see the script. */
    private static final List<String> LAUNCHER = List.of("-XX:+UseSerialGC", "-Xms32m", "-Xmx384m");

    private void rss() throws IOException, InterruptedException {
        StringBuilder md = new StringBuilder();
        md.append("""
                **What**: a real `peers-team up` (`java -jar peers-team.jar up`, default JVM options, as the
                launcher runs it) with N roles, its `/proc/PID/status` (VmRSS, VmHWM = peak RSS, threads) and
                `/proc/PID/stat` (user + system CPU) read 1 s after every role printed `is idle`, and again 1 s after
                %d rounds of traffic: the person sends `all` a message; each role then sends one message to the next
                role (a ring) and waits for its tool result; the next round starts when `ps` shows everyone idle
                with nothing queued. Each round is 2N messages, all journaled, relayed, acknowledged and written to
                the per-role traffic logs. "Carriers" are the threads that run the coordinator's virtual threads.

                Agents: **tiny** = `tiny-agent.sh`, a bash script that speaks just enough stream-json
                (initialize, lifecycle frames, one turn per message, a `send_message` tool call); about 4 MB each,
                so 200 of them fit beside the coordinator on this machine. **java sim** = the product's simulated
                agent, a JVM each (~50 MB+). The measure is about the coordinator's own process: the agents are
                separate processes and not counted. Code: `RssBench.java`, `tiny-agent.sh`.

                | sessions | agent | JVM options | up → all idle | RSS ready | RSS after traffic | peak RSS | threads | carriers | CPU to ready | CPU per message |
                |---|---|---|---|---|---|---|---|---|---|---|
                """.formatted(plan.rssRounds()));
        List<RssBench.Result> results = new ArrayList<>();
        for (int n : plan.rssTiny()) {
            context.progress("coordinator RSS/CPU, " + n + " tiny sessions");
            Duration timeout = Duration.ofSeconds(60 + n / 10);
            RssBench.Result r = RssBench.run(context, n, RssBench.Agent.TINY, plan.rssRounds(), List.of(), timeout);
            results.add(r);
            context.progress("coordinator RSS/CPU, " + n + " tiny sessions, with the launcher's options");
            results.add(RssBench.run(context, n, RssBench.Agent.TINY, plan.rssRounds(), LAUNCHER, timeout));
            if (!r.ready()) {
                context.progress("not ready; again with " + MORE_CARRIERS + " (and native memory tracking)");
                results.add(RssBench.run(
                        context, n, RssBench.Agent.TINY, plan.rssRounds(), List.of(MORE_CARRIERS, NMT), timeout));
                if (!plan.quick()) {
                    context.progress("again with " + MORE_CARRIERS + " " + String.join(" ", FOOTPRINT));
                    List<String> options = new ArrayList<>(List.of(MORE_CARRIERS));
                    options.addAll(FOOTPRINT);
                    results.add(RssBench.run(context, n, RssBench.Agent.TINY, plan.rssRounds(), options, timeout));
                }
            }
        }
        for (int n : plan.rssJava()) {
            context.progress("coordinator RSS/CPU, " + n + " java sim sessions");
            results.add(RssBench.run(
                    context,
                    n,
                    RssBench.Agent.JAVA_SIM,
                    plan.rssRounds(),
                    List.of(),
                    Duration.ofSeconds(120 + 2L * n)));
        }
        RssBench.Result at200 = null;
        RssBench.Result at200Workaround = null;
        RssBench.Result at200Footprint = null;
        RssBench.Result at200Launcher = null;
        for (RssBench.Result r : results) {
            String options = r.jvmOptions().isEmpty() ? "defaults" : "`" + String.join(" ", r.jvmOptions()) + "`";
            String agent = r.agent() == RssBench.Agent.TINY ? "tiny" : "java sim";
            if (r.ready()) {
                md.append(String.format(
                        Locale.ROOT,
                        "| %d | %s | %s | %s | %.0f MB | %.0f MB | %.0f MB | %d | %d | %.1f s | %.2f ms |%n",
                        r.sessions(),
                        agent,
                        options,
                        Stats.time(r.readyNanos()),
                        r.atReady().rssMb(),
                        r.afterTraffic().rssMb(),
                        r.afterTraffic().hwmMb(),
                        r.afterTraffic().threads(),
                        r.carriers(),
                        r.atReady().cpuSeconds(),
                        r.cpuMsPerMessage()));
            } else {
                md.append(String.format(
                        Locale.ROOT,
                        "| %d | %s | %s | **never**: %d of %d ready after %s | %.0f MB | — | %.0f MB | %d | %d | %.1f s | — |%n",
                        r.sessions(),
                        agent,
                        options,
                        r.readyCount(),
                        r.sessions(),
                        Stats.time(r.readyNanos()),
                        r.atReady().rssMb(),
                        r.atReady().hwmMb(),
                        r.atReady().threads(),
                        r.carriers(),
                        r.atReady().cpuSeconds()));
            }
            if (r.sessions() == 200 && r.jvmOptions().equals(LAUNCHER)) {
                at200Launcher = r;
            } else if (r.sessions() == 200 && r.jvmOptions().isEmpty()) {
                at200 = r;
            } else if (r.sessions() == 200 && r.jvmOptions().contains(NMT)) {
                at200Workaround = r;
            } else if (r.sessions() == 200) {
                at200Footprint = r;
            }
        }
        for (RssBench.Result r : results) {
            if (r.nativeMemory() != null) {
                md.append(String.format(
                        Locale.ROOT,
                        "%nWhere the memory of the %d-session coordinator with `%s` went "
                                + "after traffic (native memory tracking, committed; RSS counts only the pages touched): %s.%n",
                        r.sessions(),
                        String.join(" ", r.jvmOptions()),
                        r.nativeMemory()));
            }
        }
        if (results.stream().anyMatch(r -> !r.ready())) {
            RssBench.Result stuck =
                    results.stream().filter(r -> !r.ready()).findFirst().orElseThrow();
            md.append(String.format(
                    Locale.ROOT, """

                    **A team of %d sessions never started** with default options: %d of its roles became ready, and
                    the coordinator then sat idle with %d carrier threads (the virtual-thread scheduler's default
                    maximum is %d). Its virtual threads at that moment (`jcmd PID Thread.dump_to_file`):

                    """, stuck.sessions(), stuck.readyCount(), stuck.carriers(), DEFAULT_MAX_CARRIERS));
            stuck.virtualThreads().forEach(line -> md.append("- ").append(line).append('\n'));
            md.append(String.format(Locale.ROOT, """

                    Each session has three virtual threads (`AgentProcess`): a stdout reader, a stderr drain and a
                    stdin writer. Reading a process pipe is blocking file I/O, which pins the carrier thread (the
                    scheduler compensates with more carriers, up to its maximum of %d), so two blocked readers per
                    session exhaust the carriers at %d sessions; after that, writers that have a line to write never
                    get a carrier, the sessions never get their `initialize`, and nothing more happens. The fix
                    belongs in the product: read the pipes on platform threads (or raise the scheduler's maximum);
                    the row with `%s` shows the same team with enough carriers.
                    """, DEFAULT_MAX_CARRIERS, DEFAULT_MAX_CARRIERS / 2, MORE_CARRIERS));
        }
        if (at200Launcher != null && at200Launcher.ready()) {
            double peak = at200Launcher.afterTraffic().hwmMb();
            md.append(String.format(
                    Locale.ROOT,
                    "%n**As `./peers-team up` runs it** (`%s`): peak RSS %.0f MB at 200" + " sessions — %s.%n",
                    String.join(" ", LAUNCHER),
                    peak,
                    peak <= 300 ? "the goal is met" : "missed by " + Math.round(peak - 300) + " MB"));
            report.row(
                    "Coordinator peak RSS, 200 sessions, as `./peers-team up` runs it (`" + String.join(" ", LAUNCHER)
                            + "`)",
                    String.format(Locale.ROOT, "%.0f MB", peak),
                    "—",
                    "≤ 300 MB",
                    Report.atMost(peak, 300, "MB"));
        }
        if (at200 != null) {
            if (at200.ready()) {
                double peak = at200.afterTraffic().hwmMb();
                md.append(String.format(
                        Locale.ROOT,
                        "%n**Goal**: ≤ 300 MB at 200 sessions. **Measured**: peak RSS "
                                + "%.0f MB (%.0f MB after traffic) — %s.%n",
                        peak,
                        at200.afterTraffic().rssMb(),
                        peak <= 300 ? "met" : "missed by " + Math.round(peak - 300) + " MB"));
                report.row(
                        "Coordinator peak RSS, 200 sessions, `java -jar` with the JVM's defaults",
                        String.format(Locale.ROOT, "%.0f MB", peak),
                        "—",
                        "≤ 300 MB",
                        Report.atMost(peak, 300, "MB"));
            } else {
                report.row(
                        "Coordinator with 200 sessions (default options)",
                        String.format(Locale.ROOT, "never ready (%d of 200)", at200.readyCount()),
                        "—",
                        "≤ 300 MB",
                        "**no**: the team does not start (virtual-thread carriers exhausted, see section 7)");
                if (at200Workaround != null && at200Workaround.ready()) {
                    double peak = at200Workaround.afterTraffic().hwmMb();
                    md.append(String.format(
                            Locale.ROOT,
                            "%n**Goal**: ≤ 300 MB at 200 sessions. **Measured**: "
                                    + "not met as shipped (the team does not start); with `%s` (and native memory "
                                    + "tracking, which adds a little) peak RSS %.0f MB — %s.%n",
                            MORE_CARRIERS,
                            peak,
                            peak <= 300 ? "within the goal" : "over the goal by " + Math.round(peak - 300) + " MB"));
                    report.row(
                            "Coordinator peak RSS, 200 sessions, with `" + MORE_CARRIERS + "`",
                            String.format(Locale.ROOT, "%.0f MB", peak),
                            "—",
                            "≤ 300 MB",
                            Report.atMost(peak, 300, "MB"));
                }
                if (at200Footprint != null && at200Footprint.ready()) {
                    double peak = at200Footprint.afterTraffic().hwmMb();
                    md.append(String.format(
                            Locale.ROOT,
                            "With `%s` as well, peak RSS %.0f MB — %s.%n",
                            String.join(" ", FOOTPRINT),
                            peak,
                            peak <= 300 ? "within the goal" : "over the goal by " + Math.round(peak - 300) + " MB"));
                    report.row(
                            "Coordinator peak RSS, 200 sessions, with `" + String.join(" ", at200Footprint.jvmOptions())
                                    + "`",
                            String.format(Locale.ROOT, "%.0f MB", peak),
                            "—",
                            "≤ 300 MB",
                            Report.atMost(peak, 300, "MB"));
                }
            }
        }
        md.append("""

                **Why the goal is missed at 200 sessions.** With the JVM's defaults, G1 sizes the heap from the
                machine's memory and keeps what it grew to; with the launcher's options the heap is capped (384 MB,
                so that a long journal still replays) and the serial collector lets it fill before a full
                collection. Beside the heap, every session costs native memory in the coordinator: three platform
                threads (stdout reader, stderr drain, stdin writer; platform, not virtual, because a blocking pipe
                read pins a virtual thread's carrier, see section 10), their stacks and buffers: about 830 threads
                at 200 sessions (the "threads" column). The ways down, not taken yet: stderr written straight to a
                file (a thread less per session), a streaming journal replay (then a smaller heap cap). Run with
                `-XX:NativeMemoryTracking=summary` (`PEERS_TEAM_JAVA_OPTS`) and `jcmd PID VM.native_memory` for
                the split on a given machine.

                CPU per message is the coordinator's CPU during the traffic phase (including `ps` requests and idle
                time) divided by the messages.
                """);
        report.section("7. Coordinator memory and CPU with many sessions", md.toString());
    }

    private void assign() throws IOException, InterruptedException {
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
                        "; through the `./peers-team` launcher %s, of which %s is the "
                                + "script around the JVM (bash, `scripts/find-jdk`, the jar's staleness check)",
                        Stats.ms(launcher.wall().median()),
                        Stats.ms(launcher.wall().median() - plain.wall().median())));
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

    private void up() throws IOException, InterruptedException {
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

    private void idle() throws IOException, InterruptedException {
        Duration idle = plan.quick() ? Duration.ofSeconds(2) : Duration.ofSeconds(40);
        Duration timeout = Duration.ofSeconds(15);
        List<List<String>> variants = plan.quick()
                ? List.of(List.of())
                : List.of(List.of(), List.of("-Djdk.virtualThreadScheduler.parallelism=16"));
        StringBuilder md = new StringBuilder();
        md.append("""
                **What**: a real `peers-team up` with two sessions (`tiny-agent.sh`) sits idle for %s, then the
                person sends one of them a message (`send` over the control socket). Measured: until the
                coordinator answers the request, and until its live log shows the message going to the role; %s
                at most. Idle spells are normal (a team waiting for its person); 30 s is how long the JDK keeps
                idle carrier threads of the virtual-thread scheduler. Not one of issue 5's measures: this harness
                found it. Code: `IdleBench.java`.

                | JVM options | request answered | message posted |
                |---|---|---|
                """.formatted(Stats.time(idle.toNanos()), Stats.time(timeout.toNanos())));
        List<IdleBench.Result> results = new ArrayList<>();
        for (List<String> options : variants) {
            context.progress("a message after " + idle.toSeconds() + " s idle"
                    + (options.isEmpty() ? "" : ", " + String.join(" ", options)));
            IdleBench.Result r = IdleBench.run(context, options, idle, timeout);
            results.add(r);
            md.append("| ")
                    .append(options.isEmpty() ? "defaults" : "`" + String.join(" ", options) + "`")
                    .append(" | ")
                    .append(r.answerNanos() < 0 ? "**never**" : Stats.ms(r.answerNanos()))
                    .append(" | ")
                    .append(r.postedNanos() < 0 ? "**never**" : Stats.ms(r.postedNanos()))
                    .append(" |\n");
        }
        IdleBench.Result plain = results.getFirst();
        if (plain.answerNanos() < 0 || plain.postedNanos() < 0) {
            md.append(String.format(Locale.ROOT, """

                    **With default options the coordinator stops working after an idle spell.** It had %d carrier
                    threads; its virtual threads (`jcmd PID Thread.dump_to_file`):

                    """, plain.carriers()));
            plain.virtualThreads().forEach(line -> md.append("- ").append(line).append('\n'));
            md.append("""

                    Every session's stdout reader and stderr drain is a virtual thread blocked in a pipe read, which
                    pins its carrier. While the team is busy, the scheduler has spare carriers; after 30 s idle it
                    retires them, and what is left are the pinned ones. From then on a virtual thread that becomes
                    runnable (the control socket's poller and acceptor, a session's stdin writer) waits for a carrier
                    that never comes: requests time out, messages are not written, and even a stop waits for the
                    5-second SIGTERM escalation (which ends the sessions and so frees the carriers). Here two
                    sessions (4 pinned readers) were enough on %d cores; with more cores it takes more sessions.
                    More carriers (the second row) hide it; reading the pipes on platform threads fixes it.
                    """.formatted(Runtime.getRuntime().availableProcessors()));
            report.row(
                    "A message after " + idle.toSeconds() + " s idle (2 sessions, defaults)",
                    "never answered",
                    "—",
                    "— (found here; relay goal p99 ≤ 2 ms)",
                    "**no**: the coordinator hangs after an idle " + "spell (see section 10)");
        } else {
            report.row(
                    "A message after " + idle.toSeconds() + " s idle (2 sessions)",
                    Stats.ms(plain.postedNanos()),
                    "—",
                    "—",
                    "—");
        }
        report.section("10. A message after an idle spell", md.toString());
    }

    private void chaos() throws IOException, InterruptedException {
        StringBuilder md = new StringBuilder();
        md.append("""
                **What**: the chaos harness of the end-to-end test `ChaosIT` (`dev.peersteam.chaos.ChaosRun`) as a
                measure: a lead and two workers of simulated agents (the behaviour script `chaos-team.yaml`: 32
                tasks, numbered notes from the lead, messages between the workers) run under `java -jar
                peers-team.jar up`, and the coordinator is SIGKILLed %d times at random instants, each kill followed
                by `up`; %d of the cycles first SIGKILL an agent mid-turn, %d SIGSTOP one for 6 s; then `up
                --until-done` finishes the board. The kill moments come from a seed (shown; `-Dchaos.seed` runs a
                plan again): after the Nth line of an `up`'s live log (often while sessions start or resume), at a
                random delay after every role is ready, or right after a role starts a tool call.

                Counted at the agents, not in the journal: every message the journal says was posted to a role must
                be in that role's transcripts (all its sessions) exactly once, by the rules of docs/messaging.md
                ("Which entry proves that a session has message M"). **Lost**: in none, or given up; **twice**: in
                more than one entry, or run again by a resumed CLI; **hangs**: an `up` whose roles were not ready
                within 60 s, a killed agent not restarted, or a last run that did not end within 180 s (a run with
                any is a run stuck). **Ready
                after a kill**: from starting `up` after a kill (the last `up --until-done` included) to every role's
                first `is idle` (its CLI answered `initialize`), for each `up` that got there before it was struck;
                it includes stopping what the killed coordinator left running. %d run(s). Code: `ChaosBench.java`,
                `orchestrator/src/test/java/dev/peersteam/chaos/`.

                | run (seed) | coordinator kills (before ready) | agent kills (mid-turn) | stops | messages | lost | twice | re-sent (warned) | hangs | tasks done | ready after a kill: median | p99 | last `up` | wall time |
                |---|---|---|---|---|---|---|---|---|---|---|---|---|---|
                """.formatted(plan.chaosKills(), plan.chaosAgentKills(), plan.chaosStops(), plan.chaosRuns()));
        List<ChaosBench.Run> runs =
                ChaosBench.run(context, plan.chaosRuns(), plan.chaosKills(), plan.chaosAgentKills(), plan.chaosStops());
        List<Long> ready = new ArrayList<>();
        int kills = 0;
        int lost = 0;
        int twice = 0;
        int stuck = 0;
        int runsStuck = 0;
        int messages = 0;
        int warned = 0;
        List<String> problems = new ArrayList<>();
        for (ChaosBench.Run run : runs) {
            dev.peersteam.chaos.ChaosReport r = run.report();
            List<Long> times =
                    r.readyAfterKill().stream().map(Duration::toNanos).toList();
            ready.addAll(times);
            Stats own = times.isEmpty() ? null : Stats.of(times);
            kills += r.coordinatorKills();
            lost += r.lost();
            twice += r.twice();
            stuck += r.stuck();
            if (r.stuck() > 0 || r.finalExit() == null) {
                runsStuck++;
            }
            messages += r.messages();
            warned += r.warnedResends();
            r.problems().forEach(p -> problems.add("seed " + run.seed() + ": " + p));
            md.append(String.format(
                    Locale.ROOT,
                    "| `%d` | %d (%d) | %d (%d) | %d | %d | %d | %d | %d (%d) | %d | %d/%d | %s | %s | exit %s in %s | %s |%n",
                    run.seed(),
                    r.coordinatorKills(),
                    r.killsBeforeReady(),
                    r.agentKills(),
                    r.agentKillsMidTurn(),
                    r.stops(),
                    r.messages(),
                    r.lost(),
                    r.twice(),
                    r.resent(),
                    r.warnedResends(),
                    r.stuck(),
                    r.tasksDone(),
                    r.tasks(),
                    own == null ? "—" : Stats.ms(own.median()),
                    own == null ? "—" : Stats.ms(own.p99()),
                    r.finalExit() == null ? "none" : r.finalExit().toString(),
                    r.finalRun() == null ? "—" : Stats.time(r.finalRun().toNanos()),
                    Stats.time(r.elapsed().toNanos())));
        }
        md.append("""

                **Re-sent**: messages the coordinator wrote to an agent's stdin more than once (after a crash, because
                the session's transcript did not have them); each of them is still counted once at the agent.
                **Warned**: of those, the ones the session had handled in a turn that ended well and then lost from its
                transcript (its agent killed within a second of the turn's end): docs/messaging.md chooses at least
                once here, so they come again after a notice asking the model to check first; the model saw them
                twice, and they are not counted as "twice".
                """);
        if (problems.isEmpty()) {
            md.append("\nNo problems: every message was taken exactly once, every board was done, nothing hung, and no"
                    + " process was left behind.\n");
        } else {
            md.append(
                    "\n**Problems found** (the evidence of each run is in its folder; rerun a plan with its seed):\n\n");
            problems.forEach(p -> md.append("- ").append(p.replace("|", "\\|")).append('\n'));
        }
        Stats all = ready.isEmpty() ? null : Stats.of(ready);
        String verdict = lost == 0 && twice == 0 && stuck == 0 ? "yes" : "**no**: see section 11";
        report.row(
                "Chaos: messages lost / handled twice / runs stuck (" + kills + " coordinator kills, " + messages
                        + " messages, " + runs.size() + " runs; " + warned + " re-sent after a lost-record warning)",
                lost + " / " + twice + " / " + runsStuck,
                "—",
                "0 / 0 / 0",
                verdict);
        if (all != null) {
            report.row(
                    "Chaos: `up` after a kill until every role is ready (" + all.count() + " ups)",
                    Stats.ms(all.median()),
                    Stats.ms(all.p99()),
                    "—",
                    "—");
        }
        report.section("11. Chaos: kills at random instants", md.toString());
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
