package dev.peersteam.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.peersteam.git.BranchState;
import dev.peersteam.git.CommitInfo;
import dev.peersteam.git.GitRepo;
import dev.peersteam.git.NewCommits;
import dev.peersteam.team.SharedFile;
import dev.peersteam.team.TeamSpec;
import dev.peersteam.testing.TestRepos;
import dev.peersteam.testing.TestTeams;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The git side of watches for a team whose folder is a subfolder of its git repository. */
class WorkspaceRepositoryTest {
    @TempDir
    Path temp;

    @Test
    void commitsBranchStateAndPathsOfATeamInASubfolder() throws Exception {
        Path top = TestRepos.init(temp.toRealPath().resolve("top"));
        Path teamDir = Files.createDirectories(top.resolve("services/shop"));
        String base = TestRepos.git(top, "rev-parse", "HEAD").strip();
        Path wt = teamDir.resolve("worktrees/backend");
        TestRepos.git(top, "worktree", "add", "-q", "-b", "peers/backend", wt.toString(), base);
        TeamSpec plain = TestTeams.team(teamDir, null, "backend", "frontend");
        TeamSpec team = new TeamSpec(
                plain.file(),
                plain.name(),
                plain.repo(),
                null,
                plain.worktrees(),
                null,
                null,
                List.of(),
                List.of(),
                plain.roles(),
                List.of(new SharedFile("api/openapi.yaml", List.of("backend"))));
        WorkspaceRepository repository = new WorkspaceRepository(team, GitRepo.open(top), base, "main");

        assertThat(repository.teamPath("services/shop/api/openapi.yaml")).isEqualTo("api/openapi.yaml");
        assertThat(repository.teamPath("README.md"))
                .as("outside the team's folder")
                .isNull();
        assertThat(repository.branchHead("backend")).isEqualTo(base);
        assertThat(repository.branchHead("nobody")).isNull();

        Files.createDirectories(wt.resolve("services/shop/api"));
        Files.writeString(wt.resolve("services/shop/api/openapi.yaml"), "openapi: 3.1.0\n");
        TestRepos.git(wt, "add", "-A");
        TestRepos.git(wt, "commit", "-q", "-m", "Contract");
        Files.writeString(wt.resolve("draft.txt"), "not yet\n");

        NewCommits news = repository.commitsSince("backend", base, 10, 10_000);
        assertThat(news.commits()).singleElement().satisfies(c -> {
            assertThat(c.subject()).isEqualTo("Contract");
            assertThat(c.paths()).containsExactly("services/shop/api/openapi.yaml");
        });
        CommitInfo contract = news.commits().getFirst();
        assertThat(repository.commitPatch(contract.sha(), contract.paths(), 10_000))
                .contains("+openapi: 3.1.0");
        assertThat(repository.commitsSince("backend", news.head(), 10, 10_000).isEmpty())
                .isTrue();

        BranchState state = repository.branchState("backend");
        assertThat(state.head()).isEqualTo(news.head());
        assertThat(state.ahead()).isEqualTo(1);
        assertThat(state.stat()).contains("services/shop/api/openapi.yaml");
        assertThat(state.uncommitted()).containsExactly("draft.txt");
    }

    @Test
    void theTeamsFolderPrefix() throws Exception {
        Path top = temp.toRealPath();
        assertThat(WorkspaceRepository.prefixOf(top, top)).isEmpty();
        assertThat(WorkspaceRepository.prefixOf(top, Files.createDirectories(top.resolve("a/b"))))
                .isEqualTo("a/b/");
    }
}
