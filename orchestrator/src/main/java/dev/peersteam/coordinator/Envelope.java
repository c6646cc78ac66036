package dev.peersteam.coordinator;

/** A message between roles; {@code id} is the uuid the target CLI reports back in its lifecycle frames. */
public record Envelope(String id, String from, String to, String text) {
    /** What the target session reads: a header that names the sender and the message, then the text. */
    public String asPrompt() {
        return MessageFraming.frame(this);
    }
}
