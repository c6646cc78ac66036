package dev.peersteam.control;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * A message from the person, journaled under {@code id}: written to {@code to}'s session at once ({@code sent}), or
 * waiting until it is ready ({@code queued}).
 */
public record SentMessage(String to, String id, Status status) {

    public enum Status {
        SENT,
        QUEUED;

        @JsonValue
        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}
