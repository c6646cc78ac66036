package dev.peersteam.init;

import static org.assertj.core.api.Assertions.assertThat;

import dev.peersteam.team.RoleSpec;
import dev.peersteam.team.SharedFile;
import dev.peersteam.team.TeamSpec;
import dev.peersteam.team.WatchedRoles;
import java.util.List;
import java.util.Map;

/** What each team pattern is, for the tests of init, of examples/ and of team.yaml.example. */
public final class PatternChecks {
    private PatternChecks() {}

    /** What each pattern's team must be: roles in order (the first is the lead), watches, shared files. */
    public record Expected(List<String> roles, Map<String, WatchedRoles> watches, List<SharedFile> shared) {}

    public static Expected expected(TeamPattern pattern) {
        SharedFile contract = new SharedFile("api/openapi.yaml", List.of("backend"));
        return switch (pattern) {
            case REVIEW ->
                new Expected(
                        List.of("builder", "reviewer"),
                        Map.of("reviewer", new WatchedRoles(List.of("builder"), List.of())),
                        List.of());
            case MIXED ->
                new Expected(
                        List.of("builder", "reviewer"),
                        Map.of("reviewer", new WatchedRoles(List.of("builder"), List.of())),
                        List.of());
            case FULLSTACK -> new Expected(List.of("backend", "frontend"), Map.of(), List.of(contract));
            case MANAGER -> new Expected(List.of("manager", "backend", "frontend"), Map.of(), List.of());
            case QA ->
                new Expected(
                        List.of("builder", "qa"),
                        Map.of("qa", new WatchedRoles(List.of(), List.of("builder"))),
                        List.of());
            case ALL ->
                new Expected(
                        List.of("manager", "backend", "frontend", "reviewer", "qa"),
                        Map.of(
                                "reviewer",
                                new WatchedRoles(List.of("backend", "frontend"), List.of()),
                                "qa",
                                new WatchedRoles(List.of(), List.of("backend", "frontend"))),
                        List.of(contract));
        };
    }

    /** The team a pattern describes, as a loaded team file must show it. */
    public static void assertIsPattern(TeamSpec team, TeamPattern pattern) {
        Expected expected = expected(pattern);
        assertThat(team.roleNames()).as(pattern.id()).isEqualTo(expected.roles());
        assertThat(team.lead().name())
                .as(pattern.id())
                .isEqualTo(expected.roles().getFirst());
        for (RoleSpec role : team.roles()) {
            assertThat(role.watches())
                    .as(pattern.id() + " " + role.name())
                    .isEqualTo(expected.watches().getOrDefault(role.name(), WatchedRoles.NONE));
            assertThat(role.prompt()).as(pattern.id() + " " + role.name()).startsWith("# Role: ");
        }
        assertThat(team.shared()).as(pattern.id()).isEqualTo(expected.shared());
        assertThat(team.roles())
                .as(pattern.id() + ": Codex only where the pattern says so")
                .extracting(RoleSpec::agent)
                .containsExactlyElementsOf(team.roles().stream()
                        .map(role -> pattern == TeamPattern.MIXED && role.name().equals("reviewer")
                                ? dev.peersteam.team.AgentKind.CODEX
                                : dev.peersteam.team.AgentKind.CLAUDE)
                        .toList());
        assertThat(team.roles())
                .extracting(role -> role.promptFile().getFileName().toString())
                .containsExactlyElementsOf(
                        pattern.prompts().stream().map(name -> name + ".md").toList());
    }
}
