package dev.peersteam.web;

import dev.peersteam.control.Usd;
import java.util.List;

/**
 * The team as the page shows it, sent whole to each browser whenever it changes (a few kilobytes): the roles, the
 * tool calls waiting for a person, the board, the cost. Every text in it may come from a model; the page only ever
 * sets it as text.
 *
 * @param live      whether the dashboard still hears the team (false once it has stopped)
 * @param ended     why it stopped hearing it; null while live
 * @param budgetUsd null when the team file sets none (as for a role's)
 * @param paused    why and until when new turns wait (the API's limit, the hourly budget); null when they do not
 */
record Picture(
        String team,
        boolean live,
        String ended,
        Usd costUsd,
        Usd budgetUsd,
        long uptimeS,
        List<RoleCard> roles,
        List<Waiting> waiting,
        List<TaskCard> tasks,
        String paused) {

    Picture {
        roles = List.copyOf(roles);
        waiting = List.copyOf(waiting);
        tasks = List.copyOf(tasks);
    }

    Picture ended(String why) {
        return new Picture(team, false, why, costUsd, budgetUsd, uptimeS, roles, waiting, tasks, null);
    }

    /** One role: what {@code ps} says, with its branch from the team's description. */
    record RoleCard(
            String name,
            boolean lead,
            String state,
            String task,
            String taskTitle,
            Usd costUsd,
            Usd budgetUsd,
            int queued,
            Long pid,
            String lastTool,
            String branch,
            String stoppedBecause,
            int waiting,
            String apiLimits) {}

    /**
     * A tool call waiting for a person, with its whole input as indented JSON ({@code inputCut}: only its start,
     * the call is too big to show whole) and, when the dashboard saw it asked, why the rules did not settle it.
     */
    record Waiting(String id, String role, String tool, String summary, String input, boolean inputCut, String why) {}

    record TaskCard(
            String id,
            String title,
            String details,
            String status,
            String assignee,
            List<String> dependsOn,
            boolean ready,
            List<String> notes) {}
}
