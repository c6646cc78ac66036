package dev.peersteam.agent.sim;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Writes the agent's stdout: one JSON object per line, flushed at once, from whichever thread has something to
 * say (the turn thread, and the stdin reader answering control requests). Applies the output faults: a delay before
 * each frame and garbage lines every N frames. Once {@linkplain #seal sealed} (the process is exiting) nothing more
 * goes out: a write then throws {@link AgentHalted}.
 */
final class FrameWriter {
    private static final byte[] GARBAGE = ("sim-agent: injected garbage, this line is not JSON\n"
                    + "{\"type\":\"assistant\",\"message\":{\"id\":\n")
            .getBytes(StandardCharsets.UTF_8);

    private final OutputStream out;
    private final int slowMs;
    private final int garbageEvery;
    private long frames;
    private boolean sealed;

    FrameWriter(OutputStream out, Faults faults) {
        this.out = out;
        this.slowMs = faults.slow();
        this.garbageEvery = faults.garbage();
    }

    void write(JsonNode frame) {
        if (slowMs > 0) {
            pause();
        }
        byte[] line = (frame.toString() + "\n").getBytes(StandardCharsets.UTF_8);
        synchronized (this) {
            if (sealed) {
                throw new AgentHalted("the agent has exited");
            }
            try {
                out.write(line);
                frames++;
                if (garbageEvery > 0 && frames % garbageEvery == 0) {
                    out.write(GARBAGE);
                }
                out.flush();
            } catch (IOException e) {
                // The host closed our stdout (it died or gave up on us): like the real CLI on EPIPE, stop.
                sealed = true;
                throw new AgentHalted("stdout is closed: " + e.getMessage());
            }
        }
    }

    /**
     * Runs {@code frames} while holding the writer, so that no other thread's frame lands in between: an interrupt's
     * answer must precede the frames of the turn it aborts.
     */
    synchronized void atomically(Runnable frames) {
        frames.run();
    }

    synchronized void seal() {
        sealed = true;
        try {
            out.flush();
        } catch (IOException e) {
            // already closed: nothing left to flush
        }
    }

    private void pause() {
        try {
            Thread.sleep(slowMs);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
