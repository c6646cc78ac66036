package dev.peersteam.journal;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import dev.peersteam.board.BoardEvent;
import java.util.List;

/**
 * One event in {@code .peers/journal.jsonl}. The journal is the team's memory: every message is recorded here
 * before it is written to an agent, so a crash can lose nothing that was acknowledged.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = JournalRecord.MessagePosted.class, name = "message"),
    @JsonSubTypes.Type(value = JournalRecord.MessageDelivered.class, name = "delivered"),
    @JsonSubTypes.Type(value = JournalRecord.MessageFailed.class, name = "message_failed"),
    @JsonSubTypes.Type(value = JournalRecord.SessionLaunched.class, name = "session_launched"),
    @JsonSubTypes.Type(value = JournalRecord.JournalCreated.class, name = "journal_created"),
    @JsonSubTypes.Type(value = JournalRecord.SessionStarted.class, name = "session_started"),
    @JsonSubTypes.Type(value = JournalRecord.TurnEnded.class, name = "turn_ended"),
    @JsonSubTypes.Type(value = JournalRecord.SessionExited.class, name = "session_exited"),
    @JsonSubTypes.Type(value = JournalRecord.RoleStopped.class, name = "role_stopped"),
    @JsonSubTypes.Type(value = JournalRecord.BoardChanged.class, name = "board"),
    @JsonSubTypes.Type(value = JournalRecord.FilesClaimed.class, name = "files_claimed"),
    @JsonSubTypes.Type(value = JournalRecord.FilesReleased.class, name = "files_released"),
})
public sealed interface JournalRecord {

    /** A message from a role (or "human") to a role or to "human"; {@code id} is the uuid the agent sees. */
    record MessagePosted(String id, String from, String to, String text) implements JournalRecord {}

    /** The target's CLI reported that it started on the message (not merely that it was written). */
    record MessageDelivered(String id, String to) implements JournalRecord {}

    /** The message was given up: its target's CLI refused or kept dropping it, or the role left the team. */
    record MessageFailed(String id, String to, String reason) implements JournalRecord {}

    /**
     * A role's agent process was started for session {@code sessionId} (chosen by us for a new one, or resumed):
     * journaled before the session is sent anything, so that a later coordinator finds and stops it if it outlives
     * us. Its command line carries the session id, which is how a leftover is recognised as ours.
     */
    record SessionLaunched(String role, String sessionId, long pid, boolean resumed) implements JournalRecord {}

    /**
     * The first record of every journal: whose it is. A journal of another repository path or another user (copied,
     * moved, or planted) is refused instead of replayed.
     */
    record JournalCreated(String repo, String user) implements JournalRecord {}

    /** A role's process reported its Claude Code session id: the key for {@code --resume}. */
    record SessionStarted(String role, String sessionId, long pid) implements JournalRecord {}

    /** A turn ended; {@code totalCostUsd} is the session's running total as the CLI reports it. */
    record TurnEnded(String role, String sessionId, double totalCostUsd, boolean error, String subtype)
            implements JournalRecord {}

    record SessionExited(String role, int exitCode, boolean expected) implements JournalRecord {}

    /** A fact about the task board; the board is the fold of these. */
    record BoardChanged(BoardEvent change) implements JournalRecord {}

    /** A role claimed paths (advisory): whoever else edits them is told. */
    record FilesClaimed(String role, List<String> paths, String reason) implements JournalRecord {}

    record FilesReleased(String role, List<String> paths) implements JournalRecord {}

    /** The coordinator stopped a role for good (its budget, or too many crashes); it is not restarted on resume. */
    record RoleStopped(String role, String reason) implements JournalRecord {}
}
