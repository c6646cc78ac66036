package dev.peersteam.team;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Collects the problems of one team file while it is read, so that all of them are reported together. Problems in a
 * file the team file refers to (an agent file) go through a view made by {@link #in}, which locates them in that
 * file and says in each message how the team file led there.
 */
final class Problems {
    private final Path file;
    /** Appended to every message of this view, e.g. "(agent file of role 'qa', team.yaml:7:17)"; "" for none. */
    private final String context;
    /** Shared by the team file's collector and every view made from it. */
    private final List<Problem> found;

    Problems(Path file) {
        this(file, "", new ArrayList<>());
    }

    private Problems(Path file, String context, List<Problem> found) {
        this.file = file;
        this.context = context;
        this.found = found;
    }

    /**
     * A view that reports into the same collection, located in {@code otherFile}; {@code context} (such as "agent
     * file of role 'qa'") is added to each of its messages in parentheses.
     */
    Problems in(Path otherFile, String context) {
        return new Problems(otherFile, " (" + context + ")", found);
    }

    /** A problem located where {@code node} starts. */
    void at(Node node, String message, String fix) {
        at(node.getStartMark(), message, fix);
    }

    void at(Mark mark, String message, String fix) {
        // SnakeYAML counts from 0; people and editors count from 1.
        found.add(new Problem(file, mark.getLine() + 1, mark.getColumn() + 1, message + context, fix));
    }

    /** A problem with the content as a whole, placed at its start. */
    void atStart(String message, String fix) {
        found.add(new Problem(file, 1, 1, message + context, fix));
    }

    /** A problem at a line and column counted from 1, for places that are not YAML nodes. */
    void atLine(int line, int column, String message, String fix) {
        found.add(new Problem(file, line, column, message + context, fix));
    }

    /** A problem with the file as a whole, such as not being able to read it. */
    void inWholeFile(String message, String fix) {
        found.add(new Problem(file, 0, 0, message + context, fix));
    }

    boolean any() {
        return !found.isEmpty();
    }

    /**
     * All problems in file order: the team file's first, then each other file's in the order the team file refers to
     * them. Checks that span several places run last, but report in place.
     */
    TeamFileException toException() {
        Map<Path, Integer> fileRank = new LinkedHashMap<>();
        fileRank.put(file, 0);
        for (Problem problem : found) {
            fileRank.putIfAbsent(problem.file(), fileRank.size());
        }
        List<Problem> sorted = found.stream()
                .sorted(Comparator.<Problem>comparingInt(problem -> fileRank.get(problem.file()))
                        .thenComparingInt(Problem::line)
                        .thenComparingInt(Problem::column))
                .toList();
        return new TeamFileException(file, sorted);
    }
}
