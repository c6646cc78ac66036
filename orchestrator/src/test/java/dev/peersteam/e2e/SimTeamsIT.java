package dev.peersteam.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.peersteam.testing.CoordinatorProcess;
import dev.peersteam.testing.SimCommand;
import dev.peersteam.testing.TestRepos;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Overlap alerts, watches and shared files with a team of simulated agents (the role key {@code command:} runs the
 * sim from the packaged jar, with the behaviour script {@code sim-teams.yaml}): the fast versions of the end-to-end
 * tests of issues 6 and 7, through the packaged {@code peers-team up}.
 */
class SimTeamsIT {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path temp;

    private Path repo;

    private void team(String goal, String shared, String roles) throws Exception {
        repo = TestRepos.init(temp.resolve("repo"));
        TestRepos.git(repo, "config", "user.name", "peers test");
        TestRepos.git(repo, "config", "user.email", "test@peers.invalid");
        Files.writeString(repo.resolve("team.yaml"), """
                name: sims
                goal: "%s"
                defaults:
                  command: [%s]
                  permission_mode: acceptEdits
                  allowed_tools: ["Bash(git *)"]
                %s
                roles:
                %s
                """.formatted(
                        goal, simCommand(), shared, roles.indent(2).stripTrailing()));
    }

    private static String simCommand() throws URISyntaxException {
        return SimCommand.yamlList(
                Path.of(SimTeamsIT.class.getResource("sim-teams.yaml").toURI()));
    }

    private CoordinatorProcess up() throws Exception {
        return CoordinatorProcess.start(
                repo, Map.of("PATH", System.getenv("PATH"), "HOME", temp.toString()), "up", "team.yaml");
    }

    private static void stop(CoordinatorProcess up) throws InterruptedException {
        up.terminate();
        assertThat(up.waitFor(Duration.ofSeconds(30))).isEqualTo(143);
    }

    @Test
    void twoRolesEditingTheSameFileAreEachToldAboutTheOtherWithinOneTurn() throws Exception {
        team("Write your notes and get bob to write his.", "", """
                alice: {lead: true}
                bob: {}
                """);
        try (CoordinatorProcess up = up()) {
            up.awaitLine(l -> l.contains("alice") && l.contains("says: Heard: bob has also changed notes.txt"), WAIT);
            up.awaitLine(l -> l.contains("bob") && l.contains("says: Heard: alice has also changed notes.txt"), WAIT);
            assertThat(up.output())
                    .anySatisfy(
                            l -> assertThat(l)
                                    .containsPattern(
                                            "! overlap: (bob and alice|alice and bob) both changed notes.txt \\(\\w+ added it, \\w+ added it\\)"));
            stop(up);
            assertThat(up.output())
                    .filteredOn(l -> l.contains("overlap    -> "))
                    .hasSize(2);
        }
    }

    @Test
    void theReviewerGetsEachCommitWithItsDiffAndQaEachTaskInReview() throws Exception {
        team("Write greeting.txt and put it up for review.", "", """
                builder: {lead: true}
                reviewer: {watches: {commits: [builder]}}
                qa: {watches: {tasks: [builder]}}
                """);
        try (CoordinatorProcess up = up()) {
            up.awaitLine(
                    l -> l.contains("reviewer")
                            && l.contains("says: Reviewing: 1 new commit by builder on " + "peers/builder: / commit ")
                            && l.contains(": Add the greeting (1 file changed, 1 insertion(+)) / ```diff / diff --git "
                                    + "a/greeting.txt b/greeting.txt"),
                    WAIT);
            up.awaitLine(
                    l -> l.contains("qa")
                            && l.contains("says: Testing: Task T1 \"Greeting\" of builder is "
                                    + "review. / Details: greeting.txt says hello / Notes: / - builder: committed on peers/builder / "
                                    + "Branch peers/builder is at "),
                    WAIT);
            up.awaitLine(l -> l.contains("qa         -> builder: T1 passes"), WAIT);
            stop(up);
            assertThat(up.output())
                    .filteredOn(l -> l.contains("watch      -> reviewer"))
                    .hasSize(1);
            assertThat(up.output())
                    .filteredOn(l -> l.contains("watch      -> qa"))
                    .hasSize(1);
        }
    }

    @Test
    void anOwnersCommitToASharedFileReachesTheOthersAndANonOwnerThatChangesItIsTold() throws Exception {
        team("Write the contract, then tell frontend.", """
                shared:
                  - path: api/openapi.yaml
                    owners: [backend]
                """, """
                backend: {lead: true}
                frontend: {}
                """);
        try (CoordinatorProcess up = up()) {
            up.awaitLine(
                    l -> l.contains("frontend")
                            && l.contains(
                                    "says: Heard: backend changed the shared file " + "api/openapi.yaml in commit ")
                            && l.contains("\"Contract: GET /api/items\" on peers/backend: / " + "```diff"),
                    WAIT);
            up.awaitLine(
                    l -> l.contains("frontend")
                            && l.contains(
                                    "says: Heard: You changed api/openapi.yaml, a " + "shared file owned by backend."),
                    WAIT);
            assertThat(up.output())
                    .anySatisfy(
                            l -> assertThat(l)
                                    .contains(
                                            "frontend   ! shared: frontend changed "
                                                    + "api/openapi.yaml (owned by backend); told it to propose the change to the owner"));
            stop(up);
            assertThat(up.output())
                    .as("the owner gets no notice of its own change")
                    .noneMatch(l -> l.contains("shared     -> backend"));
        }
    }
}
