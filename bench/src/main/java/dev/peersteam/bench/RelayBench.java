package dev.peersteam.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * Relay latency in-process: from a {@code send_message} tool call arriving at the coordinator (its stdout line
 * decoded and posted as {@code Event.FromSession}, as a session's reader thread does) to the user message being
 * handed to the target's {@code AgentChannel.send}, with the real loop thread, the real journal fsync'd in
 * {@code dir}, real timers. One message at a time; sender and target rotate through the roles.
 */
final class RelayBench {
    private RelayBench() {}

    static Stats run(Path dir, int roles, int warmup, int samples) throws IOException, InterruptedException {
        Probes probes = new Probes();
        long[] latencies = new long[samples];
        try (InProcessTeam team = InProcessTeam.start(dir, roles, probes)) {
            List<String> names = team.roles();
            for (int k = 0; k < warmup + samples; k++) {
                String from = names.get(k % roles);
                String to = names.get((k + 1) % roles);
                long latency = probes.probe(team, k, from, to);
                if (k >= warmup) {
                    latencies[k - warmup] = latency;
                }
            }
        }
        return Stats.of(latencies);
    }

    /** Relay latency on the disk, relay latency on tmpfs, and fsync alone, measured in turns (same conditions). */
    record Interleaved(Stats disk, Stats tmpfs, Stats fsync) {}

    /**
     * One relay with the journal on {@code diskDir}, one with it on {@code tmpfsDir}, one bare write + fdatasync on
     * {@code diskDir}, in turn, {@code samples} times: so that the three see the same machine at the same moments,
     * and their difference says where the time goes.
     */
    static Interleaved interleaved(Path diskDir, Path tmpfsDir, int roles, int warmup, int samples)
            throws IOException, InterruptedException {
        Probes onDisk = new Probes();
        Probes onTmpfs = new Probes();
        long[] disk = new long[samples];
        long[] tmpfs = new long[samples];
        long[] fsync = new long[samples];
        Path file = Files.createTempFile(diskDir, "fsync-", ".jsonl");
        try (InProcessTeam a = InProcessTeam.start(diskDir, roles, onDisk);
                InProcessTeam b = InProcessTeam.start(tmpfsDir, roles, onTmpfs);
                FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
            List<String> names = a.roles();
            for (int k = 0; k < warmup + samples; k++) {
                String from = names.get(k % roles);
                String to = names.get((k + 1) % roles);
                long d = onDisk.probe(a, k, from, to);
                long t = onTmpfs.probe(b, k, from, to);
                long f = fsyncOnce(channel);
                if (k >= warmup) {
                    disk[k - warmup] = d;
                    tmpfs[k - warmup] = t;
                    fsync[k - warmup] = f;
                }
            }
        } finally {
            Files.deleteIfExists(file);
        }
        return new Interleaved(Stats.of(disk), Stats.of(tmpfs), Stats.of(fsync));
    }

    private static final byte[] RECORD = ("{\"v\":1,\"seq\":1,\"ts\":\"2025-01-01T00:00:00.000000Z\",\"type\":"
                    + "\"message\",\"id\":\"3a50c7e2-1111-4222-8333-944445555666\",\"from\":\"r001\",\"to\":\"r002\","
                    + "\"text\":\"probe 1\"}\n")
            .getBytes(StandardCharsets.UTF_8);

    private static long fsyncOnce(FileChannel channel) throws IOException {
        long start = System.nanoTime();
        channel.write(ByteBuffer.wrap(RECORD));
        channel.force(false);
        return System.nanoTime() - start;
    }

    /**
     * The floor under every relay: one journal-sized write and {@code force(false)} (fdatasync) on the same file
     * system, with nothing else around it.
     */
    static Stats fsyncAlone(Path dir, int samples) throws IOException {
        Path file = Files.createTempFile(dir, "fsync-", ".jsonl");
        long[] times = new long[samples];
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
            for (int i = 0; i < samples; i++) {
                times[i] = fsyncOnce(channel);
            }
        } finally {
            Files.deleteIfExists(file);
        }
        return Stats.of(times);
    }
}
