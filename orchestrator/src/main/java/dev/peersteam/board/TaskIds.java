package dev.peersteam.board;

import java.util.Comparator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Task ids are {@code T1, T2, ...}: the number is the order of creation, so ids sort by it, not as text. */
final class TaskIds {
    private static final Pattern ID = Pattern.compile("[Tt]0*(\\d{1,9})");

    /** Numeric order for well-formed ids; anything else (never produced by the rules) sorts after, by text. */
    static final Comparator<String> ORDER =
            Comparator.comparingLong(TaskIds::number).thenComparing(Comparator.naturalOrder());

    private TaskIds() {}

    static String of(long number) {
        return "T" + number;
    }

    /** Tolerates what models type: {@code " t3 "}, {@code "T03"} and {@code "#T3"} all mean {@code T3}. */
    static String normalise(String raw) {
        if (raw == null) {
            return null;
        }
        String text = raw.strip();
        if (text.startsWith("#")) {
            text = text.substring(1);
        }
        Matcher m = ID.matcher(text);
        return m.matches() ? "T" + Long.parseLong(m.group(1)) : text;
    }

    /** The number of a well-formed id, or {@link Long#MAX_VALUE} for anything else. */
    static long number(String id) {
        Matcher m = ID.matcher(id);
        return m.matches() ? Long.parseLong(m.group(1)) : Long.MAX_VALUE;
    }
}
