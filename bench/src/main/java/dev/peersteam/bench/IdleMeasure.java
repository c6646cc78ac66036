package dev.peersteam.bench;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Section 10: a message after an idle spell. */
record IdleMeasure(Context context, Plan plan, Report report) implements Measure {
    @Override
    public void run() throws IOException, InterruptedException {
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
}
