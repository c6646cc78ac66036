package dev.peersteam.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.peersteam.testing.ClaudeCliForTests;
import dev.peersteam.testing.CoordinatorProcess;
import dev.peersteam.testing.FakeAnthropicApi;
import dev.peersteam.testing.ModelReply;
import dev.peersteam.testing.Script;
import dev.peersteam.testing.TestRepos;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A coordinator killed with SIGKILL leaves no claude behind: each session sees its stdin close and exits. */
class CoordinatorKilledIT {
    @TempDir
    Path temp;

    @Test
    void sessionsExitWhenTheCoordinatorIsKilled() throws Exception {
        Path repo = TestRepos.init(temp.resolve("repo"));
        Files.writeString(repo.resolve("team.yaml"), """
                defaults: {model: claude-sonnet-4-5}
                roles:
                  alice: {prompt: "x"}
                  bob: {prompt: "y"}
                """);
        try (FakeAnthropicApi api = FakeAnthropicApi.start(Script.always(ModelReply.text("ok")))) {
            Map<String, String> env = new HashMap<>(ClaudeCliForTests.environmentFor(api, temp.resolve("home")));
            env.put("PEERS_TEAM_CLAUDE", ClaudeCliForTests.binary().toString());
            try (CoordinatorProcess up = CoordinatorProcess.start(repo, env, "up", "team.yaml")) {
                up.awaitLine(line -> line.contains("alice") && line.contains("is idle"), Duration.ofSeconds(60));
                up.awaitLine(line -> line.contains("bob") && line.contains("is idle"), Duration.ofSeconds(60));
                List<ProcessHandle> sessions = up.descendants();
                assertThat(sessions).hasSizeGreaterThanOrEqualTo(2);

                up.kill();
                up.waitFor(Duration.ofSeconds(10));

                CompletableFuture.allOf(
                                sessions.stream().map(ProcessHandle::onExit).toArray(CompletableFuture[]::new))
                        .get(15, TimeUnit.SECONDS);
                assertThat(sessions).noneMatch(ProcessHandle::isAlive);
            }
        }
    }
}
