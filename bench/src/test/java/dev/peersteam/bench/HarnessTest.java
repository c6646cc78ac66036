package dev.peersteam.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Checks the harness's wiring in a second or two; it measures nothing worth reading (bench/run does that).
 */
class HarnessTest {
    @TempDir
    Path dir;

    @Test
    void percentilesAreNearestRank() {
        long[] samples = new long[100];
        for (int i = 0; i < 100; i++) {
            samples[i] = 100 - i; // 1..100, shuffled order does not matter
        }
        Stats stats = Stats.of(samples);
        assertThat(stats.median()).isEqualTo(50);
        assertThat(stats.p90()).isEqualTo(90);
        assertThat(stats.p99()).isEqualTo(99);
        assertThat(stats.max()).isEqualTo(100);
        assertThat(Stats.of(new long[] {7}).p99()).isEqualTo(7);
        assertThat(Stats.median(new double[] {3, 1, 2, 10})).isEqualTo(2.5);
    }

    @Test
    void verdictsSayByHowMuchAGoalIsMissed() {
        assertThat(Report.atMost(1.5, 2, "ms")).isEqualTo("yes");
        assertThat(Report.atMost(3, 2, "ms")).isEqualTo("**no**: 1.0 ms over (1.50× the goal)");
        assertThat(Report.atLeast(25_000, 20_000, "msgs/s")).isEqualTo("yes");
        assertThat(Report.atLeast(15_000, 20_000, "msgs/s")).isEqualTo("**no**: 5,000 msgs/s short (75% of the goal)");
        assertThat(Stats.ms(420_000)).isEqualTo("0.42 ms");
        assertThat(Stats.ms(1_642_000_000L)).isEqualTo("1642 ms");
    }

    @Test
    void relayProbesGoThroughTheRealCoordinatorLoop() throws Exception {
        Stats stats = RelayBench.run(dir, 3, 5, 20);
        assertThat(stats.count()).isEqualTo(20);
        assertThat(stats.min()).isPositive();
        RelayBench.Interleaved trio = RelayBench.interleaved(dir, dir, 3, 2, 10);
        assertThat(List.of(
                        trio.disk().count(), trio.tmpfs().count(), trio.fsync().count()))
                .containsOnly(10);
        assertThat(Probes.probeNumber("[from r001] probe 42")).isEqualTo(42);
        assertThat(Probes.probeNumber("[from r001] hello")).isEqualTo(-1);
    }

    @Test
    void throughputCountsHandedOverMessages() throws Exception {
        ThroughputBench.Result result =
                ThroughputBench.run(dir, 3, 1, 64, Duration.ofMillis(100), Duration.ofMillis(200));
        assertThat(result.messages()).isPositive();
        assertThat(result.journalBytes()).isPositive();
    }

    @Test
    void pushAndPollingDeliverEveryScheduledMessage() throws Exception {
        PollingBaseline.Schedule schedule = PollingBaseline.Schedule.random(3, 50, Duration.ofMillis(200), 1);
        assertThat(schedule.size()).isPositive();
        assertThat(PollingBaseline.polling(dir, 3, schedule, Duration.ofMillis(50))
                        .count())
                .isEqualTo(schedule.size());
    }

