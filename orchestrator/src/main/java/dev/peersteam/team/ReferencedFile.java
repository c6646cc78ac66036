package dev.peersteam.team;

import dev.peersteam.team.YamlMapping.Entry;
import dev.peersteam.untrusted.BoundedFile;
import dev.peersteam.untrusted.InputRejected;
import dev.peersteam.untrusted.StrictText;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A file a team file names by a path relative to the team file's folder ({@code prompt_file}, {@code agent_file},
 * {@code sim_script}): resolved, kept inside the repository, and read only when it is a regular file of at most
 * {@value #LIMIT} bytes of plain UTF-8 text. Each refusal is reported where the path is written.
 */
final class ReferencedFile {
    /** Prompts, agent files and behaviour scripts are a few KiB; a prompt must also fit on a command line. */
    static final int LIMIT = 1024 * 1024;

    /**
     * What the file is, for messages.
     *
     * @param what        e.g. "prompt file"
     * @param missingFix  what to do when it does not exist
     * @param pathExample a path for the fix of a path that is not valid, e.g. "roles/qa.md"
     */
    record Kind(String what, String missingFix, String pathExample) {}

    /** A file read and checked, by its absolute, normalized path. */
    record Read(Path path, String text) {}

    private final Path teamFile;
    private final Path teamDir;
    private final RepositoryBounds bounds;
    private final Problems problems;
    private final ValueReader values;

    /** @param teamFile the team file, absolute */
    ReferencedFile(Path teamFile, RepositoryBounds bounds, Problems problems) {
        this.teamFile = teamFile;
        this.teamDir = teamFile.getParent();
        this.bounds = bounds;
        this.problems = problems;
        this.values = new ValueReader(problems);
    }

    /**
     * The file {@code entry} names, read; empty when anything is wrong (reported). Problems with the file's own
     * characters are reported in the file, at their line, with {@code whose} (e.g. "prompt file of role 'qa'") and
     * the team file line that named it.
     */
    Optional<Read> read(Entry entry, Kind kind, String whose) {
        return resolve(entry, kind).flatMap(path -> read(entry, kind, path, namedAt(whose, entry)));
    }

    /** "prompt file of role 'qa', named at team.yaml:4", for problems reported in the file itself. */
    String namedAt(String whose, Entry entry) {
        return whose + ", named at " + Problem.displayPath(teamFile) + ":"
                + (entry.value().getStartMark().getLine() + 1);
    }

    /** The absolute, normalized path {@code entry} names, if it is a valid path that stays inside the repository. */
    Optional<Path> resolve(Entry entry, Kind kind) {
        return values.text(entry).flatMap(written -> {
            Path path;
            try {
                path = teamDir.resolve(written).normalize();
            } catch (InvalidPathException e) {
                problems.at(
                        entry.value(),
                        entry.key() + " '" + written + "' is not a valid path: " + e.getReason(),
                        "give a path relative to the team file's directory, e.g. '" + kind.pathExample() + "'");
                return Optional.empty();
            }
            Optional<String> escape = bounds.escape(path);
            if (escape.isPresent()) {
                problems.at(
                        entry.value(),
                        kind.what() + " '" + written + "' " + escape.get(),
                        "keep the " + kind.what() + " inside the repository and name it relative to the team file,"
                                + " e.g. '" + kind.pathExample() + "' (copy it in rather than linking to it): a team"
                                + " file may come from someone else, and what it names is handed to an agent");
                return Optional.empty();
            }
            return Optional.of(path);
        });
    }

    private Optional<Read> read(Entry entry, Kind kind, Path path, String context) {
        byte[] bytes;
        try {
            bytes = BoundedFile.read(path, LIMIT);
        } catch (BoundedFile.Refused e) {
            switch (e.refusal()) {
                case BoundedFile.Refusal.Missing missing ->
                    problems.at(entry.value(), kind.what() + " not found: " + path, kind.missingFix());
                case BoundedFile.Refusal.NotRegular notRegular ->
                    problems.at(
                            entry.value(),
                            kind.what() + " " + path + " " + notRegular.describe(),
                            "name a regular file; relative paths start at the team file's directory " + teamDir);
                case BoundedFile.Refusal.TooLarge tooLarge ->
                    problems.at(
                            entry.value(),
                            kind.what() + " " + path + " " + tooLarge.describe(),
                            "shorten it: it is read into memory and handed to the agent");
                case BoundedFile.Refusal.Unreadable unreadable ->
                    problems.at(
                            entry.value(),
                            kind.what() + " " + path + " " + unreadable.describe(),
                            "make the file readable by the user running peers-team");
            }
            return Optional.empty();
        }
        try {
            String text = StrictText.utf8(bytes);
            StrictText.requirePlain(text);
            return Optional.of(new Read(path, text));
        } catch (InputRejected e) {
            Problems inFile = problems.in(path, context);
            if (e.line() > 0) {
                inFile.atLine(e.line(), e.column(), e.problem(), e.fix());
            } else {
                inFile.atLine(1, 1, e.problem(), e.fix());
            }
            return Optional.empty();
        }
    }
}
