package dev.peersteam.coordinator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.peersteam.journal.JournalEntry;
import dev.peersteam.journal.JournalRecord;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The journal folded record by record: what a resume needs, and only that. */
class RecoveryFoldTest {
    private long seq;

    private Recovery fold(JournalRecord... records) {
        Recovery.Fold fold = new Recovery.Fold();
        for (JournalRecord record : records) {
            fold.accept(new JournalEntry(++seq, Instant.EPOCH, record));
        }
        return fold.recovery();
    }

    @Test
    void settledMessagesAreForgottenAndOpenOnesComeBackInOrder() {
        Recovery recovery = fold(
                new JournalRecord.MessagePosted("m1", "lead", "qa", "one"),
                new JournalRecord.MessagePosted("m2", "lead", "qa", "two"),
                new JournalRecord.MessagePosted("m3", "lead", "human", "for you"),
                new JournalRecord.MessagePosted("m4", "lead", "qa", "four"),
                new JournalRecord.MessageDelivered("m1", "qa"),
                new JournalRecord.MessageFailed("m2", "qa", "qa was removed"));

        assertThat(recovery.undelivered()).extracting(Envelope::id).containsExactly("m4");
        assertThat(recovery.cutWork().get("qa")).extracting(Envelope::id).containsExactly("m1");
        assertThat(recovery.fresh()).isFalse();
    }

    @Test
    void aMessageSentAgainAfterItsSessionLostTheRecordIsWorkInHandAgain() {
        Recovery recovery = fold(
                new JournalRecord.MessagePosted("m1", "lead", "qa", "one"),
                new JournalRecord.MessageDelivered("m1", "qa"),
                new JournalRecord.TurnEnded("qa", "s1", 0.01, false, "success"),
                // the next coordinator found m1 missing from the transcript and sent it again
                new JournalRecord.MessageDelivered("m1", "qa"));

        assertThat(recovery.undelivered()).isEmpty();
        assertThat(recovery.finishedWork().get("qa")).extracting(Envelope::id).containsExactly("m1");
        assertThat(recovery.cutWork().get("qa")).extracting(Envelope::id).containsExactly("m1");
    }

    @Test
    void onlyTheOwnersRecordIsAFreshJournal() {
        assertThat(fold(new JournalRecord.JournalCreated("/repo", "me")).fresh())
                .isTrue();
        assertThat(fold().fresh()).isTrue();
        assertThat(fold(new JournalRecord.RoleStopped("qa", "budget")).fresh()).isFalse();
    }

    @Test
    void onlyTheLatestFinishedMessagesOfARoleAreKeptToCheckAgainstItsTranscript() {
        Recovery.Fold fold = new Recovery.Fold();
        fold.accept(new JournalEntry(++seq, Instant.EPOCH, new JournalRecord.SessionLaunched("qa", "s1", 1, false)));
        int total = Recovery.Fold.FINISHED_KEPT + 500;
        for (int i = 1; i <= total; i++) {
            String id = "m" + i;
            for (JournalRecord record : List.of(
                    new JournalRecord.MessagePosted(id, "lead", "qa", "work " + i),
                    new JournalRecord.MessageDelivered(id, "qa"),
                    new JournalRecord.TurnEnded("qa", "s1", 0.01 * i, false, "success"))) {
                fold.accept(new JournalEntry(++seq, Instant.EPOCH, record));
            }
        }
        List<Envelope> kept = fold.recovery().finishedWork().get("qa");
        assertThat(kept).hasSize(Recovery.Fold.FINISHED_KEPT);
        assertThat(kept.getFirst().id()).isEqualTo("m501");
        assertThat(kept.getLast().id()).isEqualTo("m" + total);
    }
}
