package dev.peersteam.team;

import java.util.List;

/**
 * The settings a role can inherit from {@code defaults:}. Each is null when not set at that level; a role's own value
 * replaces the default as a whole (lists are not merged), so a role can also narrow {@code allowed_tools}.
 */
record RoleSettings(
        AgentKind agent,
        String model,
        String permissionMode,
        List<String> allowedTools,
        List<String> command,
        Double budgetUsd,
        java.nio.file.Path simScript,
        Boolean sandbox) {

    static final RoleSettings NONE = new RoleSettings(null, null, null, null, null, null, null, null);

    /** These settings, with each unset one taken from {@code fallback}. */
    RoleSettings orElse(RoleSettings fallback) {
        return new RoleSettings(
                agent != null ? agent : fallback.agent,
                model != null ? model : fallback.model,
                permissionMode != null ? permissionMode : fallback.permissionMode,
                allowedTools != null ? allowedTools : fallback.allowedTools,
                command != null ? command : fallback.command,
                budgetUsd != null ? budgetUsd : fallback.budgetUsd,
                simScript != null ? simScript : fallback.simScript,
                sandbox != null ? sandbox : fallback.sandbox);
    }
}
