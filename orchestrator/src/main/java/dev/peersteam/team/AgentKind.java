package dev.peersteam.team;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Which agent program a role runs. In the team file a kind is spelled in lower case ({@code agent: claude}). */
public enum AgentKind {
    /** The real Claude Code CLI, driven over its stdin/stdout in stream-json mode. */
    CLAUDE,
    /**
     * The built-in simulated agent: speaks the same protocol as the CLI but follows a behaviour script
     * ({@code sim_script}) instead of a model. For demos without a key, load tests and fault injection.
     */
    SIM,
    /**
     * The OpenAI Codex CLI, driven over its JSON-RPC app server ({@code codex app-server}); the coordinator sees it
     * through the same typed frames as Claude Code (docs/agents.md).
     */
    CODEX;

    /** The spelling used in team files. */
    public String yamlName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The kind a team file names, if there is one by that exact (lower-case) name. */
    public static Optional<AgentKind> fromYaml(String value) {
        return Arrays.stream(values())
                .filter(kind -> kind.yamlName().equals(value))
                .findFirst();
    }

    /** Every spelling a team file may use, for error messages. */
    public static List<String> yamlNames() {
        return Arrays.stream(values()).map(AgentKind::yamlName).toList();
    }
}
