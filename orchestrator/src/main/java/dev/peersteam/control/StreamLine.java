package dev.peersteam.control;

/** A line a subscriber reads ({@link ControlCodec#decodeStreamLine}). */
public sealed interface StreamLine {

    /** A team event. */
    record Event(TeamEvent event) implements StreamLine {}

    /** An event this client cannot read, most likely of a kind newer than itself: skipped, the stream goes on. */
    record Skipped(String why) implements StreamLine {}

    /** The last line of a stream the server ended with an error ({@code slow_consumer}, {@code shutting_down}). */
    record Ended(ControlResponse.Error error) implements StreamLine {}
}
