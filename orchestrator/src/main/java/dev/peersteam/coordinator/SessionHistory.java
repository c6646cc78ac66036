package dev.peersteam.coordinator;

import java.nio.file.Path;
import java.util.Set;

/**
 * What a session's own record (the CLI's transcript) says it has, asked before a session is resumed: whether it
 * exists at all, and which of our messages are in it, in whatever form the CLI took them (a turn of its own, folded
 * into a running turn, merged with another queued message). The journal can lag behind the CLI by one batch when the
 * coordinator dies; the transcript cannot, so it decides what is sent again. Read at the edge; cheap enough to call
 * on the loop (a local file, once per resume).
 */
@FunctionalInterface
public interface SessionHistory {
    sealed interface Found {
        /** No way to tell (e.g. an agent that keeps no transcript): trust the journal. */
        record Unknown() implements Found {}

        /** The session has no transcript: it never took a message, so it cannot be resumed; start a new one. */
        record Absent() implements Found {}

        /** The transcript holds these message ids (ours, among others). */
        record Present(Set<String> messageIds) implements Found {
            public Present {
                messageIds = Set.copyOf(messageIds);
            }
        }
    }

    /** @param cwd the session's working directory (the CLI files transcripts by it) */
    Found lookUp(String role, String sessionId, Path cwd);

    SessionHistory UNKNOWN = (role, sessionId, cwd) -> new Found.Unknown();
}
