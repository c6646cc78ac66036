package dev.peersteam.bench;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** Section 4: journal append with fsync, measured with JMH. */
record JournalMeasure(Context context, Plan plan, Report report) implements Measure {
    @Override
    public void run() throws Exception {
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
}
