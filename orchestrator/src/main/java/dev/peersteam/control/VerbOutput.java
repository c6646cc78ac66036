package dev.peersteam.control;

import java.util.Objects;

/** The answer to {@link ControlRequest.Verb}: what the verb printed to each stream, and its exit code. */
public record VerbOutput(String out, String err, int exit) implements ControlReply {
    public VerbOutput {
        out = Objects.requireNonNullElse(out, "");
        err = Objects.requireNonNullElse(err, "");
    }
}
