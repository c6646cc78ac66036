package dev.peersteam.coordinator;

/** A message between roles; {@code id} is the uuid the target CLI reports back in its lifecycle frames. */
public record Envelope(String id, String from, String to, String text) {
    /** What the target session reads: the sender first, so the model knows who is talking. */
    public String asPrompt() {
        return "[from " + from + "] " + text;
    }
}
