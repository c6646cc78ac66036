package dev.peersteam.git;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Boils the patch of one file down to a few lines for a message to a role: {@code +12 -3 (new file)}, then the first
 * lines of its hunks. Bounded in lines and in line length, so a generated or minified file cannot flood a prompt.
 */
final class PatchSummary {
    /** Longer lines are cut: a minified line can be megabytes long. */
    static final int MAX_LINE_LENGTH = 160;

    private PatchSummary() {}

    /**
     * @param patch the output of {@code git diff --patch} limited to one file (or to the two sides of a rename)
     * @param maxLines how many lines of hunks to keep after the first line; 0 keeps only the counts
     */
    static String of(String patch, int maxLines) {
        if (patch.isBlank()) {
            return "no changes";
        }
        int added = 0;
        int removed = 0;
        Set<String> notes = new LinkedHashSet<>();
        List<String> hunks = new ArrayList<>();
        boolean inHunk = false;
        for (String line : patch.lines().toList()) {
            if (line.startsWith("diff --git ")) {
                inHunk = false; // a second file: a rename git did not pair shows as a deletion and an addition
            } else if (inHunk || line.startsWith("@@")) {
                // Hunk lines start with ' ', '+', '-', '\' or '@@': a "--- x" here is content, not a header.
                inHunk = true;
                hunks.add(line);
                if (line.startsWith("+")) {
                    added++;
                } else if (line.startsWith("-")) {
                    removed++;
                }
            } else if (line.startsWith("new file mode")) {
                notes.add("new file");
            } else if (line.startsWith("deleted file mode")) {
                notes.add("deleted");
            } else if (line.startsWith("rename from ")) {
                notes.add("renamed from " + line.substring("rename from ".length()));
            } else if (line.startsWith("Binary files ")) {
                notes.add("binary");
            }
        }
        StringBuilder summary = new StringBuilder("+" + added + " -" + removed);
        if (!notes.isEmpty()) {
            summary.append(" (").append(String.join(", ", notes)).append(')');
        }
        int kept = Math.min(Math.max(maxLines, 0), hunks.size());
        hunks.subList(0, kept).forEach(line -> summary.append('\n').append(cut(line)));
        if (kept < hunks.size()) {
            int more = hunks.size() - kept;
            summary.append("\n… ").append(more).append(more == 1 ? " more line" : " more lines");
        }
        return summary.toString();
    }

    private static String cut(String line) {
        if (line.length() <= MAX_LINE_LENGTH) {
            return line;
        }
        int end = MAX_LINE_LENGTH;
        if (Character.isHighSurrogate(line.charAt(end - 1))) {
            end--; // do not split a character outside the basic plane
        }
        return line.substring(0, end) + "…";
    }
}
