package dev.peersteam.bench;

import dev.peersteam.control.ControlClient;
import dev.peersteam.control.ControlRequest;
import dev.peersteam.control.ControlResponse;
import dev.peersteam.control.PsReply;
import dev.peersteam.control.SessionState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The coordinator's resident memory and CPU with many sessions: a real {@code peers-team up} with N roles, read
 * from {@code /proc/PID} once every role is ready and again after message traffic. Traffic: rounds of
 * {@code send all "relay"} from the person; each role then sends one message to the next role (a ring) and waits
 * for its tool result, so each round is 2N messages, all journaled, relayed and acknowledged.
 */
final class RssBench {
    private RssBench() {}

    enum Agent {
        TINY,
        JAVA_SIM
    }

    /**
     * @param ready whether every role became ready; when not, {@code atReady} is read at the deadline,
     *     {@code readyCount} says how many were, and there is no traffic ({@code afterTraffic} == {@code atReady})
     * @param carriers the virtual-thread scheduler's carrier threads when read
     */
    record Result(
            int sessions,
            Agent agent,
            List<String> jvmOptions,
            boolean ready,
            int readyCount,
            long readyNanos,
            ProcStat atReady,
            ProcStat afterTraffic,
            int carriers,
            List<String> virtualThreads,
            String nativeMemory,
            long messages,
            long trafficNanos,
            double settlingCpuPercent,
            double idleCpuPercent) {
        double cpuMsPerMessage() {
            return messages == 0
                    ? Double.NaN
                    : (afterTraffic.cpuTicks() - atReady.cpuTicks()) * 1000.0 / ProcStat.TICKS_PER_SECOND / messages;
        }
    }

    /** How long the coordinator is watched with every session idle, twice, after the traffic. */
    static final Duration IDLE_WINDOW = Duration.ofSeconds(10);

    private static double percentOfOneCore(long ticks) {
        return ticks * 100.0 / ProcStat.TICKS_PER_SECOND / IDLE_WINDOW.toSeconds();
    }

    static Result run(
            Context context, int sessions, Agent agent, int rounds, List<String> jvmOptions, Duration startTimeout)
            throws IOException, InterruptedException {
        Path dir = context.dir("rss-" + sessions + "-");
        Agents agents = new Agents(context);
        List<String> names = new ArrayList<>();
        for (int i = 0; i < sessions; i++) {
            names.add(String.format("s%03d", i));
        }
        Path script = agent == Agent.JAVA_SIM ? relayScript(dir, names) : null;
        List<TeamRepo.Role> team = new ArrayList<>();
        for (int i = 0; i < sessions; i++) {
            String peer = names.get((i + 1) % sessions);
            team.add(new TeamRepo.Role(names.get(i), agent == Agent.TINY ? agents.tiny(peer) : agents.javaSim(script)));
        }
        Path repo = TeamRepo.create(dir.resolve("repo"), context.env(), team);
        try (UpProcess up = UpProcess.start(context, repo, jvmOptions, "up", "team.yaml")) {
            long ready = up.awaitIdle(names, startTimeout);
            if (ready < 0) {
                ProcStat stuck = ProcStat.of(up.pid());
                int carriers = ProcStat.threadsNamed(up.pid(), "ForkJoinPool-1-");
                int readyCount = up.idleCount(names);
                List<String> threads = ThreadDump.virtualThreads(context.java(), up.pid(), dir.resolve("threads.txt"));
                up.close(); // it cannot be stopped politely: its sessions never got their stdin lines
                return new Result(
                        sessions,
                        agent,
                        jvmOptions,
                        false,
                        readyCount,
                        System.nanoTime() - up.startedAt(),
                        stuck,
                        stuck,
                        carriers,
                        threads,
                        null,
                        0,
                        0,
                        Double.NaN,
                        Double.NaN);
            }
            Thread.sleep(1000);
            ProcStat atReady = ProcStat.of(up.pid());
            int carriers = ProcStat.threadsNamed(up.pid(), "ForkJoinPool-1-");
            long t0 = System.nanoTime();
            try (ControlClient client = up.connect()) {
                for (int r = 0; r < rounds; r++) {
                    if (!(client.request(new ControlRequest.Send("all", "relay " + r)) instanceof ControlResponse.Ok)) {
                        throw new IllegalStateException("send all was refused");
                    }
                    awaitQuiet(client, Duration.ofSeconds(120));
                }
            }
            long t1 = System.nanoTime();
            Thread.sleep(1000);
            ProcStat after = ProcStat.of(up.pid());
            // then every session sits idle: first the work the turns left behind ends (each turn's changes are
            // looked at off the loop), then the coordinator should cost nothing (no polling, no timers ticking)
            Thread.sleep(IDLE_WINDOW.toMillis());
            ProcStat settled = ProcStat.of(up.pid());
            Thread.sleep(IDLE_WINDOW.toMillis());
            ProcStat idleEnd = ProcStat.of(up.pid());
            double settlingCpuPercent = percentOfOneCore(settled.cpuTicks() - after.cpuTicks());
            double idleCpuPercent = percentOfOneCore(idleEnd.cpuTicks() - settled.cpuTicks());
            String nmt = jvmOptions.stream().anyMatch(o -> o.startsWith("-XX:NativeMemoryTracking"))
                    ? NativeMemory.summary(context.java(), up.pid())
                    : null;
            up.stop(Duration.ofSeconds(60));
            return new Result(
                    sessions,
                    agent,
                    jvmOptions,
                    true,
                    sessions,
                    ready - up.startedAt(),
                    atReady,
                    after,
                    carriers,
                    List.of(),
                    nmt,
                    2L * sessions * rounds,
                    t1 - t0,
                    settlingCpuPercent,
                    idleCpuPercent);
        }
    }

    /** Until {@code ps} shows every role idle with nothing queued (the harness polls; the product does not). */
    private static void awaitQuiet(ControlClient client, Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            Thread.sleep(50);
            if (client.request(new ControlRequest.Ps()) instanceof ControlResponse.Ok(PsReply ps)
                    && ps.roles().stream().allMatch(role -> role.state() == SessionState.IDLE && role.queued() == 0)) {
                return;
            }
        }
        throw new IllegalStateException("the team did not go quiet within " + timeout);
    }

    /** A sim script in which each role, told "relay" by the person, sends one message to the next role. */
    private static Path relayScript(Path dir, List<String> names) throws IOException {
        StringBuilder yaml = new StringBuilder("cost_per_turn: 0\nroles:\n");
        for (int i = 0; i < names.size(); i++) {
            yaml.append("  ")
                    .append(names.get(i))
                    .append(":\n    rules:\n      - on: message\n        from: human\n"
                            + "        contains: relay\n        do:\n          - send: {to: ")
                    .append(names.get((i + 1) % names.size()))
                    .append(", text: \"hello from ")
                    .append(names.get(i))
                    .append("\"}\n");
        }
        Path script = dir.resolve("relay.yaml");
        Files.writeString(script, yaml);
        return script;
    }
}
