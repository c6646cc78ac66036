package dev.peersteam.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.peersteam.team.AgentKind;
import dev.peersteam.team.RoleSpec;
import dev.peersteam.team.SharedFile;
import dev.peersteam.team.TeamSpec;
import dev.peersteam.team.WatchedRoles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TeamPromptTest {
    @TempDir
    Path dir;

    private static RoleSpec role(String name, boolean lead, String description, WatchedRoles watches) {
        return new RoleSpec(
                name,
                lead,
                "Do " + name + " things.",
                null,
                AgentKind.CLAUDE,
                null,
                "acceptEdits",
                List.of(),
                null,
                null,
                description,
                null,
                watches);
    }

    private TeamSpec team(Path repo, List<SharedFile> shared) {
        return new TeamSpec(
                repo.resolve("team.yaml"),
                "shop",
                repo,
                null,
                repo.resolve("worktrees"),
                null,
                null,
                List.of(),
                List.of(),
                List.of(
                        role("manager", true, "Plans the work and follows it up.", WatchedRoles.NONE),
                        role("backend", false, "Builds the API.", WatchedRoles.NONE),
                        role("reviewer", false, null, new WatchedRoles(List.of("backend"), List.of())),
                        role("qa", false, "Tests finished work.", new WatchedRoles(List.of(), List.of("backend")))),
                shared);
    }

    @Test
    void teammatesComeWithTheirDescriptionsAndTheFirstLineNamesTheRole() {
        TeamSpec team = team(dir, List.of());
        String prompt = TeamPrompt.forRole(team, team.role("backend").orElseThrow());
        assertThat(prompt)
                .startsWith(
                        "You are the role \"backend\" in team \"shop\".\nYour teammates:\n"
                                + "- manager (lead): Plans the work and follows it up.\n- reviewer\n- qa: Tests finished work.\n");
        assertThat(prompt)
                .contains("claim_files")
                .contains("release_files")
                .doesNotContain("merge {role")
                .endsWith("# Your role\n\nDo backend things.\n");
        assertThat(TeamPrompt.forRole(team, team.lead())).contains("As the lead you merge finished work: merge {role");
    }

    @Test
    void eachRoleIsToldWhomItWatchesAndWhoWatchesIt() {
        TeamSpec team = team(dir, List.of());
        assertThat(TeamPrompt.forRole(team, team.role("backend").orElseThrow()))
                .contains("Watching you: reviewer gets each of your commits")
                .contains("qa gets each of your tasks that reaches review or done")
                .doesNotContain("You watch your teammates' work");
        assertThat(TeamPrompt.forRole(team, team.role("reviewer").orElseThrow()))
                .contains("as messages from \"watch\": each new commit of backend, with its diff.")
                .doesNotContain("Watching you");
        assertThat(TeamPrompt.forRole(team, team.role("qa").orElseThrow()))
                .contains("each task of backend that reaches review or done, with the state of its branch.");
        assertThat(TeamPrompt.forRole(team, team.lead()))
                .doesNotContain("Watching you")
                .doesNotContain("You watch");
    }

    @Test
    void sharedFilesAreListedWithTheirOwnersAsSeenFromTheTopOfAWorktree() throws Exception {
        TeamSpec flat = team(dir, List.of(new SharedFile("api/openapi.yaml", List.of("backend"))));
        Files.createDirectories(dir.resolve(".git"));
        assertThat(TeamPrompt.forRole(flat, flat.role("backend").orElseThrow()))
                .contains("Shared files (")
                .contains("api/openapi.yaml (owner: backend, that is you).");
        assertThat(TeamPrompt.forRole(flat, flat.role("qa").orElseThrow()))
                .contains("api/openapi.yaml (owner: backend).");

        Path sub = Files.createDirectories(dir.resolve("services/shop"));
        TeamSpec nested = team(sub, List.of(new SharedFile("db", List.of("backend", "manager"))));
        assertThat(TeamPrompt.forRole(nested, nested.role("qa").orElseThrow()))
                .contains("services/shop/db (owners: backend, manager).");
        assertThat(TeamPrompt.forRole(team(dir, List.of()), team(dir, List.of()).lead()))
                .doesNotContain("Shared files");
    }
}
