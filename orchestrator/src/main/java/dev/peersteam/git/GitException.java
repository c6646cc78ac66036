package dev.peersteam.git;

/**
 * Git could not do what peers-team needs. The message is for the person: it names the command, the directory and what
 * git said, or says plainly what is wrong with the repository and how to fix it.
 */
public class GitException extends RuntimeException {
    public GitException(String message) {
        super(message);
    }

    public GitException(String message, Throwable cause) {
        super(message, cause);
    }

    /** A git command that exited non-zero or timed out. */
    static GitException failed(GitResult result) {
        String how = result.timedOut() ? "timed out" : "failed (exit " + result.exitCode() + ")";
        String said = result.stderr().isBlank() ? "" : ": " + result.stderr().strip();
        return new GitException("`" + result.commandLine() + "` " + how + " in " + result.dir() + said);
    }
}
