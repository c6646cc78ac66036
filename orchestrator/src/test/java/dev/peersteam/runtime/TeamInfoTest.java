package dev.peersteam.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.peersteam.team.TeamSpec;
import dev.peersteam.testing.TestRepos;
import dev.peersteam.testing.TestTeams;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TeamInfoTest {
    @TempDir
    Path tmp;

    @Test
    void theBaseBranchIsWrittenAndReadBack() {
        Path file = tmp.resolve("team.json");
        TeamInfo info = new TeamInfo(
                "demo",
                "team.yaml",
                "/repo",
                "abc",
                "/repo/worktrees",
                "qa",
                List.of(new TeamInfo.RoleInfo("qa", true, "peers/qa", "/repo/worktrees/qa")),
                "main");

        info.write(file);

        assertThat(TeamInfo.read(file)).contains(info);
    }

    @Test
    void aTeamFileOfAnOlderPeersTeamHasNoBaseBranch() throws Exception {
        Path file = tmp.resolve("team.json");
        Files.writeString(file, """
                {"name":"demo","teamFile":"team.yaml","repo":"/repo","baseCommit":"abc","worktrees":"/w","lead":"qa",
                 "roles":[{"name":"qa","lead":true,"branch":"peers/qa","worktree":"/w/qa"}]}
                """);

        TeamInfo info = TeamInfo.read(file).orElseThrow();

        assertThat(info.baseBranch()).isNull();
        assertThat(info.baseCommit()).isEqualTo("abc");
        assertThat(info.roleNames()).containsExactly("qa");
    }

    @Test
    void theBaseBranchIsTheBaseWhenItIsABranchElseTheCheckedOutBranch() throws Exception {
        Path repo = TestRepos.init(tmp.resolve("repo"));
        TestRepos.git(repo, "branch", "dev");
        TestRepos.git(repo, "tag", "v1");
        TeamSpec noBase = TestTeams.team(repo, null, "qa");

        assertThat(Workspace.check(noBase).baseBranch()).isEqualTo("main");
        assertThat(Workspace.check(withBase(noBase, "dev")).baseBranch()).isEqualTo("dev");
        assertThat(Workspace.check(withBase(noBase, "v1")).baseBranch()).isEqualTo("main");

        TestRepos.git(repo, "switch", "-q", "--detach", "v1");
        assertThat(Workspace.check(noBase).baseBranch()).isNull();
        assertThat(Workspace.check(withBase(noBase, "dev")).baseBranch()).isEqualTo("dev");
    }

    private static TeamSpec withBase(TeamSpec team, String base) {
        return new TeamSpec(
                team.file(),
                team.name(),
                team.repo(),
                base,
                team.worktrees(),
                team.goal(),
                team.budgetUsd(),
                team.setup(),
                team.copy(),
                team.roles());
    }
}
