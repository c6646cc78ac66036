package dev.peersteam.remote;

import java.util.List;
import java.util.stream.Collectors;

/** Words quoted for a POSIX shell: what a remote shell runs is a string, so every word we put in it is quoted. */
public final class ShellWords {
    private ShellWords() {}

    /** One word in single quotes; a single quote inside becomes {@code '\''}. */
    public static String quote(String word) {
        if (word.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("a NUL character cannot be passed to a shell");
        }
        return "'" + word.replace("'", "'\\''") + "'";
    }

    /** Each word quoted, joined by spaces. */
    public static String join(List<String> words) {
        return words.stream().map(ShellWords::quote).collect(Collectors.joining(" "));
    }
}
