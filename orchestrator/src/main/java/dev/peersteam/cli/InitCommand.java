package dev.peersteam.cli;

import dev.peersteam.init.Scaffold;
import dev.peersteam.init.TeamPattern;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code peers-team init [PATTERN]}: writes a commented team file and its role prompts for one team pattern. */
@Command(
        name = "init",
        mixinStandardHelpOptions = true,
        description = {
            "Writes a commented team.yaml and the role prompts it names (roles/*.md) for one team pattern, ready to"
                    + " validate and start. Existing files are never overwritten: if any is in the way, nothing is"
                    + " written.",
            "Patterns: review, fullstack, manager, qa, mixed, all (the default). 'peers-team init --list' describes them."
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:the files were written (or the patterns listed)",
            "1:a file is in the way, or a file could not be written; nothing that existed was changed",
            "2:unknown pattern, or wrong arguments"
        },
        footer = {
            "",
            "Examples:",
            "  peers-team init                 # all four patterns in one team, in the current folder",
            "  peers-team init review          # a builder and a reviewer on its commits",
            "  peers-team init qa --dir team   # write into ./team instead",
            "  peers-team init --list",
        })
public final class InitCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Parameters(
            index = "0",
            arity = "0..1",
            paramLabel = "PATTERN",
            description = "review, fullstack, manager, qa, mixed or all. Default: all.")
    private String pattern;

    @Option(names = "--list", description = "List the patterns, one line each, and write nothing.")
    private boolean list;

    @Option(
            names = "--dir",
            paramLabel = "DIR",
            description = "Write into DIR (created if needed) instead of the current folder.")
    private Path dir;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        if (list) {
            out.println("Team patterns, for 'peers-team init PATTERN':");
            for (TeamPattern each : TeamPattern.values()) {
                out.println(String.format(
                        Locale.ROOT,
                        "  %-10s %s%s",
                        each.id(),
                        each.summary(),
                        each == TeamPattern.DEFAULT ? " (the default)" : ""));
            }
            out.flush();
            return ExitCodes.OK;
        }
        TeamPattern chosen = pattern == null
                ? TeamPattern.DEFAULT
                : TeamPattern.byId(pattern.toLowerCase(Locale.ROOT))
                        .orElseThrow(() -> new UserError(
                                "peers-team: unknown pattern '" + pattern + "'; the patterns are "
                                        + String.join(", ", TeamPattern.ids()) + " (see 'peers-team init --list')",
                                ExitCodes.INVALID));
        Path target = (dir != null ? dir : Path.of("")).toAbsolutePath().normalize();
        Scaffold scaffold = Scaffold.of(
                chosen, target.getFileName() != null ? target.getFileName().toString() : null);

        List<Path> inTheWay = scaffold.existing(target);
        if (!inTheWay.isEmpty()) {
            throw new UserError(
                    "peers-team: init " + chosen.id() + " would overwrite files that already exist:"
                            + System.lineSeparator()
                            + inTheWay.stream()
                                    .map(path -> "  " + shown(target.resolve(path)))
                                    .collect(Collectors.joining(System.lineSeparator()))
                            + System.lineSeparator()
                            + "Nothing was written. Move those files away, or write the team into"
                            + " another folder with --dir DIR.",
                    ExitCodes.FAILED);
        }
        if (!Scaffold.inGitRepository(target)) {
            PrintWriter err = spec.commandLine().getErr();
            err.println("peers-team: warning: " + target + " is not inside a git repository. 'peers-team up'"
                    + " needs one with at least one commit: run 'git init' and commit there, or set 'repo:' in the"
                    + " team file to your repository.");
            err.flush();
        }
        List<Path> written = write(scaffold, target);

        out.println("peers-team init " + chosen.id() + ": " + chosen.summary() + ".");
        for (Path path : written) {
            out.println("  wrote " + shown(target.resolve(path)));
        }
        String teamFile = shown(target.resolve(Scaffold.TEAM_FILE));
        String lead = chosen.prompts().getFirst();
        out.println();
        out.println("Next:");
        out.println("  1. Read " + teamFile + ": set 'goal:' (or give work later with 'peers-team send " + lead
                + " \"...\"'), and add your build and test commands to allowed_tools.");
        out.println("  2. peers-team validate " + teamFile);
        out.println("  3. peers-team up " + teamFile);
        out.flush();
        return ExitCodes.OK;
    }

    private List<Path> write(Scaffold scaffold, Path target) {
        try {
            return scaffold.write(target);
        } catch (FileAlreadyExistsException e) {
            throw new UserError(
                    "peers-team: " + shown(Path.of(e.getFile())) + " appeared while init was writing;"
                            + " it was left as it is. Move it away and run init again, or use --dir DIR.",
                    ExitCodes.FAILED,
                    e);
        } catch (IOException e) {
            throw new UserError(
                    "peers-team: cannot write the team files into " + shown(target) + ": " + e, ExitCodes.FAILED, e);
        }
    }

    /** A path relative to the working directory when it lies below it, so the next steps can be pasted. */
    private static String shown(Path path) {
        Path cwd = Path.of("").toAbsolutePath();
        Path normalized = path.toAbsolutePath().normalize();
        if (normalized.equals(cwd)) {
            return ".";
        }
        return normalized.startsWith(cwd) ? cwd.relativize(normalized).toString() : normalized.toString();
    }
}
