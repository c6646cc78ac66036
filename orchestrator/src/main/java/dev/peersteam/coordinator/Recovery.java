package dev.peersteam.coordinator;

import dev.peersteam.board.BoardEvent;
import dev.peersteam.journal.JournalEntry;
import dev.peersteam.journal.JournalRecord;
import dev.peersteam.journal.JournalReplay;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a new coordinator takes over from the journal of an earlier one: each role's Claude Code session (to
 * {@code --resume}), the messages that were never taken up (to send again with the same id, unless the session's
 * transcript shows it has them), the work each role had started on and not finished (to tell it, when a turn was cut
 * off), the messages of each role's finished turns (to check its transcript has them), costs so far, the roles that
 * were stopped for good, and the processes that may still be running.
 */
public record Recovery(
        Map<String, String> sessionIds,
        List<Envelope> undelivered,
        Map<String, List<Envelope>> cutWork,
        Map<String, List<Envelope>> finishedWork,
        List<JournalRecord.TurnEnded> turns,
        Map<String, String> stoppedRoles,
        List<BoardEvent> board,
        boolean fresh,
        List<Launch> launches,
        List<JournalRecord> claims) {

    /**
     * A session process an earlier coordinator started and never saw exit: it may outlive that coordinator (a CLI
     * whose host died finishes its model call first). Its command line carries {@code sessionId}.
     */
    public record Launch(String role, String sessionId, long pid, Instant recordedAt) {}

    public static Recovery none() {
        return new Recovery(
                Map.of(), List.of(), Map.of(), Map.of(), List.of(), Map.of(), List.of(), true, List.of(), List.of());
    }

    public static Recovery from(JournalReplay replay) {
        Map<String, String> sessions = new LinkedHashMap<>();
        Map<String, Envelope> posted = new LinkedHashMap<>();
        Set<String> settled = new HashSet<>();
        Map<String, List<Envelope>> startedSinceTurn = new LinkedHashMap<>();
        // Every turn of the role's current session that ended well, not only its last: the journal does not say which
        // the transcript has (a launch checked them, but its re-sends may not have gone out before the next crash),
        // and several turns fit in the CLI's transcript lag. The launch checks them all against the transcript.
        Map<String, Map<String, Envelope>> finished = new LinkedHashMap<>();
        List<JournalRecord.TurnEnded> turns = new ArrayList<>();
        Map<String, String> stopped = new LinkedHashMap<>();
        List<BoardEvent> board = new ArrayList<>();
        Map<String, Launch> launches = new LinkedHashMap<>();
        List<JournalRecord> claims = new ArrayList<>();
        for (JournalEntry entry : replay.entries()) {
            switch (entry.record()) {
                case JournalRecord.JournalCreated created -> {}
                case JournalRecord.SessionLaunched launched -> {
                    String before = sessions.put(launched.role(), launched.sessionId());
                    if (before != null && !before.equals(launched.sessionId())) {
                        finished.remove(launched.role()); // a new conversation: the old one's turns are not in it
                    }
                    launches.put(
                            launched.role(),
                            new Launch(launched.role(), launched.sessionId(), launched.pid(), entry.ts()));
                }
                case JournalRecord.SessionStarted started -> {
                    sessions.put(started.role(), started.sessionId());
                    // journals of earlier versions record the process only here
                    launches.putIfAbsent(
                            started.role(), new Launch(started.role(), started.sessionId(), started.pid(), entry.ts()));
                }
                case JournalRecord.MessagePosted message ->
                    posted.put(message.id(), new Envelope(message.id(), message.from(), message.to(), message.text()));
                case JournalRecord.MessageDelivered done -> {
                    settled.add(done.id());
                    Envelope envelope = posted.get(done.id());
                    if (envelope != null && !envelope.to().equals(Address.HUMAN)) {
                        startedSinceTurn
                                .computeIfAbsent(done.to(), r -> new ArrayList<>())
                                .add(envelope);
                    }
                }
                case JournalRecord.MessageFailed failed -> settled.add(failed.id());
                case JournalRecord.TurnEnded turn -> {
                    turns.add(turn);
                    if (!turn.error()) {
                        List<Envelope> done = startedSinceTurn.remove(turn.role()); // the work it took up is done
                        if (done != null) {
                            Map<String, Envelope> ofRole =
                                    finished.computeIfAbsent(turn.role(), r -> new LinkedHashMap<>());
                            done.forEach(e -> ofRole.put(e.id(), e));
                        }
                    }
                }
                case JournalRecord.RoleStopped role -> stopped.put(role.role(), role.reason());
                case JournalRecord.SessionExited exited -> launches.remove(exited.role());
                case JournalRecord.BoardChanged change -> board.add(change.change());
                case JournalRecord.FilesClaimed claimed -> claims.add(claimed);
                case JournalRecord.FilesReleased released -> claims.add(released);
            }
        }
        List<Envelope> undelivered = posted.values().stream()
                .filter(e -> !settled.contains(e.id()) && !e.to().equals(Address.HUMAN))
                .toList();
        Map<String, List<Envelope>> cut = new LinkedHashMap<>();
        startedSinceTurn.forEach((role, work) -> cut.put(role, List.copyOf(work)));
        return new Recovery(
                Map.copyOf(sessions),
                undelivered,
                Map.copyOf(cut),
                finishedByRole(finished),
                List.copyOf(turns),
                Map.copyOf(stopped),
                List.copyOf(board),
                replay.entries().stream().allMatch(e -> e.record() instanceof JournalRecord.JournalCreated),
                List.copyOf(launches.values()),
                List.copyOf(claims));
    }

    private static Map<String, List<Envelope>> finishedByRole(Map<String, Map<String, Envelope>> finished) {
        Map<String, List<Envelope>> byRole = new LinkedHashMap<>();
        finished.forEach((role, work) -> byRole.put(role, List.copyOf(work.values())));
        return Map.copyOf(byRole);
    }
}
