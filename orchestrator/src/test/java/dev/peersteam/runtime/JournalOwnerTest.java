package dev.peersteam.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.peersteam.journal.Journal;
import dev.peersteam.journal.JournalRecord;
import dev.peersteam.journal.JournalReplay;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A journal is replayed only by the repository and the user it was written for. */
class JournalOwnerTest {
    @TempDir
    Path dir;

    private final JournalOwner here = new JournalOwner("/work/repo", System.getProperty("user.name"));

    private Path journalWith(JournalRecord first) {
        Path file = dir.resolve("journal.jsonl");
        try (Journal journal = Journal.open(file, JournalReplay.empty(), Clock.systemUTC())) {
            journal.append(first);
            journal.append(new JournalRecord.MessagePosted("m1", "human", "api", "hello"));
        }
        return file;
    }

    @Test
    void itsOwnJournalIsReplayed() {
        Path file = journalWith(here.record());
        here.check(file, JournalReplay.read(file));
    }

    @Test
    void aJournalOfAnotherCheckoutIsRefusedWithWhatToDo() {
        Path file = journalWith(new JournalRecord.JournalCreated("/home/someone/old-copy", here.user()));
        assertThatThrownBy(() -> here.check(file, JournalReplay.read(file)))
                .isInstanceOf(TeamRuntime.StartFailure.class)
                .hasMessageContaining("/home/someone/old-copy")
                .hasMessageContaining("copied or moved")
                .hasMessageContaining("mv " + file);
    }

    @Test
    void aJournalOfAnotherUserIsRefused() {
        Path file = journalWith(new JournalRecord.JournalCreated(here.repo(), "mallory"));
        assertThatThrownBy(() -> here.check(file, JournalReplay.read(file)))
                .isInstanceOf(TeamRuntime.StartFailure.class)
                .hasMessageContaining("mallory");
    }

    @Test
    void aJournalFileOwnedBySomeoneElseIsRefusedEvenWithoutARecordOfItsOwner() throws Exception {
        Path file = journalWith(new JournalRecord.MessagePosted("m0", "human", "api", "an old journal"));
        UserPrincipal nobody;
        try {
            nobody = file.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("nobody");
            Files.setOwner(file, nobody);
        } catch (Exception e) {
            return; // not root, or no such user here: the owner of a file can then only be the user themself
        }
        assertThatThrownBy(() -> here.check(file, JournalReplay.read(file)))
                .isInstanceOf(TeamRuntime.StartFailure.class)
                .hasMessageContaining("belongs to user nobody");
    }

    @Test
    void aJournalOfAnEarlierVersionWithoutItsOwnerRecordIsReplayed() {
        Path file = journalWith(new JournalRecord.MessagePosted("m0", "human", "api", "old"));
        here.check(file, JournalReplay.read(file));
        assertThat(JournalReplay.read(file).entries()).hasSize(2);
    }
}
