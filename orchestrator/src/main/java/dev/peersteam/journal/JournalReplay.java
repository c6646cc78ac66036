package dev.peersteam.journal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A journal file read back, one record at a time: the caller folds each into its state, so reading a long journal
 * costs the state, not the file. A last line without its newline, or that does not parse, is a write cut short by a
 * crash: it is left out and reported, never fatal. A bad line in the middle is skipped and reported too, so one
 * damaged record does not cost the rest.
 *
 * @param records how many records were read
 * @param lastSeq the sequence number of the last one (0 when none)
 * @param validBytes where the last whole record ends: appending starts here
 * @param first the first record, which names the journal's owner in journals of this version
 * @param warnings what was skipped, with file and line
 */
public record JournalReplay(
        long records, long lastSeq, long validBytes, Optional<JournalRecord> first, List<String> warnings) {

    public static JournalReplay empty() {
        return new JournalReplay(0, 0, 0, Optional.empty(), List.of());
    }

    public boolean isEmpty() {
        return records == 0;
    }

    /** Reads {@code file}, handing each record to {@code each} in order. A missing file is an empty journal. */
    public static JournalReplay read(Path file, Consumer<JournalEntry> each) {
        try (InputStream in = Files.newInputStream(file)) {
            return new Reader(file, each).read(in);
        } catch (NoSuchFileException e) {
            return empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the journal " + file, e);
        }
    }

    /** Every record of {@code file}, in a list: for tests and tools that want to look at a small journal whole. */
    public static List<JournalEntry> entries(Path file) {
        List<JournalEntry> entries = new ArrayList<>();
        read(file, entries::add);
        return entries;
    }

    /**
     * Splits the file into lines chunk by chunk. A complete line is decoded only when the next byte is known, because a
     * bad last line is a torn write (cut off: appending starts before it) while a bad line in the middle is skipped.
     */
    private static final class Reader {
        private final Path file;
        private final Consumer<JournalEntry> each;
        private final ByteArrayOutputStream partial = new ByteArrayOutputStream(1024);
        private final List<String> warnings = new ArrayList<>();
        private long records;
        private long lastSeq;
        private JournalRecord first;
        /** The last complete line read and not yet decoded, its number, and where it ends in the file. */
        private String held;

        private int heldLineNo;
        private long heldEnd;
        private long valid;

        Reader(Path file, Consumer<JournalEntry> each) {
            this.file = file;
            this.each = each;
        }

        JournalReplay read(InputStream in) throws IOException {
            byte[] chunk = new byte[1 << 16];
            long chunkStart = 0;
            int lineNo = 0;
            int n;
            while ((n = in.read(chunk)) > 0) {
                int from = 0;
                for (int i = 0; i < n; i++) {
                    if (chunk[i] == '\n') {
                        partial.write(chunk, from, i - from);
                        from = i + 1;
                        decodeHeld(false);
                        held = partial.toString(StandardCharsets.UTF_8);
                        heldLineNo = ++lineNo;
                        heldEnd = chunkStart + i + 1;
                        partial.reset();
                    }
                }
                partial.write(chunk, from, n - from);
                chunkStart += n;
            }
            decodeHeld(partial.size() == 0);
            if (partial.size() > 0) {
                warnings.add(file + ":" + (lineNo + 1) + ": the last record was cut short (" + partial.size()
                        + " bytes, probably a crash while writing); it is ignored");
            }
            return new JournalReplay(records, lastSeq, valid, Optional.ofNullable(first), List.copyOf(warnings));
        }

        private void decodeHeld(boolean last) {
            if (held == null) {
                return;
            }
            String line = held;
            held = null;
            if (!line.isBlank()) {
                JournalEntry entry;
                try {
                    entry = Journal.decode(line);
                } catch (IOException | RuntimeException e) {
                    warnings.add(file + ":" + heldLineNo + ": unreadable record skipped" + (last ? " (last line)" : "")
                            + ": " + e.getMessage());
                    if (last) {
                        return; // a torn write: appending starts where this line starts
                    }
                    valid = heldEnd;
                    return;
                }
                if (first == null) {
                    first = entry.record();
                }
                records++;
                lastSeq = entry.seq();
                each.accept(entry);
            }
            valid = heldEnd;
        }
    }
}
