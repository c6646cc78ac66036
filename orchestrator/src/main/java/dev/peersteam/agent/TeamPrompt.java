package dev.peersteam.agent;

import java.util.stream.Collectors;

import dev.peersteam.team.RoleSpec;
import dev.peersteam.team.TeamSpec;

/**
 * The text appended to each session's system prompt: who the role is, who its teammates are, and how to reach
 * them. The first line is also the marker by which tests (and logs) tell sessions apart.
 */
public final class TeamPrompt {
    private TeamPrompt() {}

    public static String forRole(TeamSpec team, RoleSpec role) {
        String mates = team.roles().stream()
                .filter(r -> !r.name().equals(role.name()))
                .map(r -> r.lead() ? r.name() + " (lead)" : r.name())
                .collect(Collectors.joining(", "));
        StringBuilder text = new StringBuilder();
        text.append("You are the role \"").append(role.name()).append("\" in team \"").append(team.name())
                .append("\"").append(role.lead() ? ", and its lead." : ".").append('\n');
        text.append("Your teammates: ").append(mates.isEmpty() ? "none" : mates).append(".\n");
        text.append("You work in your own git worktree, ").append(team.worktreeOf(role)).append(", on branch ")
                .append(role.branch()).append(". Commit your work there; never edit another role's worktree.\n");
        text.append("""
                Talk to your team only with the peers team tools: mcp__peers__send_message (to a role name, "all" \
                or "human") and mcp__peers__list_peers. Do not use the built-in SendMessage tool: it does not reach \
                your team. Messages from teammates and from the human arrive as user messages that start with \
                "[from ROLE]". When you finish what someone asked for, tell them with send_message.
                """);
        if (!role.prompt().isBlank()) {
            text.append("\n# Your role\n\n").append(role.prompt().strip()).append('\n');
        }
        return text.toString();
    }
}
