package dev.peersteam.bench;

import java.io.IOException;
import java.util.Locale;

/** Section 5: journal replay and recovery. */
record ReplayMeasure(Context context, Plan plan, Report report) implements Measure {
    @Override
    public void run() throws IOException {
        context.progress("replay of " + plan.replayRecords() + " records");
        ReplayBench.Result result = ReplayBench.run(context.scratch(), plan.replayRecords(), plan.replayRepeats());
        StringBuilder md = new StringBuilder();
        md.append(String.format(
                Locale.ROOT,
                """
                **What**: a journal of %,d records (%.0f MB) written through `Journal` in the mix of a busy team
                (each message posted and delivered, a turn end every 10 messages, a task every 50), then read back
                with `JournalReplay.read` alone (every line parsed into its record), and again with `Recovery.read`
                (parsed and folded as it is read: what `up` does on resume). %d run(s), from the page cache.
                Code: `ReplayBench.java`.

                | step | median | min | max | records/s (median) |
                |---|---|---|---|---|
                | `JournalReplay.read` | %s | %s | %s | %s |
                | `Recovery.read` (parse + fold) | %s | %s | %s | %s |
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
                Stats.time(result.recovery().median()),
                "—",
                "— (issue 3: measure)",
                "—");
        report.section("5. Journal replay", md.toString());
    }
}
