package dev.peersteam.bench;

import dev.peersteam.protocol.HostMessage;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * One probe message at a time through an {@link InProcessTeam}: records when the coordinator hands the message to
 * the target's channel, and waits until the sender has its tool result too, so the next probe starts on a quiet
 * loop. Probe texts are {@code probe N}; the target sees {@code [from SENDER] probe N}.
 */
final class Probes implements InstantCli.Listener {
    private final Semaphore delivered = new Semaphore(0);
    private final Semaphore answered = new Semaphore(0);
    private volatile long expected = -1;
    private volatile long deliveredAt;

    @Override
    public void delivered(String role, HostMessage.UserMessage message, long nanoTime) {
        if (probeNumber(message.text()) == expected) {
            deliveredAt = nanoTime;
            delivered.release();
        }
    }

    @Override
    public void answered(String role, String requestId, long nanoTime) {
        if (requestId.equals("p" + expected)) {
            answered.release();
        }
    }

    /** Sends probe {@code k} from {@code from} to {@code to}; returns its relay latency in nanoseconds. */
    long probe(InProcessTeam team, long k, String from, String to) throws InterruptedException {
        String line = team.sendMessageLine("p" + k, to, "probe " + k);
        expected = k;
        long start = System.nanoTime();
        team.fromSession(from, line); // decode + post, as the session's reader thread does
        if (!delivered.tryAcquire(30, TimeUnit.SECONDS) || !answered.tryAcquire(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("probe " + k + " got no delivery or no answer");
        }
        return deliveredAt - start;
    }

    /** N in "... probe N", or -1. */
    static long probeNumber(String text) {
        int at = text.lastIndexOf("probe ");
        if (at < 0) {
            return -1;
        }
        long n = 0;
        for (int i = at + 6; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            n = n * 10 + (c - '0');
        }
        return n;
    }
}
