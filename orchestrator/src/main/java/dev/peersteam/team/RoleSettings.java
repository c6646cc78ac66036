package dev.peersteam.team;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.nodes.Node;

/**
 * The settings a role can inherit from {@code defaults:}. Each is null when not set at that level; a role's own value
 * replaces the default as a whole (lists are not merged), so a role can also narrow {@code allowed_tools}.
 *
 * @param writtenAt the value node of each setting by its key, where the team file writes it: checks that run after
 *                  the file is read (is the agent program there?) point at the line that chose the value
 */
record RoleSettings(
        AgentKind agent,
        String model,
        String permissionMode,
        List<String> allowedTools,
        List<String> command,
        Double budgetUsd,
        Path simScript,
        Boolean sandbox,
        String host,
        String remoteDir,
        Map<String, Node> writtenAt) {

    static final RoleSettings NONE =
            new RoleSettings(null, null, null, null, null, null, null, null, null, null, Map.of());

    RoleSettings {
        writtenAt = Map.copyOf(writtenAt);
    }

    /** These settings, with each unset one taken from {@code fallback}. */
    RoleSettings orElse(RoleSettings fallback) {
        Map<String, Node> places = new HashMap<>(writtenAt);
        fallback.writtenAt.forEach(places::putIfAbsent);
        return new RoleSettings(
                agent != null ? agent : fallback.agent,
                model != null ? model : fallback.model,
                permissionMode != null ? permissionMode : fallback.permissionMode,
                allowedTools != null ? allowedTools : fallback.allowedTools,
                command != null ? command : fallback.command,
                budgetUsd != null ? budgetUsd : fallback.budgetUsd,
                simScript != null ? simScript : fallback.simScript,
                sandbox != null ? sandbox : fallback.sandbox,
                host != null ? host : fallback.host,
                remoteDir != null ? remoteDir : fallback.remoteDir,
                places);
    }
}
