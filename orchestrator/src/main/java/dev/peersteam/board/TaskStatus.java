package dev.peersteam.board;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Where a task stands. On the wire (tools, journal, JSON) statuses are lowercase: {@code in_progress}. */
public enum TaskStatus {
    TODO,
    ASSIGNED,
    IN_PROGRESS,
    BLOCKED,
    REVIEW,
    DONE,
    FAILED,
    CANCELLED;

    /** The lowercase wire name, as models and people type it. */
    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Done, failed and cancelled tasks are finished; only the lead or the human may reopen them. */
    public boolean isTerminal() {
        return this == DONE || this == FAILED || this == CANCELLED;
    }

    public boolean isOpen() {
        return !isTerminal();
    }

    /**
     * Reads a status as a model or a person writes it: case-insensitive, with {@code -} or spaces for {@code _}
     * ({@code "In progress"}, {@code "in-progress"}). The exception's message lists the valid statuses, so a
     * tool can hand it straight back to the model.
     */
    @JsonCreator
    public static TaskStatus parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("status is missing; use one of: " + allNames());
        }
        String key = text.strip().replaceAll("[\\s_-]+", "_").toUpperCase(Locale.ROOT);
        for (TaskStatus status : values()) {
            if (status.name().equals(key)) {
                return status;
            }
        }
        throw new IllegalArgumentException("unknown status \"" + text.strip() + "\"; use one of: " + allNames());
    }

    /** {@code todo, assigned, in_progress, ...}: for error messages and tool descriptions. */
    public static String allNames() {
        return Arrays.stream(values()).map(TaskStatus::wire).collect(Collectors.joining(", "));
    }

    @Override
    public String toString() {
        return wire();
    }
}
