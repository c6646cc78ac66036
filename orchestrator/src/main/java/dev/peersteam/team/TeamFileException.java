package dev.peersteam.team;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/** A team file that cannot be used; it carries every problem found, not just the first. */
public final class TeamFileException extends Exception {
    private final Path file;
    private final List<Problem> problems;

    public TeamFileException(Path file, List<Problem> problems) {
        super(describe(file, problems));
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("a TeamFileException needs at least one problem");
        }
        this.file = file;
        this.problems = List.copyOf(problems);
    }

    /** The team file as the user named it. */
    public Path file() {
        return file;
    }

    /** The problems in file order. */
    public List<Problem> problems() {
        return problems;
    }

    private static String describe(Path file, List<Problem> problems) {
        String count = problems.size() == 1 ? "1 problem" : problems.size() + " problems";
        return problems.stream().map(Problem::toString).collect(Collectors.joining(System.lineSeparator()))
                + System.lineSeparator() + count + " in " + Problem.displayPath(file);
    }
}
