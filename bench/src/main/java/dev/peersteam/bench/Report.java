package dev.peersteam.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** docs/benchmarks.md, assembled from what the measures found: a summary table and one section per measure. */
final class Report {
    /** One line of the summary table. */
    record Row(String measure, String median, String p99, String goal, String met) {}

    private final List<Row> rows = new ArrayList<>();
    private final List<ReportMerge.Section> sections = new ArrayList<>();
    private final List<String> failures = new ArrayList<>();

    void row(String measure, String median, String p99, String goal, String met) {
        rows.add(new Row(measure, median, p99, goal, met));
    }

    void section(String title, String markdown) {
        sections.add(new ReportMerge.Section(title, markdown));
    }

    List<Row> rows() {
        return List.copyOf(rows);
    }

    List<ReportMerge.Section> sections() {
        return List.copyOf(sections);
    }

    void failed(String measure, Exception e) {
        String why = e.getClass().getSimpleName() + ": "
                + String.valueOf(e.getMessage()).lines().findFirst().orElse("");
        failures.add(measure + ": " + why);
        rows.add(new Row(measure, "—", "—", "—", "**did not run**: " + why));
    }

    List<String> failures() {
        return failures;
    }

    /** "yes", or "**no**: ..." saying by how much, for a goal "at most". */
    static String atMost(double value, double goal, String unit) {
        if (value <= goal) {
            return "yes";
        }
        double over = value - goal;
        return String.format(
                Locale.ROOT,
                "**no**: %s %s over (%.2f× the goal)",
                over < 1 ? String.format(Locale.ROOT, "%.2f", over) : Stats.number(over),
                unit,
                value / goal);
    }

    /** "yes", or "**no**: ..." saying by how much, for a goal "at least". */
    static String atLeast(double value, double goal, String unit) {
        if (value >= goal) {
            return "yes";
        }
        return String.format(
                Locale.ROOT,
                "**no**: %s %s short (%.0f%% of the goal)",
                Stats.number(goal - value),
                unit,
                100 * value / goal);
    }

    String render(String header, Machine machine, String endLoad, boolean quick) {
        StringBuilder md = new StringBuilder();
        md.append("# Benchmarks\n\n");
        md.append(header.strip()).append("\n\n");
        if (quick) {
            md.append("> **Quick smoke run** (`--quick`): few samples, small sizes; these figures only show that the "
                    + "harness works.\n\n");
        }
        md.append("## Machine\n\n| | |\n|---|---|\n");
        md.append("| CPU | ")
                .append(machine.cpu())
                .append(", ")
                .append(machine.cores())
                .append(" cores |\n");
        md.append("| Memory | ").append(machine.memory()).append(" |\n");
        md.append("| OS | ")
                .append(machine.os())
                .append(" (")
                .append(machine.kernel())
                .append(") |\n");
        md.append("| JDK | ").append(machine.jdk()).append(" |\n");
        md.append("| Scratch file system (journals, repositories) | ")
                .append(machine.fileSystem())
                .append(" |\n");
        md.append("| Load average (1, 5, 15 min) at start / end | ")
                .append(machine.loadAverage())
                .append(" / ")
                .append(endLoad)
                .append(" |\n\n");
        md.append("## Summary\n\n| measure | median | p99 | goal | met? |\n|---|---|---|---|---|\n");
        for (Row row : rows) {
            md.append("| ")
                    .append(row.measure())
                    .append(" | ")
                    .append(row.median())
                    .append(" | ")
                    .append(row.p99())
                    .append(" | ")
                    .append(row.goal())
                    .append(" | ")
                    .append(row.met())
                    .append(" |\n");
        }
        for (ReportMerge.Section section : sections) {
            md.append("\n## ")
                    .append(section.title())
                    .append("\n\n")
                    .append(section.markdown().strip())
                    .append('\n');
        }
        return md.toString();
    }
}
