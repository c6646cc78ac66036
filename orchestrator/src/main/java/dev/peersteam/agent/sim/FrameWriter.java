package dev.peersteam.agent.sim;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Writes the agent's stdout: one JSON object per line, flushed at once, from whichever thread has something to
 * say (the turn thread, and the stdin reader answering control requests). Applies the output faults: a delay before
 * each frame and garbage lines every N frames. Conversation frames ({@code assistant}, {@code user}) also go to the
 * {@link Transcript}, right after stdout. Once {@linkplain #seal sealed} (the process is exiting) nothing more goes
 * out: a write then throws {@link AgentHalted}. When the host has closed stdout (it died), frames are dropped and the
 * turn goes on, transcript and all, as the real CLI's does: it ends with the turn, at the end of input.
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
    private boolean hostGone;
    private Transcript transcript;

    FrameWriter(OutputStream out, Faults faults) {
        this.out = out;
        this.slowMs = faults.slow();
        this.garbageEvery = faults.garbage();
    }

    /** Where conversation frames are also kept. */
    synchronized void transcript(Transcript transcript) {
        this.transcript = transcript;
    }

    void write(JsonNode frame) {
        if (slowMs > 0 && !hostGone) {
            pause();
        }
        byte[] line = (frame.toString() + "\n").getBytes(StandardCharsets.UTF_8);
        synchronized (this) {
            if (sealed) {
                throw new AgentHalted("the agent has exited");
            }
            if (!hostGone) {
                try {
                    out.write(line);
                    frames++;
                    if (garbageEvery > 0 && frames % garbageEvery == 0) {
                        out.write(GARBAGE);
                    }
                    out.flush();
                } catch (IOException e) {
                    hostGone = true; // the host closed our stdout (it died): the turn goes on without it
                }
            }
            String type = frame.path("type").asText();
            if (transcript != null && (type.equals("assistant") || type.equals("user"))) {
                transcript.conversation(frame);
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
