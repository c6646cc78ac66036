package dev.peersteam.bench;

import java.io.IOException;

/** Section 2: the round trip A → B → A between two simulated agent processes. */
record RoundTripMeasure(Context context, Plan plan, Report report) implements Measure {
    @Override
    public void run() throws IOException, InterruptedException {
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
            md.append(RelayMeasure.latencyRow(roles + "", stats));
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
}
