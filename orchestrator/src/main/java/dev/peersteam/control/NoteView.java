package dev.peersteam.control;

import dev.peersteam.board.IsoInstant;
import dev.peersteam.board.Note;
import java.time.Instant;

/** A note on a task in {@link TaskView}: who wrote it, when, and what. */
public record NoteView(String by, @IsoInstant Instant at, String text) {

    static NoteView of(Note note) {
        return new NoteView(note.by(), note.at(), note.text());
    }
}
