package dev.peersteam.agent.sim;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Decides, as the real CLI does, what becomes of a user message by its {@code uuid}: a uuid this process has already
 * seen (it ran, is queued, was cancelled, or was answered as known) is dropped without a frame; a uuid the resumed
 * transcript has as an answered {@code user} entry gets {@code completed} alone; one whose turn was never answered
 * runs again; anything else is a new message.
 */
final class Intake {
    enum Decision {
        /** Seen by this process: no frame, no turn. */
        DROP,
        /** In the transcript, answered: {@code completed} without {@code started}, no turn. */
        KNOWN,
        /** A new message: {@code queued}, then a turn. */
        RUN,
        /** In the transcript but unanswered: {@code queued}, then a turn again. */
        RUN_AGAIN
    }

    private final TranscriptHistory history;
    private final Set<String> seen = ConcurrentHashMap.newKeySet();

    Intake(TranscriptHistory history) {
        this.history = history;
    }

    /** The decision for a message with {@code uuid} (null: always a new message). */
    Decision admit(String uuid) {
        if (uuid == null) {
            return Decision.RUN;
        }
        if (!seen.add(uuid)) {
            return Decision.DROP;
        }
        return switch (history.knows(uuid)) {
            case NO -> Decision.RUN;
            case ANSWERED -> Decision.KNOWN;
            case UNANSWERED -> Decision.RUN_AGAIN;
        };
    }
}
