package dev.peersteam.team;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * One bad team file with exactly one problem, and what must be said about it.
 *
 * @param checks      what the case is about (the test's display name)
 * @param yaml        the team file's text, written to {@code team.yaml} in the repository; {@code {outside}} stands
 *                    for a folder beside the repository; null when {@code setup} writes the file itself
 * @param at          the expected "line:column", "0:0" for a problem with the file as a whole
 * @param message     a part of the expected message
 * @param fix         a part of the expected fix hint
 * @param reportedIn  the file the problem is located in, relative to the repository: the team file, or a file it names
 * @param setup       what the case needs beside the team file: files, links, FIFOs (created here, as they cannot be
 *                    checked in)
 * @param environment added to the environment validate and up run with
 * @param teamFile    the path given to validate and up
 */
record BadFile(
        String checks,
        String yaml,
        String at,
        String message,
        String fix,
        String reportedIn,
        Setup setup,
        Map<String, String> environment,
        TeamFilePath teamFile) {

    /** Prepares the repository (and the folder beside it) for a case. */
    @FunctionalInterface
    interface Setup {
        void prepare(Path repo, Path outside) throws Exception;
    }

    /** Where the file validate and up are given is. */
    @FunctionalInterface
    interface TeamFilePath {
        Path of(Path repo) throws Exception;
    }

    static final TeamFilePath TEAM_YAML = repo -> repo.resolve("team.yaml");

    BadFile(String checks, String yaml, String at, String message, String fix) {
        this(checks, yaml, at, message, fix, "team.yaml", (repo, outside) -> {}, Map.of(), TEAM_YAML);
    }

    /** This case with {@code more} set up after what it sets up already. */
    BadFile given(Setup more) {
        Setup first = setup;
        return new BadFile(
                checks,
                yaml,
                at,
                message,
                fix,
                reportedIn,
                (repo, outside) -> {
                    first.prepare(repo, outside);
                    more.prepare(repo, outside);
                },
                environment,
                teamFile);
    }

    /** The problem is located in {@code file} (relative to the repository), not in the team file. */
    BadFile reportedIn(String file) {
        return new BadFile(checks, yaml, at, message, fix, file, setup, environment, teamFile);
    }

    BadFile withEnvironment(String name, String value) {
        Map<String, String> more = new HashMap<>(environment);
        more.put(name, value);
        return new BadFile(checks, yaml, at, message, fix, reportedIn, setup, more, teamFile);
    }

    /** validate and up are given this path instead of {@code team.yaml}. */
    BadFile teamFileAt(TeamFilePath path) {
        return new BadFile(checks, yaml, at, message, fix, reportedIn, setup, environment, path);
    }

    boolean wholeFile() {
        return at.equals("0:0");
    }

    @Override
    public String toString() {
        return checks;
    }
}
