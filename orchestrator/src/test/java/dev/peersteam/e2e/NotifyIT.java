package dev.peersteam.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.peersteam.json.Json;
import dev.peersteam.testing.CoordinatorProcess;
import dev.peersteam.testing.TestRepos;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Notifications from a running team: {@code up --ask --notify CMD} with a webhook in the team file's {@code notify:}
 * and a team of simulated agents in which a tool call waits for a person, a task fails, a role reaches its budget, a
 * session crashes (and is restarted) and the team then gets stuck with a task open. The webhook receiver on
 * 127.0.0.1 gets one JSON notice of each kind, and the command gets the same on its stdin.
 */
class NotifyIT {
    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path temp;

    @Test
    @Timeout(180)
    void eachMomentThatNeedsAPersonReachesTheWebhookAndTheCommandOnce() throws Exception {
        List<JsonNode> received = new CopyOnWriteArrayList<>();
        CountDownLatch fiveKinds = new CountDownLatch(5);
        HttpServer receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        receiver.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        receiver.createContext("/hook", exchange -> {
            try (exchange) {
                received.add(Json.MAPPER.readTree(exchange.getRequestBody().readAllBytes()));
                fiveKinds.countDown();
                exchange.sendResponseHeaders(204, -1);
            }
        });
        receiver.start();
        try {
            Path repo = TestRepos.init(temp.resolve("repo"));
            TestRepos.git(repo, "config", "user.name", "peers test");
            TestRepos.git(repo, "config", "user.email", "test@peers.invalid");
            Files.copy(
                    Path.of(NotifyIT.class.getResource("sim-notify.yaml").toURI()),
                    repo.resolve("sim.yaml"),
                    StandardCopyOption.REPLACE_EXISTING);
            Files.writeString(repo.resolve("team.yaml"), """
                    name: shop
                    goal: "Go."
                    notify:
                      - webhook: http://127.0.0.1:%d/hook/T000/secret
                    defaults:
                      agent: sim
                      sim_script: sim.yaml
                      permission_mode: default
                      allowed_tools: [Read]
                    roles:
                      lead: {lead: true}
                      worker: {}
                      spender: {budget_usd: 0.01}
                      crasher: {}
                    """.formatted(
                            receiver.getAddress().getPort()));
            Path notices = repo.resolve("notices.jsonl");
            Map<String, String> env = Map.of("PATH", System.getenv("PATH"), "HOME", temp.toString());
            try (CoordinatorProcess up =
                    CoordinatorProcess.start(repo, env, "up", "--ask", "--notify", "cat >> " + notices, "team.yaml")) {
                up.awaitLine(l -> l.contains("worker") && l.contains("ASKS to use Bash(true)"), WAIT);
                // the crasher's second turn is its last: sent only once the first has ended, so the two messages
                // cannot be taken as one turn (as they are when both wait for a session that is still starting)
                up.awaitLine(l -> l.contains("crasher") && l.contains("turn done"), WAIT);
                try (CoordinatorProcess send = CoordinatorProcess.start(repo, env, "send", "crasher", "Second job.")) {
                    assertThat(send.waitFor(WAIT)).isZero();
                }
                try (CoordinatorProcess approve = CoordinatorProcess.start(repo, env, "approve", "p1")) {
                    assertThat(approve.waitFor(WAIT)).isZero();
                }
                up.awaitLine(l -> l.contains("crasher") && l.contains("CRASHED"), WAIT);
                up.awaitLine(l -> l.contains("crasher") && l.contains("says: Working on: Second job."), WAIT);
                up.awaitLine(l -> l.contains("! the team is stuck"), WAIT);
                // the notices are sent off the loop, a moment after the events
                assertThat(fiveKinds.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
                up.terminate();
                assertThat(up.waitFor(WAIT)).isEqualTo(143);
                assertThat(up.output()).noneMatch(l -> l.contains("notify:"));
            }

            assertThat(received)
                    .extracting(n -> n.path("kind").asText())
                    .containsExactlyInAnyOrder("permission", "task_failed", "budget", "crashed", "stuck");
            JsonNode permission = kind(received, "permission");
            assertThat(permission.path("role").asText()).isEqualTo("worker");
            assertThat(permission.path("id").asText()).isEqualTo("p1");
            assertThat(permission.path("team").asText()).isEqualTo("shop");
            assertThat(permission.path("text").asText()).startsWith("peers-team: worker asks to use Bash(true) [p1]");
            assertThat(kind(received, "budget").path("text").asText())
                    .contains("spender reached its budget: $0.0200 of $0.01");
            assertThat(kind(received, "task_failed").path("text").asText())
                    .contains("task T1 failed (worker): Ship it");
            assertThat(kind(received, "crashed").path("role").asText()).isEqualTo("crasher");

            List<JsonNode> fromCommand = Files.readAllLines(notices).stream()
                    .map(line -> {
                        try {
                            return Json.MAPPER.readTree(line);
                        } catch (java.io.IOException e) {
                            throw new AssertionError(line, e);
                        }
                    })
                    .toList();
            assertThat(fromCommand)
                    .extracting(n -> n.path("kind").asText())
                    .containsExactlyInAnyOrder("permission", "task_failed", "budget", "crashed", "stuck");
            assertThat(kind(fromCommand, "stuck").path("text").asText())
                    .startsWith("team shop is stuck: everyone is idle and tasks are open");
        } finally {
            receiver.stop(0);
        }
    }

    private static JsonNode kind(List<JsonNode> notices, String kind) {
        return notices.stream()
                .filter(n -> n.path("kind").asText().equals(kind))
                .findFirst()
                .orElseThrow();
    }
}
