package dev.peersteam.git;

/** One step of preparing a new worktree, as reported to a {@link SetupListener}. */
public sealed interface SetupStep {
    /** For progress lines: {@code copy .env}, {@code run npm ci}. */
    String describe();

    /** Copies a file or directory listed under {@code copy:} from the repository into the worktree. */
    record CopyPath(String path) implements SetupStep {
        @Override
        public String describe() {
            return "copy " + path;
        }
    }

    /** Copies the git-ignored files that {@code .worktreeinclude} names. */
    record CopyIncluded() implements SetupStep {
        @Override
        public String describe() {
            return "copy the files named in " + WorktreeSetup.INCLUDE_FILE;
        }
    }

    /** Runs a {@code setup:} command in the worktree. */
    record RunCommand(String command) implements SetupStep {
        @Override
        public String describe() {
            return "run " + command;
        }
    }
}
