package dev.peersteam.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.peersteam.testing.CoordinatorProcess;
import dev.peersteam.testing.TestRepos;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code peers-team demo} on a machine with no claude and no key: the board ends done, and the work is on branches. */
class DemoIT {
    @TempDir
    Path temp;

    @Test
    void theDemoRunsToTheEndWithoutClaudeOrAKey() throws Exception {
        Path demo = temp.resolve("demo");
        // Only what a bare machine has: no ANTHROPIC_* and no claude on PATH.
        Map<String, String> env = Map.of("PATH", "/usr/bin:/bin", "HOME", temp.toString());
        try (CoordinatorProcess run = CoordinatorProcess.start(temp, env, "demo", "--dir", demo.toString())) {
            assertThat(run.waitFor(Duration.ofSeconds(60))).isZero();
            assertThat(run.output())
                    .anySatisfy(l -> assertThat(l).contains("== peers-team: done: every task is done"))
                    .anySatisfy(l -> assertThat(l).contains("-> you: The item page is built and checked"));
        }
        assertThat(TestRepos.git(demo, "show", "peers/backend:api/items.json")).contains("apple");
        assertThat(TestRepos.git(demo, "show", "peers/frontend:web/index.html")).contains("<li>plum</li>");
    }

    /** Each pattern has a demo of its own, which shows its watches at work. */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource({
        "review, 'watch      -> reviewer: 1 new commit by builder', greet.sh",
        "qa, 'watch      -> qa: Task T1 \"Write greeting.txt\" of builder is review', greeting.txt",
        "fullstack, 'shared     -> frontend: backend changed the shared file api/openapi.yaml', api/openapi.yaml"
    })
    void eachPatternHasADemo(String pattern, String seen, String file) throws Exception {
        Path demo = temp.resolve(pattern);
        Map<String, String> env = Map.of("PATH", "/usr/bin:/bin", "HOME", temp.toString());
        try (CoordinatorProcess run = CoordinatorProcess.start(temp, env, "demo", pattern, "--dir", demo.toString())) {
            assertThat(run.waitFor(Duration.ofSeconds(60))).isZero();
            assertThat(run.output())
                    .anySatisfy(l -> assertThat(l).contains(seen))
                    .anySatisfy(l -> assertThat(l).startsWith("== peers-team: done"));
        }
        assertThat(TestRepos.git(demo, "log", "--all", "--name-only", "--format="))
                .contains(file);
    }
}
