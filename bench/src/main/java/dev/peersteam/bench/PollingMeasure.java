package dev.peersteam.bench;

import java.io.IOException;
import java.time.Duration;
import java.util.Locale;

/** Section 6: push delivery against a 1-second polling baseline under the same load. */
record PollingMeasure(Context context, Plan plan, Report report) implements Measure {
    @Override
    public void run() throws IOException, InterruptedException {
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
}