    @Test
    void theTinyAgentSpeaksEnoughStreamJson() throws Exception {
        Path script = dir.resolve("tiny-agent.sh");
        try (var in = getClass().getResourceAsStream("/bench/tiny-agent.sh")) {
            Files.copy(in, script);
        }
        Process process = new ProcessBuilder("bash", script.toString(), "b", "--verbose").start();
        process.getOutputStream()
                .write(String.join(
                                "\n",
                                "{\"type\":\"control_request\",\"request_id\":\"init_1_a\",\"request\":{\"subtype\":\"initialize\"}}",
                                "{\"type\":\"user\",\"session_id\":\"\",\"uuid\":\"u-1\",\"message\":{\"role\":\"user\",\"content\":"
                                        + "\"[from human] relay\"},\"parent_tool_use_id\":null}",
                                "{\"type\":\"control_response\",\"response\":{\"subtype\":\"success\",\"request_id\":\"tiny_tiny_1\","
                                        + "\"response\":{}}}",
                                "")
                        .getBytes(StandardCharsets.UTF_8));
        process.getOutputStream().close();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(10, TimeUnit.SECONDS)).isTrue();
        List<String> lines = out.lines().toList();
        assertThat(lines).hasSize(5);
        assertThat(lines.get(0)).contains("\"request_id\":\"init_1_a\"").contains("\"success\"");
        assertThat(lines.get(1))
                .contains("command_lifecycle")
                .contains("\"u-1\"")
                .contains("started");
        assertThat(lines.get(3)).contains("send_message").contains("\"to\":\"b\"");
        assertThat(lines.get(4)).contains("\"type\":\"result\"");
    }

    @Test
    void theStopwatchPairsOurToolCallWithThePeersAnswer() throws Exception {
        Path timing = dir.resolve("timing.txt");
        TimedSimMain.Stopwatch stopwatch = new TimedSimMain.Stopwatch(timing, "[from b] ");
        stopwatch.input("{\"type\":\"user\",\"message\":{\"content\":\"[from b] early\"}}", 5);
        stopwatch.output(
                "{\"type\":\"control_request\",\"request\":{\"message\":{\"method\":\"tools/call\","
                        + "\"params\":{\"name\":\"send_message\"}}}}",
                100);
        stopwatch.input("{\"type\":\"user\",\"message\":{\"content\":\"[from c] other\"}}", 150);
        stopwatch.input("{\"type\":\"user\",\"message\":{\"content\":\"[from b] pong\"}}", 180);
        assertThat(Files.readAllLines(timing)).containsExactly("100 180 80");
    }

    @Test
    void threadDumpsAreSummarizedByNameAndActivity() {
        String dump = String.join(
                "\n",
                "1234",
                "2026-01-01T00:00:00Z",
                "25",
                "",
                "#3 \"main\" WAITING 2026-01-01T00:00:00Z",
                "    at java.base/jdk.internal.misc.Unsafe.park(Native Method)",
                "",
                "#10 \"reader-a\" virtual RUNNABLE 2026-01-01T00:00:00Z",
                "    at java.base/java.io.FileInputStream.readBytes(Native Method)",
                "",
                "#11 \"reader-b\" virtual RUNNABLE 2026-01-01T00:00:00Z",
                "    at java.base/java.io.FileInputStream.readBytes(Native Method)",
                "",
                "#12 \"writer-a\" virtual RUNNABLE 2026-01-01T00:00:00Z",
                "    at java.base/java.lang.VirtualThread.park(VirtualThread.java:742)",
                "",
                "#13 \"writer-b\" virtual RUNNABLE 2026-01-01T00:00:00Z",
                "",
                "#14 \"writer-c\" virtual WAITING 2026-01-01T00:00:00Z",
                "    at java.base/java.lang.VirtualThread.park(VirtualThread.java:742)",
                "");
        assertThat(ThreadDump.summarize(dump))
                .containsExactly(
                        "2 × reader-*: blocked reading a pipe (pins its carrier)",
                        "1 × writer-*: parked, waiting for work",
                        "1 × writer-*: runnable, waiting for a carrier",
                        "1 × writer-*: runnable, waiting for a carrier (never ran)");
    }

    @Test
    void nativeMemoryNamesTheLargestAreas() {
        String nmt = String.join(
                "\n",
                "Total: reserved=8199886KB, committed=561658KB",
                "-                 Java Heap (reserved=6172672KB, committed=393216KB)",
                "                            (mmap: reserved=6172672KB, committed=393216KB)",
                "-                    Thread (reserved=477082KB, committed=69394KB)",
                "-                        GC (reserved=158419KB, committed=45539KB)");
        assertThat(NativeMemory.parse(nmt)).isEqualTo("Java Heap 384 MB, Thread 68 MB, GC 44 MB");
    }

    @Test
    void anUpdatePutsTheMeasuredSectionsInPlaceAndKeepsTheRest() {
        String existing = String.join(
                "\n",
                "# Benchmarks",
                "",
                "Generated by `bench/run` on 2026-11-26.",
                "",
                "## Summary",
                "",
                "| measure | median | p99 | goal | met? |",
                "|---|---|---|---|---|",
                "| Relay latency | 0.14 ms | 0.22 ms | p99 ≤ 2 ms | yes |",
                "| Chaos: lost (50 kills, 10 runs) | 1 | — | 0 | **no** |",
                "| Idle | 44 ms | — | — | — |",
                "",
                "## 1. Relay latency",
                "",
                "relay text",
                "",
                "## 11. Chaos",
                "",
                "old chaos text",
                "",
                "## Conditions per measure",
                "",
                "| measure | took | load before | load after |",
                "|---|---|---|---|",
                "| relay | 14 s | 1 | 2 |",
                "| chaos | 300 s | 3 | 4 |",
                "");
        List<Report.Row> rows = List.of(
                new Report.Row("Chaos: lost (100 kills, 2 runs)", "0", "—", "0", "yes"),
                new Report.Row("Chaos: ready after a kill (99 ups)", "2 s", "5 s", "—", "—"));
        String merged = ReportMerge.merge(
                existing,
                rows,
                List.of(new ReportMerge.Section("11. Chaos", "new chaos text")),
                List.of(new ReportMerge.Condition("chaos", "400 s", "5", "6")),
                "_stamp_");

        assertThat(merged)
                .contains("relay text", "| Relay latency | 0.14 ms |", "| relay | 14 s | 1 | 2 |")
                .contains("_stamp_\n\nnew chaos text", "| chaos | 400 s | 5 | 6 |", ReportMerge.REMEASURED_NOTE)
                .doesNotContain("old chaos text", "50 kills", "300 s");
        assertThat(merged.lines().filter(l -> l.startsWith("| Chaos:")))
                .containsExactly(
                        "| Chaos: lost (100 kills, 2 runs) | 0 | — | 0 | yes |",
                        "| Chaos: ready after a kill (99 ups) | 2 s | 5 s | — | — |");
        assertThat(merged.indexOf("| Chaos: lost")).isLessThan(merged.indexOf("| Idle |"));
        assertThat(ReportMerge.merge(merged, rows, List.of(), List.of(), "_stamp_"))
                .as("a second update changes nothing more")
                .isEqualTo(merged);
    }

    @Test
    void anUpdateAddsASectionTheReportDidNotHave() {
        String existing = "# Benchmarks\n\nHeader.\n\n## Summary\n\n| measure | median | p99 | goal | met? |\n"
                + "|---|---|---|---|---|\n| Relay | 1 | 2 | — | — |\n\n## 1. Relay\n\nrelay text\n\n"
                + "## Conditions per measure\n\n| measure | took | load before | load after |\n|---|---|---|---|\n"
                + "| relay | 1 s | 1 | 1 |\n";
        String merged = ReportMerge.merge(
                existing,
                List.of(new Report.Row("Chaos", "0", "—", "0", "yes")),
                List.of(new ReportMerge.Section("11. Chaos", "chaos text")),
                List.of(new ReportMerge.Condition("chaos", "9 s", "1", "1")),
                "_stamp_");
        assertThat(merged.indexOf("| Relay | 1 |")).isLessThan(merged.indexOf("| Chaos | 0 |"));
        assertThat(merged.indexOf("## 1. Relay")).isLessThan(merged.indexOf("## 11. Chaos"));
        assertThat(merged.indexOf("## 11. Chaos")).isLessThan(merged.indexOf("## Conditions per measure"));
        assertThat(merged).endsWith("| relay | 1 s | 1 | 1 |\n| chaos | 9 s | 1 | 1 |\n");
    }
}
