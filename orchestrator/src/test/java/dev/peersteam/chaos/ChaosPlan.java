package dev.peersteam.chaos;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * When and where a chaos run strikes, drawn from one seed before the run starts, so that a failing run can be run
 * again with the same plan ({@code -Dchaos.seed=...}); the processes' own timing still varies between runs.
 *
 * <p>Each cycle is one {@code up} that ends in a SIGKILL of the coordinator. Where the kill lands is varied on
 * purpose, because the quiet moments are the least interesting: after the Nth line of the live log (so often while
 * sessions start and resume, or just after a batch was synced: a message journaled but not yet written, a
 * {@code started} read but its record not yet on disk), at a random delay once every role is ready (mid-turn, between
 * turns), or right after a role starts a tool call (a command or a file write running while its host dies). Some
 * cycles first hurt an agent: SIGKILL of its process in the middle of a turn (the coordinator must restart it), or
 * SIGSTOP for longer than a turn, then SIGCONT.
 */
record ChaosPlan(long seed, List<Cycle> cycles) {

    /** One up: maybe something done to an agent first, then the coordinator's kill. */
    record Cycle(int index, AgentFault fault, Strike strike) {}

    /** How the coordinator's kill is timed. */
    sealed interface Strike {
        /** After {@code lines} more lines of the live log (counted from the start of the up, or the fault), then a pause. */
        record AfterLines(int lines, int pauseMillis) implements Strike {}

        /** Once every role is ready, after {@code delayMillis}. */
        record AfterReady(int delayMillis) implements Strike {}

        /** Once every role is ready: right after the {@code nth} tool call a role starts, then a pause. */
        record InToolCall(int nth, int pauseMillis) implements Strike {}
    }

    /** What happens to one agent before the coordinator is killed. */
    sealed interface AgentFault {
        record None() implements AgentFault {}

        /** SIGKILL of the role's agent process, {@code pauseMillis} after it is next seen working. */
        record Kill(String role, int pauseMillis) implements AgentFault {}

        /** SIGSTOP of the role's agent while it works, SIGCONT after {@code stopMillis}. */
        record Stop(String role, int stopMillis) implements AgentFault {}
    }

    /**
     * @param kills coordinator kills (one per cycle)
     * @param agentKills cycles that first kill an agent mid-turn
     * @param stops cycles that first stop an agent
     * @param stopMillis how long a stopped agent stays stopped (longer than a turn)
     * @param roles the roles whose agents may be hurt
     */
    static ChaosPlan draw(long seed, int kills, int agentKills, int stops, int stopMillis, List<String> roles) {
        if (agentKills + stops > Math.max(0, kills - 1)) {
            throw new IllegalArgumentException("more agent faults than cycles after the first");
        }
        Random random = new Random(seed);
        List<Integer> later = new ArrayList<>();
        for (int i = 1; i < kills; i++) {
            later.add(i);
        }
        Collections.shuffle(later, random);
        List<Integer> killing = later.subList(0, agentKills);
        List<Integer> stopping = later.subList(agentKills, agentKills + stops);
        List<Cycle> cycles = new ArrayList<>();
        for (int i = 0; i < kills; i++) {
            String role = roles.get(random.nextInt(roles.size()));
            AgentFault fault = killing.contains(i)
                    ? new AgentFault.Kill(role, random.nextInt(150))
                    : stopping.contains(i) ? new AgentFault.Stop(role, stopMillis) : new AgentFault.None();
            int kind = random.nextInt(100);
            // a fifth of the kills while the sessions start and resume (up prints about a dozen lines until every
            // role is ready), the rest while the team works
            Strike strike = kind < 20
                    ? new Strike.AfterLines(1 + random.nextInt(14), random.nextInt(25))
                    : kind < 45
                            ? new Strike.AfterLines(12 + random.nextInt(40), random.nextInt(25))
                            : kind < 75
                                    ? new Strike.AfterReady(random.nextInt(1500))
                                    : new Strike.InToolCall(1 + random.nextInt(4), random.nextInt(60));
            cycles.add(new Cycle(i, fault, strike));
        }
        return new ChaosPlan(seed, List.copyOf(cycles));
    }
}
