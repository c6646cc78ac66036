package dev.peersteam.journal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What a journal file holds, read back. A last line without its newline, or that does not parse, is a write cut
 * short by a crash: it is left out and reported, never fatal. A bad line in the middle is skipped and reported too,
 * so one damaged record does not cost the rest.
 */
public record JournalReplay(List<JournalEntry> entries, long validBytes, List<String> warnings) {

    public static JournalReplay empty() {
        return new JournalReplay(List.of(), 0, List.of());
    }

    public long lastSeq() {
        return entries.isEmpty() ? 0 : entries.getLast().seq();
    }

    public static JournalReplay read(Path file) {
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            bytes = in.readAllBytes();
        } catch (NoSuchFileException e) {
            return empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the journal " + file, e);
        }
        List<JournalEntry> entries = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        int start = 0;
        int lineNo = 0;
        long valid = 0;
        while (start < bytes.length) {
            lineNo++;
            int end = indexOf(bytes, (byte) '\n', start);
            boolean complete = end >= 0;
            int stop = complete ? end : bytes.length;
            String line = new String(bytes, start, stop - start, StandardCharsets.UTF_8);
            if (!complete) {
                warnings.add(file + ":" + lineNo + ": the last record was cut short (" + (stop - start)
                        + " bytes, probably a crash while writing); it is ignored");
                break;
            }
            if (!line.isBlank()) {
                try {
                    entries.add(Journal.decode(line));
                } catch (IOException | RuntimeException e) {
                    boolean last = end + 1 >= bytes.length;
                    warnings.add(file + ":" + lineNo + ": unreadable record skipped" + (last ? " (last line)" : "")
                            + ": " + e.getMessage());
                    if (last) {
                        break;
                    }
                }
            }
            start = end + 1;
            valid = start;
        }
        return new JournalReplay(List.copyOf(entries), valid, List.copyOf(warnings));
    }

    private static int indexOf(byte[] bytes, byte b, int from) {
        for (int i = from; i < bytes.length; i++) {
            if (bytes[i] == b) {
                return i;
            }
        }
        return -1;
    }
}
