package dev.peersteam.coordinator;

import dev.peersteam.team.ReservedNames;

/**
 * Where a message is sent: one role, every other running role, or the person running the team. Parsed once where
 * a message comes in (the {@code send_message} tool, the {@code send} verb), so the rest of the loop never compares
 * strings with "all" or "human".
 */
sealed interface Address {
    /** The name "human" stands for the person; in the journal and the live log too. */
    String HUMAN = ReservedNames.HUMAN;

    String ALL = ReservedNames.ALL;

    record Role(String name) implements Address {}

    record All() implements Address {}

    record Human() implements Address {}

    static Address parse(String to) {
        return switch (to) {
            case HUMAN -> new Human();
            case ALL -> new All();
            default -> new Role(to);
        };
    }
}
