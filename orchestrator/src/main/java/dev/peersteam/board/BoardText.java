package dev.peersteam.board;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The board as a compact table for people: {@code peers-team board} and the console. */
public final class BoardText {
    /** Longer titles are cut so that a row fits a terminal line. */
    static final int TITLE_WIDTH = 60;

    private static final String[] HEADER = {"ID", "STATUS", "ASSIGNEE", "TITLE", "DEPS"};

    private BoardText() {}

    /**
     * One row per task: id, status, assignee ({@code -} for none), title, dependencies (a {@code *} marks one that
     * is not done yet); then a count by status. Ends with a newline.
     */
    public static String render(Board board) {
        if (board.isEmpty()) {
            return "no tasks yet\n";
        }
        List<String[]> rows = new ArrayList<>();
        rows.add(HEADER);
        for (Task task : board.tasks()) {
            List<String> waiting = board.unfinishedDependencies(task);
            String deps = task.dependsOn().stream()
                    .map(d -> waiting.contains(d) ? d + "*" : d)
                    .collect(Collectors.joining(" "));
            rows.add(new String[] {
                task.id(),
                task.status().wire(),
                task.assignee() == null ? "-" : task.assignee(),
                shorten(task.title()),
                deps
            });
        }
        int[] widths = new int[HEADER.length];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        StringBuilder out = new StringBuilder();
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.length; i++) {
                line.append(i == row.length - 1 ? row[i] : pad(row[i], widths[i] + 2));
            }
            out.append(line.toString().stripTrailing()).append('\n');
        }
        return out.append(summary(board)).append('\n').toString();
    }

    /** {@code 4 tasks: 2 done, 1 in_progress, 1 assigned} — statuses in lifecycle order. */
    public static String summary(Board board) {
        Map<TaskStatus, Integer> counts = new EnumMap<>(TaskStatus.class);
        board.tasks().forEach(t -> counts.merge(t.status(), 1, Integer::sum));
        String byStatus = counts.entrySet().stream()
                .map(e -> e.getValue() + " " + e.getKey().wire())
                .collect(Collectors.joining(", "));
        int n = board.size();
        return n + (n == 1 ? " task" : " tasks") + (n == 0 ? "" : ": " + byStatus);
    }

    private static String shorten(String title) {
        String line = title.replaceAll("\\s+", " ");
        return line.length() <= TITLE_WIDTH ? line : line.substring(0, TITLE_WIDTH - 1) + "…";
    }

    private static String pad(String text, int width) {
        return text + " ".repeat(Math.max(0, width - text.length()));
    }
}
