package dev.peersteam.runtime;

import dev.peersteam.git.GitRepo;
import dev.peersteam.journal.JournalRecord;
import dev.peersteam.journal.JournalReplay;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Whose journal this is: the repository it belongs to and the user who runs the team. The first record of every
 * journal says so; a journal written for another repository path (a copied or moved checkout) or by another user is
 * refused instead of replayed, since replaying it would resume sessions and re-send messages that belong elsewhere.
 */
record JournalOwner(String repo, String user) {

    static JournalOwner current(GitRepo repo) {
        return new JournalOwner(repo.topLevel().toString(), System.getProperty("user.name"));
    }

    JournalRecord.JournalCreated record() {
        return new JournalRecord.JournalCreated(repo, user);
    }

    /** @throws TeamRuntime.StartFailure when the journal is not this repository's and this user's */
    void check(Path file, JournalReplay replay) {
        if (replay.isEmpty()) {
            return;
        }
        try {
            String fileOwner = Files.getOwner(file).getName();
            if (!fileOwner.equals(user)) {
                throw refuse(file, "it belongs to user " + fileOwner + ", and you are " + user);
            }
        } catch (IOException e) {
            throw new TeamRuntime.StartFailure("cannot read the owner of the journal " + file + ": " + e.getMessage());
        }
        if (replay.first().orElse(null) instanceof JournalRecord.JournalCreated created) {
            if (!created.repo().equals(repo)) {
                throw refuse(
                        file,
                        "it was written for the repository at " + created.repo() + ", and this one is at " + repo
                                + " (a copied or moved checkout?)");
            }
            if (!created.user().equals(user)) {
                throw refuse(file, "it was written by user " + created.user() + ", and you are " + user);
            }
        }
        // A journal of an earlier version has no such record; its owner was checked above.
    }

    private static TeamRuntime.StartFailure refuse(Path file, String why) {
        return new TeamRuntime.StartFailure("the journal " + file + " is not this team's to resume: " + why + "."
                + " Move it aside (mv " + file + " " + file + ".old) to start the team afresh, or run the team from"
                + " where the journal was written.");
    }
}
