package dev.peersteam.team;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.nodes.Node;

/** Collects the problems of one team file while it is read, so that all of them are reported together. */
final class Problems {
    private final Path file;
    private final List<Problem> found = new ArrayList<>();

    Problems(Path file) {
        this.file = file;
    }

    /** A problem located where {@code node} starts. */
    void at(Node node, String message, String fix) {
        at(node.getStartMark(), message, fix);
    }

    void at(Mark mark, String message, String fix) {
        // SnakeYAML counts from 0; people and editors count from 1.
        found.add(new Problem(file, mark.getLine() + 1, mark.getColumn() + 1, message, fix));
    }

    /** A problem with the content as a whole, placed at its start. */
    void atStart(String message, String fix) {
        found.add(new Problem(file, 1, 1, message, fix));
    }

    /** A problem with the file as a whole, such as not being able to read it. */
    void inWholeFile(String message, String fix) {
        found.add(new Problem(file, 0, 0, message, fix));
    }

    boolean any() {
        return !found.isEmpty();
    }

    /** All problems in file order (checks that span several places run last, but report in place). */
    TeamFileException toException() {
        List<Problem> sorted = found.stream()
                .sorted(Comparator.comparingInt(Problem::line).thenComparingInt(Problem::column))
                .toList();
        return new TeamFileException(file, sorted);
    }
}
