package dev.peersteam.team;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** What a person is told about by {@code notify:} (team file) and {@code up --notify}: the moments they are needed. */
public enum NoticeKind {
    /** A tool call waits for a person's approve or deny. */
    PERMISSION,
    /** A role's process ended on its own (it is restarted, or given up after repeated crashes). */
    CRASHED,
    /** A budget stopped a role, or the whole team. */
    BUDGET,
    /** Everyone is idle while tasks are still open. */
    STUCK,
    /** A task failed. */
    TASK_FAILED,
    /** Every task on the board is done. */
    DONE;

    /** The name in the team file and in notices: {@code permission}, {@code task_failed}, ... */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<NoticeKind> fromWire(String name) {
        return Arrays.stream(values()).filter(kind -> kind.wire().equals(name)).findFirst();
    }

    /** Every name, for messages: "permission, crashed, ...". */
    public static String names() {
        return Arrays.stream(values()).map(NoticeKind::wire).collect(Collectors.joining(", "));
    }
}
