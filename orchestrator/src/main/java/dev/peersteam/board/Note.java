package dev.peersteam.board;

import java.time.Instant;
import java.util.Objects;

/** A line of a task's history, written by a role or the human: progress, a reason for blocking, a review. */
public record Note(String by, @IsoInstant Instant at, String text) {
    public Note {
        Objects.requireNonNull(by, "by");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(text, "text");
    }
}
