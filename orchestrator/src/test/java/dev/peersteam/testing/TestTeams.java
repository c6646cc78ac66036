package dev.peersteam.testing;

import dev.peersteam.team.AgentKind;
import dev.peersteam.team.RoleSpec;
import dev.peersteam.team.TeamSpec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Team specs built in code, for tests that do not exercise the team file itself. */
public final class TestTeams {
    private TestTeams() {}

    /** A team whose first role is the lead; every role may use Read. */
    public static TeamSpec team(Path repo, String goal, String... roles) {
        List<RoleSpec> specs = new ArrayList<>();
        for (int i = 0; i < roles.length; i++) {
            specs.add(role(roles[i], i == 0, List.of("Read")));
        }
        return new TeamSpec(
                repo.resolve("team.yaml"),
                "test",
                repo,
                null,
                repo.resolve("worktrees"),
                goal,
                null,
                List.of(),
                List.of(),
                List.copyOf(specs));
    }

    /** {@link #team} with {@code budget_usd_per_hour}. */
    public static TeamSpec withHourlyBudget(TeamSpec team, double usdPerHour) {
        return new TeamSpec(
                team.file(),
                team.name(),
                team.repo(),
                team.base(),
                team.worktrees(),
                team.goal(),
                team.budgetUsd(),
                team.setup(),
                team.copy(),
                team.roles(),
                team.shared(),
                team.maxActive(),
                team.notifyTargets(),
                usdPerHour);
    }

    public static RoleSpec role(String name, boolean lead, List<String> allowedTools) {
        return new RoleSpec(
                name,
                lead,
                "You are " + name + ".",
                null,
                AgentKind.CLAUDE,
                null,
                "acceptEdits",
                allowedTools,
                null,
                null);
    }
}
