package dev.peersteam.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * {@code bench/run --only M --update}: the sections of some measures measured again and put into the existing
 * docs/benchmarks.md, everything else kept as the last full run measured it (a full run takes a quarter of an hour
 * and would replace every figure, with the noise of that hour). What belongs to a measure is found by name: its
 * sections by their heading, its summary rows by their label with the parenthesised counts left out, its line of the
 * conditions table by the measure's name. A section or row not found is added (sections before the conditions).
 */
final class ReportMerge {
    static final String CONDITIONS = "Conditions per measure";
    static final String REMEASURED_NOTE = "Some sections were measured again after that run (`bench/run --only …"
            + " --update`); each of them says when, from which commit and on what machine.";

    /** A measured section: its heading (without "## ") and its body. */
    record Section(String title, String markdown) {}

    /** A line of the conditions table. */
    record Condition(String measure, String took, String loadBefore, String loadAfter) {
        String row() {
            return "| " + measure + " | " + took + " | " + loadBefore + " | " + loadAfter + " |";
        }
    }

    private ReportMerge() {}

    /**
     * {@code existing} with {@code rows}, {@code sections} and {@code conditions} put in place of what it had for them;
     * {@code stamp} opens each new section (when and where it was measured).
     */
    static String merge(
            String existing, List<Report.Row> rows, List<Section> sections, List<Condition> conditions, String stamp) {
        List<List<String>> blocks = blocks(existing);
        List<String> preamble = blocks.getFirst();
        if (preamble.stream().noneMatch(REMEASURED_NOTE::equals)) {
            int at = preamble.size();
            while (at > 0 && preamble.get(at - 1).isBlank()) {
                at--;
            }
            preamble.addAll(at, List.of("", REMEASURED_NOTE));
        }
        for (List<String> block : blocks) {
            if (heading(block).equals("Summary")) {
                putRows(block, rows.stream().map(ReportMerge::row).toList(), ReportMerge::rowKey);
            } else if (heading(block).equals(CONDITIONS)) {
                putRows(block, conditions.stream().map(Condition::row).toList(), ReportMerge::firstCell);
            }
        }
        for (Section section : sections) {
            List<String> fresh = new ArrayList<>();
            fresh.add("## " + section.title());
            fresh.add("");
            fresh.add(stamp);
            fresh.add("");
            fresh.addAll(section.markdown().strip().lines().toList());
            fresh.add("");
            int found = indexOf(blocks, section.title());
            if (found >= 0) {
                blocks.set(found, fresh);
            } else {
                int conditionsAt = indexOf(blocks, CONDITIONS);
                blocks.add(conditionsAt >= 0 ? conditionsAt : blocks.size(), fresh);
            }
        }
        return blocks.stream()
                        .flatMap(List::stream)
                        .collect(Collectors.joining("\n"))
                        .strip() + "\n";
    }

    /** The text before the first heading, then one block per "## " heading (a block ends before the next). */
    private static List<List<String>> blocks(String markdown) {
        List<List<String>> blocks = new ArrayList<>();
        blocks.add(new ArrayList<>());
        for (String line : markdown.strip().split("\n", -1)) {
            if (line.startsWith("## ")) {
                blocks.add(new ArrayList<>());
            }
            blocks.getLast().add(line);
        }
        return blocks;
    }

    private static String heading(List<String> block) {
        return !block.isEmpty() && block.getFirst().startsWith("## ")
                ? block.getFirst().substring(3).strip()
                : "";
    }

    private static int indexOf(List<List<String>> blocks, String title) {
        for (int i = 0; i < blocks.size(); i++) {
            if (heading(blocks.get(i)).equals(title)) {
                return i;
            }
        }
        return -1;
    }

    /** Replaces the table rows with the same key as a fresh row, and adds the others after the table's last row. */
    private static void putRows(List<String> block, List<String> fresh, Function<String, String> key) {
        Set<String> keys = fresh.stream().map(key).collect(Collectors.toSet());
        List<String> kept = new ArrayList<>();
        int insertAt = -1;
        int end = -1;
        for (String line : block) {
            boolean row = line.startsWith("|");
            if (row && keys.contains(key.apply(line))) {
                insertAt = insertAt < 0 ? kept.size() : insertAt;
                continue;
            }
            kept.add(line);
            if (row) {
                end = kept.size();
            }
        }
        kept.addAll(insertAt >= 0 ? insertAt : end >= 0 ? end : kept.size(), fresh);
        block.clear();
        block.addAll(kept);
    }

    static String row(Report.Row row) {
        return "| " + row.measure() + " | " + row.median() + " | " + row.p99() + " | " + row.goal() + " | " + row.met()
                + " |";
    }

    /** A summary row's label without its parenthesised counts ("(100 coordinator kills, …)"), which change. */
    static String rowKey(String line) {
        return firstCell(line).replaceAll("\\s*\\([^)]*\\)", "").strip();
    }

    private static String firstCell(String line) {
        String[] cells = line.split("\\|", -1);
        return cells.length > 1 ? cells[1].strip() : line.strip();
    }
}
