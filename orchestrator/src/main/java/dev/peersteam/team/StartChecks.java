package dev.peersteam.team;

import java.nio.file.Path;
import java.util.Optional;

/**
 * What {@code up} checks before it creates anything that the team file alone cannot tell: whether the repository is
 * a git repository with a commit, whether {@code base} names a commit, whether each role's agent program can be found
 * and its command line started, whether each behaviour script is a valid script. {@link TeamFileLoader} asks these
 * once the file itself is sound, and reports each finding at the line that chose the thing found wanting, like every
 * other problem; {@code validate} and {@code up} give it the same implementation ({@code runtime.Preflight}), so a file
 * {@code validate} accepts is a file {@code up} starts. Every method answers "nothing wrong" by default.
 */
public interface StartChecks {

    /** Checks nothing beyond the file: what {@link TeamFileLoader#load(Path)} does. */
    StartChecks NONE = new StartChecks() {};

    /** What is wrong and what to do; the loader adds where. */
    record Finding(String message, String fix) {}

    /** A finding inside another file, at its own line and column (from 1); line 0 for the file as a whole. */
    record FindingInFile(int line, int column, String message, String fix) {}

    /** @param repo the team's {@code repo}, a directory that exists */
    default Optional<Finding> repository(Path repo) {
        return Optional.empty();
    }

    /** Asked only when {@link #repository} found nothing. */
    default Optional<Finding> base(Path repo, String base) {
        return Optional.empty();
    }

    /** Whether the program that runs {@code role} can be found. */
    default Optional<Finding> agentProgram(TeamSpec team, RoleSpec role) {
        return Optional.empty();
    }

    /** Whether the operating system will start {@code role}'s command line (argument sizes, NUL characters). */
    default Optional<Finding> commandLine(TeamSpec team, RoleSpec role) {
        return Optional.empty();
    }

    /** Whether the Bash sandbox a role asks for explicitly ({@code sandbox: true}) can run on this machine. */
    default Optional<Finding> sandbox(TeamSpec team, RoleSpec role) {
        return Optional.empty();
    }

    /**
     * For a role on another host ({@code host:}): whether the host answers over ssh without a prompt, and whether the
     * role's agent program exists there. Asked instead of {@link #agentProgram} for such a role.
     */
    default Optional<Finding> host(TeamSpec team, RoleSpec role) {
        return Optional.empty();
    }

    /** Whether {@code script}, a regular file inside the repository, is a valid behaviour script for the sim agent. */
    default Optional<FindingInFile> behaviourScript(Path script) {
        return Optional.empty();
    }
}
