package dev.peersteam.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** Section 1: relay latency in-process, the journal on disk and on tmpfs, and a bare fsync. */
record RelayMeasure(Context context, Plan plan, Report report) implements Measure {
    @Override
    public void run() throws IOException, InterruptedException {
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

    static String latencyRow(String label, Stats stats) {
        return "| " + label + " | " + Stats.time(stats.median()) + " | " + Stats.time(stats.p90()) + " | "
                + Stats.time(stats.p99()) + " | " + Stats.time(stats.max()) + " |\n";
    }
}
