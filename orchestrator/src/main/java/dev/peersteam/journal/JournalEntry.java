package dev.peersteam.journal;

import java.time.Instant;

/** A record with its place in the journal: sequence number and time of appending. */
public record JournalEntry(long seq, Instant ts, JournalRecord record) {}
