package dev.peersteam.journal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.peersteam.protocol.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * The append-only journal file. {@link #append} only buffers; {@link #sync} writes the buffer and forces it to
 * disk, so a caller that appends a batch of events and then syncs pays one fsync for the whole batch (group
 * commit). The coordinator syncs before any effect of the batch leaves the process.
 */
public final class Journal implements AutoCloseable {
    static final int VERSION = 1;

    private final FileChannel channel;
    private final Clock clock;
    private final StringBuilder pending = new StringBuilder();
    private long nextSeq;

    private Journal(FileChannel channel, Clock clock, long nextSeq) {
        this.channel = channel;
        this.clock = clock;
        this.nextSeq = nextSeq;
    }

    /**
     * Opens the journal for appending after {@code replay} has read it. A torn last line (a crash mid-write) is cut
     * off first, so the next record starts on a line of its own.
     */
    public static Journal open(Path file, JournalReplay replay, Clock clock) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            FileChannel channel = FileChannel.open(
                    file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.READ);
            if (channel.size() > replay.validBytes()) {
                channel.truncate(replay.validBytes());
                channel.force(true);
            }
            channel.position(replay.validBytes());
            return new Journal(channel, clock, replay.lastSeq() + 1);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the journal " + file, e);
        }
    }

    /** Buffers a record; it is durable only after the next {@link #sync}. Returns the entry as written. */
    public JournalEntry append(JournalRecord record) {
        JournalEntry entry = new JournalEntry(nextSeq++, clock.instant(), record);
        pending.append(encode(entry)).append('\n');
        return entry;
    }

    public boolean hasPending() {
        return !pending.isEmpty();
    }

    /** Writes everything appended so far and fsyncs it (data only: the file's size is part of its data). */
    public void sync() {
        if (pending.isEmpty()) {
            return;
        }
        ByteBuffer bytes = StandardCharsets.UTF_8.encode(pending.toString());
        long before;
        try {
            before = channel.position();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the journal", e);
        }
        try {
            while (bytes.hasRemaining()) {
                channel.write(bytes);
            }
            channel.force(false);
        } catch (IOException e) {
            // Nothing of this batch counts as written: cut what may have reached the file and keep the records, so a
            // later sync (after space was freed, say) writes them whole, and no torn record sits mid-file.
            try {
                channel.truncate(before);
                channel.position(before);
            } catch (IOException ignored) {
                // the file is beyond repair from here; the replay cuts a torn tail
            }
            throw new UncheckedIOException("cannot write the journal: " + e.getMessage(), e);
        }
        pending.setLength(0);
    }

    @Override
    public void close() {
        try {
            sync();
        } finally {
            try {
                channel.close();
            } catch (IOException ignored) {
                // nothing more can be saved
            }
        }
    }

    static String encode(JournalEntry entry) {
        ObjectNode node = Json.object();
        node.put("v", VERSION);
        node.put("seq", entry.seq());
        node.put("ts", entry.ts().toString());
        node.setAll((ObjectNode) Json.MAPPER.valueToTree(entry.record()));
        return node.toString();
    }

    /**
     * One line of a journal, for a reader that follows the file as it grows ({@code board --watch}); empty for a line
     * it cannot read (cut short by a crash, or a record of a newer peers-team), which such a reader skips.
     */
    public static Optional<JournalEntry> readLine(String line) {
        try {
            return Optional.of(decode(line));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    static JournalEntry decode(String line) throws IOException {
        ObjectNode node = (ObjectNode) Json.MAPPER.readTree(line);
        int version = node.path("v").asInt(-1);
        if (version != VERSION) {
            throw new IOException("unsupported journal record version " + version);
        }
        long seq = node.path("seq").asLong();
        Instant ts = Instant.parse(node.path("ts").asText());
        node.remove(java.util.List.of("v", "seq", "ts"));
        return new JournalEntry(seq, ts, Json.MAPPER.treeToValue(node, JournalRecord.class));
    }
}
