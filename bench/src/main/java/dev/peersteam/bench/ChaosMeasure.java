package dev.peersteam.bench;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Section 11: the chaos harness as a measure (kills at random instants; lost, twice, stuck, time to ready). */
record ChaosMeasure(Context context, Plan plan, Report report) implements Measure {
    @Override
    public void run() throws IOException, InterruptedException {
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
}
