package dev.peersteam.coordinator;

import java.util.List;

/** What happened in the team, for people: the live log, the console, {@code logs -f}. */
public sealed interface TeamEvent {
    String role();

    record StateChanged(String role, SessionState state, String detail) implements TeamEvent {}

    record MessagePosted(String id, String role, String to, String text) implements TeamEvent {}

    record MessageDelivered(String id, String role) implements TeamEvent {}

    /** A role said something to the person running the team (send_message to "human"). */
    record ToHuman(String role, String text) implements TeamEvent {}

    record Said(String role, String text) implements TeamEvent {}

    record ToolUsed(String role, String summary) implements TeamEvent {}

    record PermissionDecided(String role, String summary, boolean allowed, String reason) implements TeamEvent {}

    record TurnEnded(String role, double turnCostUsd, double totalCostUsd, boolean error, String detail)
            implements TeamEvent {}

    record Exited(String role, int exitCode, boolean expected, List<String> stderrTail) implements TeamEvent {}

    record Warning(String role, String text) implements TeamEvent {}

    /** A task changed on the board; {@code role} is who changed it. */
    record TaskChanged(String role, String id, String status, String assignee, String title) implements TeamEvent {}
}
