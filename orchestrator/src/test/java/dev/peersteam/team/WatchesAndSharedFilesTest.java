package dev.peersteam.team;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code watches:} on roles and {@code shared:} files: what valid ones resolve to, and the checks across roles. */
class WatchesAndSharedFilesTest {
    @TempDir
    Path dir;

    @Test
    void watchesResolveToTheWatchedRolesInFileOrder() throws Exception {
        TeamSpec team = load("""
                roles:
                  backend:
                  frontend:
                  reviewer:
                    watches: {commits: [frontend, backend]}
                  qa:
                    watches:
                      tasks: [backend, frontend]
                      commits: []
                  docs:
                    watches: {}
                """);

        assertThat(team.role("reviewer").orElseThrow().watches())
                .isEqualTo(new WatchedRoles(java.util.List.of("frontend", "backend"), java.util.List.of()));
        assertThat(team.role("qa").orElseThrow().watches().tasks()).containsExactly("backend", "frontend");
        assertThat(team.role("qa").orElseThrow().watches().commits()).isEmpty();
        assertThat(team.role("docs").orElseThrow().watches()).isEqualTo(WatchedRoles.NONE);
        assertThat(team.role("backend").orElseThrow().watches().isEmpty()).isTrue();
        assertThat(team.commitWatchersOf("backend")).extracting(RoleSpec::name).containsExactly("reviewer");
        assertThat(team.taskWatchersOf("frontend")).extracting(RoleSpec::name).containsExactly("qa");
        assertThat(team.commitWatchersOf("reviewer")).isEmpty();
    }

    @Test
    void aCycleIsNoCycleWhenOneSideIsATaskWatch() throws Exception {
        TeamSpec team = load("""
                roles:
                  backend:
                    watches: {tasks: [reviewer]}
                  reviewer:
                    watches: {commits: [backend]}
                  qa:
                    watches: {tasks: [backend, qa-two]}
                  qa-two:
                    watches: {tasks: [qa]}
                """);

        assertThat(team.commitWatchersOf("backend")).extracting(RoleSpec::name).containsExactly("reviewer");
        assertThat(team.taskWatchersOf("reviewer")).extracting(RoleSpec::name).containsExactly("backend");
        assertThat(team.taskWatchersOf("qa")).extracting(RoleSpec::name).containsExactly("qa-two");
    }

    @Test
    void watchingBothCommitsAndTasksOfOneRoleIsFine() throws Exception {
        TeamSpec team = load("""
                roles:
                  backend:
                  reviewer:
                    watches: {commits: [backend], tasks: [backend]}
                """);

        assertThat(team.role("reviewer").orElseThrow().watches().watchesCommitsOf("backend"))
                .isTrue();
        assertThat(team.role("reviewer").orElseThrow().watches().watchesTasksOf("backend"))
                .isTrue();
    }

    @Test
    void aCycleNamesItsRolesInOrderAndTheOthersInTheSameLoop() throws Exception {
        TeamFileException e = failing("""
                roles:
                  lead:
                  a:
                    watches: {commits: [b, c]}
                  b:
                    watches: {commits: [a]}
                  c:
                    watches: {commits: [b]}
                """);

        assertThat(e.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.line() + ":" + problem.column()).isEqualTo("4:25");
            assertThat(problem.message())
                    .startsWith("commit watches form a cycle: a → b → a (a watches b's commits,"
                            + " b watches a's commits)")
                    .endsWith("; c also takes part in this loop");
        });
    }

    @Test
    void separateCyclesAreEachReported() throws Exception {
        TeamFileException e = failing("""
                roles:
                  a: {watches: {commits: [b]}}
                  b: {watches: {commits: [a]}}
                  c: {watches: {commits: [d]}}
                  d: {watches: {commits: [c], tasks: [a]}}
                """);

        assertThat(e.problems())
                .extracting(Problem::message)
                .satisfiesExactly(
                        first -> assertThat(first).startsWith("commit watches form a cycle: a → b → a"),
                        second -> assertThat(second).startsWith("commit watches form a cycle: c → d → c"));
    }

    @Test
    void badWatchesAreReportedTogetherWithTheRestOfTheFile() throws Exception {
        TeamFileException e = failing("""
                roles:
                  backend:
                    watches: {commits: [backend, nobody], tasks: [qa]}
                  qa:
                    watches: {tasks: [human]}
                """);

        assertThat(e.problems())
                .extracting(problem -> problem.line() + ":" + problem.column())
                .containsExactly("3:25", "3:34", "5:23");
    }

    @Test
    void sharedFilesResolveToNormalizedPathsWithTheirOwners() throws Exception {
        TeamSpec team = load("""
                shared:
                  - path: ./api/openapi.yaml
                    owners: [backend]
                  - {path: schema/, owners: [backend, data]}
                roles:
                  backend:
                  frontend:
                  data:
                """);

        assertThat(team.shared())
                .containsExactly(
                        new SharedFile("api/openapi.yaml", java.util.List.of("backend")),
                        new SharedFile("schema", java.util.List.of("backend", "data")));
        assertThat(team.sharedFileCovering("schema/orders.sql"))
                .map(SharedFile::path)
                .contains("schema");
        assertThat(team.sharedFileCovering("schema-old/x.sql")).isEmpty();
        assertThat(team.sharedFileCovering("api/openapi.yaml").orElseThrow().ownedBy("backend"))
                .isTrue();
        assertThat(team.sharedFileCovering("api/openapi.yaml").orElseThrow().ownedBy("frontend"))
                .isFalse();
    }

    @Test
    void noSharedKeyAndAnEmptyOneMeanNoSharedFiles() throws Exception {
        assertThat(load("roles: {solo: {}}\n").shared()).isEmpty();
        assertThat(load("shared:\nroles: {solo: {}}\n").shared()).isEmpty();
        assertThat(load("shared: []\nroles: {solo: {}}\n").shared()).isEmpty();
    }

    @Test
    void aSharedPathInsideTheWorktreesFolderIsRefused() throws Exception {
        TeamFileException e = failing("""
                shared:
                  - {path: worktrees/backend/api.yaml, owners: [backend]}
                roles:
                  backend:
                """);

        assertThat(e.problems())
                .singleElement()
                .satisfies(problem -> assertThat(problem.message()).contains("is inside the worktrees folder"));
    }

    @Test
    void patternsAndGitPathsAreRefused() throws Exception {
        TeamFileException e = failing("""
                shared:
                  - {path: "api/*.yaml", owners: [backend]}
                  - {path: .git/config, owners: [backend]}
                  - {path: ., owners: [backend]}
                roles:
                  backend:
                """);

        assertThat(e.problems())
                .extracting(Problem::message)
                .satisfiesExactly(
                        first -> assertThat(first).contains("is a pattern"),
                        second -> assertThat(second).contains("is inside .git"),
                        third -> assertThat(third).contains("names the whole repository"));
    }

    private TeamSpec load(String yaml) throws Exception {
        return TeamFileLoader.load(write(yaml));
    }

    private TeamFileException failing(String yaml) throws IOException {
        Path file = write(yaml);
        TeamFileException e = catchThrowableOfType(TeamFileException.class, () -> TeamFileLoader.load(file));
        assertThat(e).as("the file should be refused").isNotNull();
        return e;
    }

    private Path write(String yaml) throws IOException {
        return Files.writeString(dir.resolve("team.yaml"), yaml);
    }
}
