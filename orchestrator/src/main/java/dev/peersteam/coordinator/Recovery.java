package dev.peersteam.coordinator;

import dev.peersteam.board.BoardEvent;
import dev.peersteam.journal.JournalEntry;
import dev.peersteam.journal.JournalRecord;
import dev.peersteam.journal.JournalReplay;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

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
        List<EndedTurn> turns,
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

    /** A turn's end as the journal has it, and when it was written: the hourly budget's window is rebuilt from them. */
    public record EndedTurn(Instant at, JournalRecord.TurnEnded turn) {}

    public static Recovery none() {
        return new Recovery(
                Map.of(), List.of(), Map.of(), Map.of(), List.of(), Map.of(), List.of(), true, List.of(), List.of());
    }

    /** Everything the journal at {@code file} says, folded (for tests and tools; {@code up} folds as it reads). */
    public static Recovery read(Path file) {
        Fold fold = new Fold();
        JournalReplay.read(file, fold);
        return fold.recovery();
    }

    /**
     * Folds journal entries in order into a {@link Recovery}, keeping only what a resume needs: a message is kept
     * until it is settled, so the memory is the team's open state, not the journal's length.
     */
    public static final class Fold implements Consumer<JournalEntry> {
        private final Map<String, String> sessions = new LinkedHashMap<>();
        /** Posted and not yet settled. */
        private final Map<String, Envelope> open = new LinkedHashMap<>();

        private final Map<String, List<Envelope>> startedSinceTurn = new LinkedHashMap<>();
        /**
         * The latest turns of the role's current session that ended well, not only its last: the journal does not say
         * which the transcript has (a launch checked them, but its re-sends may not have gone out before the next
         * crash), and several turns fit in the CLI's transcript lag. The launch checks them against the transcript.
         * Only the last {@link #FINISHED_KEPT} messages per role: the lag is under a second, so older turns are on
         * disk, and keeping all of a long session's messages would make a long journal cost its length again.
         */
        private final Map<String, Map<String, Envelope>> finished = new LinkedHashMap<>();

        static final int FINISHED_KEPT = 1_000;

        private final List<EndedTurn> turns = new ArrayList<>();
        private final Map<String, String> stopped = new LinkedHashMap<>();
        private final List<BoardEvent> board = new ArrayList<>();
        private final Map<String, Launch> launches = new LinkedHashMap<>();
        private final List<JournalRecord> claims = new ArrayList<>();
        private boolean fresh = true;

        @Override
        public void accept(JournalEntry entry) {
            if (!(entry.record() instanceof JournalRecord.JournalCreated)) {
                fresh = false;
            }
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
                    open.put(message.id(), new Envelope(message.id(), message.from(), message.to(), message.text()));
                case JournalRecord.MessageDelivered done -> {
                    // Settled before only when a session lost its record of a finished turn and was sent it again.
                    Envelope envelope = open.containsKey(done.id())
                            ? open.remove(done.id())
                            : finished.getOrDefault(done.to(), Map.of()).get(done.id());
                    if (envelope != null && !envelope.to().equals(Address.HUMAN)) {
                        startedSinceTurn
                                .computeIfAbsent(done.to(), r -> new ArrayList<>())
                                .add(envelope);
                    }
                }
                case JournalRecord.MessageFailed failed -> open.remove(failed.id());
                case JournalRecord.TurnEnded turn -> {
                    turns.add(new EndedTurn(entry.ts(), turn));
                    if (!turn.error()) {
                        List<Envelope> done = startedSinceTurn.remove(turn.role()); // the work it took up is done
                        if (done != null) {
                            Map<String, Envelope> ofRole =
                                    finished.computeIfAbsent(turn.role(), r -> new LinkedHashMap<>());
                            done.forEach(e -> ofRole.put(e.id(), e));
                            for (var it = ofRole.keySet().iterator(); ofRole.size() > FINISHED_KEPT; ) {
                                it.next();
                                it.remove(); // the oldest first: a LinkedHashMap keeps the order they finished in
                            }
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

        public Recovery recovery() {
            List<Envelope> undelivered = open.values().stream()
                    .filter(e -> !e.to().equals(Address.HUMAN))
                    .toList();
            Map<String, List<Envelope>> cut = new LinkedHashMap<>();
            startedSinceTurn.forEach((role, work) -> cut.put(role, List.copyOf(work)));
            return new Recovery(
                    Map.copyOf(sessions),
                    undelivered,
                    Map.copyOf(cut),
                    finishedByRole(),
                    List.copyOf(turns),
                    Map.copyOf(stopped),
                    List.copyOf(board),
                    fresh,
                    List.copyOf(launches.values()),
                    List.copyOf(claims));
        }

        private Map<String, List<Envelope>> finishedByRole() {
            Map<String, List<Envelope>> byRole = new LinkedHashMap<>();
            finished.forEach((role, work) -> byRole.put(role, List.copyOf(work.values())));
            return Map.copyOf(byRole);
        }
    }
}
