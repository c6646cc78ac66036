package dev.peersteam.coordinator;

import dev.peersteam.board.BoardEvent;
import dev.peersteam.journal.JournalEntry;
import dev.peersteam.journal.JournalRecord;
import dev.peersteam.journal.JournalReplay;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a new coordinator takes over from the journal of an earlier one: each role's Claude Code session (to
 * {@code --resume}), the messages that were never taken up (to re-send with the same id), costs so far, and the
 * roles that were stopped for good.
 */
public record Recovery(
        Map<String, String> sessionIds,
        List<Envelope> undelivered,
        List<JournalRecord.TurnEnded> turns,
        Map<String, String> stoppedRoles,
        List<BoardEvent> board,
        boolean fresh,
        List<Process> processes,
        List<JournalRecord> claims) {

    /** A session process an earlier coordinator started, and when it recorded it. */
    public record Process(String role, long pid, java.time.Instant recordedAt) {}

    public Recovery(
            Map<String, String> sessionIds,
            List<Envelope> undelivered,
            List<JournalRecord.TurnEnded> turns,
            Map<String, String> stoppedRoles,
            List<BoardEvent> board,
            boolean fresh) {
        this(sessionIds, undelivered, turns, stoppedRoles, board, fresh, List.of(), List.of());
    }

    public static Recovery none() {
        return new Recovery(Map.of(), List.of(), List.of(), Map.of(), List.of(), true);
    }

    public static Recovery from(JournalReplay replay) {
        Map<String, String> sessions = new LinkedHashMap<>();
        Map<String, Envelope> posted = new LinkedHashMap<>();
        Set<String> delivered = new HashSet<>();
        List<JournalRecord.TurnEnded> turns = new ArrayList<>();
        Map<String, String> stopped = new LinkedHashMap<>();
        List<BoardEvent> board = new ArrayList<>();
        Map<String, Process> processes = new LinkedHashMap<>();
        List<JournalRecord> claims = new ArrayList<>();
        for (JournalEntry entry : replay.entries()) {
            switch (entry.record()) {
                case JournalRecord.SessionStarted started -> {
                    sessions.put(started.role(), started.sessionId());
                    processes.put(started.role(), new Process(started.role(), started.pid(), entry.ts()));
                }
                case JournalRecord.MessagePosted message ->
                    posted.put(message.id(), new Envelope(message.id(), message.from(), message.to(), message.text()));
                case JournalRecord.MessageDelivered done -> delivered.add(done.id());
                case JournalRecord.TurnEnded turn -> turns.add(turn);
                case JournalRecord.RoleStopped role -> stopped.put(role.role(), role.reason());
                case JournalRecord.SessionExited exited -> processes.remove(exited.role());
                case JournalRecord.BoardChanged change -> board.add(change.change());
                case JournalRecord.FilesClaimed claimed -> claims.add(claimed);
                case JournalRecord.FilesReleased released -> claims.add(released);
            }
        }
        List<Envelope> undelivered = posted.values().stream()
                .filter(e -> !delivered.contains(e.id()) && !e.to().equals(Messenger.HUMAN))
                .toList();
        return new Recovery(
                Map.copyOf(sessions),
                undelivered,
                List.copyOf(turns),
                Map.copyOf(stopped),
                List.copyOf(board),
                replay.entries().isEmpty(),
                List.copyOf(processes.values()),
                List.copyOf(claims));
    }
}
