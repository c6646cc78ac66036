package dev.peersteam.board;

import static dev.peersteam.board.TaskStatus.ASSIGNED;
import static dev.peersteam.board.TaskStatus.BLOCKED;
import static dev.peersteam.board.TaskStatus.CANCELLED;
import static dev.peersteam.board.TaskStatus.DONE;
import static dev.peersteam.board.TaskStatus.FAILED;
import static dev.peersteam.board.TaskStatus.IN_PROGRESS;
import static dev.peersteam.board.TaskStatus.REVIEW;
import static dev.peersteam.board.TaskStatus.TODO;

import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which status may follow which. Leaving a finished status (done, failed, cancelled) is a reopen: allowed to the
 * lead and the human only, to {@code assigned} (or {@code todo} for a task nobody holds).
 */
public final class Transitions {
    private static final Map<TaskStatus, Set<TaskStatus>> NEXT = table();

    private Transitions() {}

    private static Map<TaskStatus, Set<TaskStatus>> table() {
        Map<TaskStatus, Set<TaskStatus>> next = new EnumMap<>(TaskStatus.class);
        next.put(TODO, EnumSet.of(ASSIGNED, CANCELLED));
        next.put(ASSIGNED, EnumSet.of(IN_PROGRESS, BLOCKED, REVIEW, DONE, FAILED, CANCELLED));
        next.put(IN_PROGRESS, EnumSet.of(BLOCKED, REVIEW, DONE, FAILED, CANCELLED, ASSIGNED));
        next.put(BLOCKED, EnumSet.of(IN_PROGRESS, ASSIGNED, FAILED, CANCELLED));
        next.put(REVIEW, EnumSet.of(IN_PROGRESS, DONE, FAILED, CANCELLED));
        for (TaskStatus finished : EnumSet.of(DONE, FAILED, CANCELLED)) {
            next.put(finished, EnumSet.of(ASSIGNED, TODO));
        }
        next.replaceAll((from, to) -> Collections.unmodifiableSet(to));
        return Collections.unmodifiableMap(next);
    }

    /** The statuses that may follow {@code from} (for a finished status: the reopen targets). */
    public static Set<TaskStatus> next(TaskStatus from) {
        return NEXT.get(from);
    }

    public static boolean isLegal(TaskStatus from, TaskStatus to) {
        return NEXT.get(from).contains(to);
    }

    /** Statuses that claim the work is under way or finished, so every dependency must be done first. */
    public static boolean needsDependenciesDone(TaskStatus to) {
        return to == IN_PROGRESS || to == REVIEW || to == DONE;
    }

    /** {@code in_progress, review} in the table's order, for error messages. */
    static String describeNext(TaskStatus from) {
        return NEXT.get(from).stream().map(TaskStatus::wire).collect(Collectors.joining(", "));
    }
}
