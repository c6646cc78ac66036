package dev.peersteam.permission;

import java.util.List;

/**
 * A Bash tool command as {@link ShellParser} understood it: either a list of simple commands joined by {@code ;},
 * {@code &&}, {@code ||}, {@code |}, {@code |&}, {@code &} or newlines, each with its redirections, or a refusal
 * saying which construct it does not model (then no rule can allow the command: it is asked about).
 */
public sealed interface ShellCommand {

    /**
     * Every part of the command, in order.
     *
     * @param commands          the simple commands; each must be allowed on its own
     * @param redirects         the redirections to or from files (not {@code 2>&1}, not {@code /dev/null})
     * @param changesDirectory  whether a part is {@code cd}, {@code pushd} or {@code popd}: relative redirect
     *                          targets after it are no longer relative to the worktree
     */
    record Understood(List<Simple> commands, List<Redirect> redirects, boolean changesDirectory)
            implements ShellCommand {
        public Understood {
            commands = List.copyOf(commands);
            redirects = List.copyOf(redirects);
        }
    }

    /** The parser met something it does not model; {@code why} says what, for the person and the model. */
    record NotUnderstood(String why) implements ShellCommand {}

    /**
     * One simple command.
     *
     * @param text  its words as written (quotes kept), joined by single spaces, without its redirections: what a
     *              {@code Bash(...)} rule is matched against, as Claude Code does
     * @param words its words with quotes and backslashes removed
     */
    record Simple(String text, List<String> words) {
        public Simple {
            words = List.copyOf(words);
        }
    }

    /**
     * A redirection to or from a file.
     *
     * @param operator as written, e.g. {@code >>} or {@code 2>}
     * @param target   the file, quotes removed
     * @param writes   whether the file is written (else it is only read)
     */
    record Redirect(String operator, String target, boolean writes) {}
}
