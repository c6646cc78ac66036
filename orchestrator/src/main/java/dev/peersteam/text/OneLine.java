package dev.peersteam.text;

import java.util.stream.Collectors;

/**
 * Text of several lines shown on one: each line stripped, blank ones dropped, the rest joined with {@code " / "}.
 * In linear time: the regular expression that did this before ({@code \s*\R\s*}) took quadratic time on a long run of
 * spaces, and a model's message is printed from the coordinator's loop.
 */
public final class OneLine {
    private OneLine() {}

    public static String of(String text) {
        return text.lines().map(String::strip).filter(line -> !line.isEmpty()).collect(Collectors.joining(" / "));
    }

    /** {@link #of}, cut to at most {@code max} characters (ending in {@code ...}) without splitting a character. */
    public static String of(String text, int max) {
        String flat = of(text);
        if (flat.length() <= max) {
            return flat;
        }
        int cut = max - 3;
        return flat.substring(0, Character.isHighSurrogate(flat.charAt(cut - 1)) ? cut - 1 : cut) + "...";
    }
}
