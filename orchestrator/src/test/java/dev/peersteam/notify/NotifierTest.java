package dev.peersteam.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.peersteam.board.TaskStatus;
import dev.peersteam.control.SessionState;
import dev.peersteam.control.TeamEvent;
import dev.peersteam.control.Usd;
import dev.peersteam.json.Json;
import dev.peersteam.team.NoticeKind;
import dev.peersteam.team.NotifyTarget;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The notifier against real targets: a webhook receiver on 127.0.0.1 (the JDK's HTTP server) and real commands run
 * by {@code sh}. Every kind of notice once, nothing twice, a hostile text kept harmless, and a slow or failing target
 * that neither slows the caller nor is reported more than once.
 */
@Timeout(60)
class NotifierTest {
    private static final Notifier.Settings FAST =
            new Notifier.Settings(Duration.ofSeconds(30), Duration.ofSeconds(5), Duration.ofSeconds(10), 256);

    @TempDir
    Path dir;

    private HttpServer receiver;
    private final List<JsonNode> received = new CopyOnWriteArrayList<>();
    private final List<String> warnings = Collections.synchronizedList(new ArrayList<>());
    private volatile int status = 200;
    private volatile CountDownLatch holdAnswers = new CountDownLatch(0);

    private URI startReceiver() throws IOException {
        receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        receiver.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        receiver.createContext("/hook", exchange -> {
            try (exchange) {
                assertThat(exchange.getRequestMethod()).isEqualTo("POST");
                assertThat(exchange.getRequestHeaders().getFirst("Content-Type"))
                        .isEqualTo("application/json");
                received.add(Json.MAPPER.readTree(exchange.getRequestBody().readAllBytes()));
                holdAnswers.await();
                byte[] body = (status == 200 ? "ok" : "no such hook").getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(status, body.length);
                exchange.getResponseBody().write(body);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        receiver.start();
        return URI.create("http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook/T0/secret");
    }

    @AfterEach
    void stopReceiver() {
        holdAnswers.countDown();
        if (receiver != null) {
            receiver.stop(0);
        }
    }

    private Notifier notifier(List<NotifyTarget> targets, Notifier.Settings settings) {
        Notifier notifier = new Notifier("shop", targets, dir, warnings::add, Clock.systemUTC(), settings);
        notifier.dashboardAt("http://127.0.0.1:7411/");
        return notifier;
    }

    /** One event of each kind, each told twice where the same event can come again, and events that are no news. */
    private static List<TeamEvent> oneOfEachKind(String hostile) {
        return List.of(
                new TeamEvent.PermissionAsked("qa", "p1", "Bash(" + hostile + ")", "not allowed"),
                new TeamEvent.PermissionAsked("qa", "p1", "Bash(" + hostile + ")", "not allowed"),
                new TeamEvent.Said("qa", "just talking"),
                new TeamEvent.Exited("backend", 137, false, List.of("Killed")),
                new TeamEvent.BudgetReached("qa", Usd.ofDollars(0.52), Usd.ofDollars(0.5)),
                new TeamEvent.BudgetReached("qa", Usd.ofDollars(0.52), Usd.ofDollars(0.5)),
                new TeamEvent.TaskChanged("qa", "T2", TaskStatus.FAILED, "backend", "Login"),
                new TeamEvent.TaskChanged("lead", "T2", TaskStatus.FAILED, "backend", "Login"),
                new TeamEvent.Settled(null, TeamEvent.Settled.STUCK, "2 tasks: 1 failed, 1 assigned"),
                new TeamEvent.Settled(null, TeamEvent.Settled.DONE, "1 task: 1 done"),
                new TeamEvent.StateChanged("qa", SessionState.IDLE, null));
    }

    @Test
    void theWebhookGetsOneJsonNoticePerKindAndTheCommandRunsForEach() throws Exception {
        URI hook = startReceiver();
        Path commandLog = dir.resolve("notices.log");
        String script = "read -r line; printf '%s\\t%s\\t%s\\t%s\\n' \"$PEERS_NOTIFY_KIND\" \"$PEERS_NOTIFY_ROLE\""
                + " \"$PEERS_NOTIFY_TEXT\" \"$line\" >> " + commandLog;
        try (Notifier notifier = notifier(
                List.of(new NotifyTarget.Webhook(hook, Set.of()), NotifyTarget.Command.shell(script, Set.of())),
                FAST)) {
            oneOfEachKind("curl <!channel> & <https://evil.example|click me>").forEach(notifier::accept);
        } // close waits for what is queued

        assertThat(received)
                .extracting(n -> n.path("kind").asText())
                .containsExactlyInAnyOrder("permission", "crashed", "budget", "task_failed", "stuck", "done");
        JsonNode permission = received.stream()
                .filter(n -> n.path("kind").asText().equals("permission"))
                .findFirst()
                .orElseThrow();
        assertThat(permission.path("team").asText()).isEqualTo("shop");
        assertThat(permission.path("role").asText()).isEqualTo("qa");
        assertThat(permission.path("id").asText()).isEqualTo("p1");
        assertThat(permission.path("count").asInt()).isEqualTo(1);
        assertThat(permission.path("dashboard").asText()).isEqualTo("http://127.0.0.1:7411/");
        assertThat(permission.path("text").asText())
                .as("Slack's text: no mention, no disguised link")
                .startsWith(
                        "peers-team: qa asks to use Bash(curl &lt;!channel&gt; &amp; &lt;https://evil.example|click me&gt;)")
                .doesNotContain("<", ">");

        List<String> lines = Files.readAllLines(commandLog);
        assertThat(lines)
                .extracting(line -> line.substring(0, line.indexOf('\t')))
                .containsExactlyInAnyOrder("permission", "crashed", "budget", "task_failed", "stuck", "done");
        String commandPermission = lines.stream()
                .filter(l -> l.startsWith("permission\t"))
                .findFirst()
                .orElseThrow();
        String[] parts = commandPermission.split("\t", 4);
        assertThat(parts[1]).isEqualTo("qa");
        assertThat(parts[2])
                .as("the command gets the text as the model wrote it, in one line")
                .contains("Bash(curl <!channel> & <https://evil.example|click me>)");
        assertThat(Json.MAPPER.readTree(parts[3]).path("kind").asText())
                .as("and the notice as JSON on stdin")
                .isEqualTo("permission");
        assertThat(warnings).isEmpty();
    }

    @Test
    void eachTargetGetsOnlyTheKindsItAsksFor() throws Exception {
        URI hook = startReceiver();
        try (Notifier notifier = notifier(
                List.of(new NotifyTarget.Webhook(hook, Set.of(NoticeKind.DONE, NoticeKind.PERMISSION))), FAST)) {
            oneOfEachKind("ls").forEach(notifier::accept);
        }
        assertThat(received).extracting(n -> n.path("kind").asText()).containsExactlyInAnyOrder("permission", "done");
    }

    @Test
    void aBurstOfOneKindIsOneNoticeAndOneSummaryNeverMore() throws Exception {
        URI hook = startReceiver();
        try (Notifier notifier = notifier(List.of(new NotifyTarget.Webhook(hook, Set.of())), FAST)) {
            for (int i = 1; i <= 20; i++) {
                notifier.accept(new TeamEvent.PermissionAsked("qa", "p" + i, "Bash(make " + i + ")", "why"));
            }
        } // closing sends what the rate limit held
        assertThat(received).hasSize(2);
        assertThat(received.get(0).path("id").asText()).isEqualTo("p1");
        assertThat(received.get(1).path("count").asInt()).isEqualTo(19);
        assertThat(received.get(1).path("text").asText())
                .startsWith("peers-team: 19 more: qa asks to use Bash(make 2)");
    }

    @Test
    void aFailingWebhookIsReportedOnceAndTheOtherTargetsGoOn() throws Exception {
        URI hook = startReceiver();
        status = 500;
        Path commandLog = dir.resolve("ran.log");
        try (Notifier notifier = notifier(
                List.of(
                        new NotifyTarget.Webhook(hook, Set.of()),
                        NotifyTarget.Command.shell("echo \"$PEERS_NOTIFY_KIND\" >> " + commandLog, Set.of()),
                        NotifyTarget.Command.shell("echo broken >&2; exit 3", Set.of()),
                        new NotifyTarget.Command(
                                List.of(dir.resolve("no-such-program").toString()), Set.of())),
                FAST)) {
            oneOfEachKind("ls").forEach(notifier::accept);
        }
        assertThat(received).hasSize(6);
        assertThat(Files.readAllLines(commandLog)).hasSize(6);
        assertThat(warnings)
                .hasSize(3)
                .contains(
                        "notify: webhook http://127.0.0.1:"
                                + receiver.getAddress().getPort()
                                + "/… failed (HTTP 500: no such hook); the team goes on, and later failures of it"
                                + " are not shown",
                        "notify: command echo broken >&2; exit 3 failed (it exited with code 3: broken); the team"
                                + " goes on, and later failures of it are not shown")
                .anySatisfy(w -> assertThat(w)
                        .startsWith("notify: command " + dir.resolve("no-such-program") + " failed (cannot start it: ")
                        .endsWith("the team goes on, and later failures of it are not shown"));
    }

    @Test
    void aTargetThatHangsNeitherSlowsTheCallerNorHoldsUpTheOthers() throws Exception {
        URI hook = startReceiver();
        holdAnswers = new CountDownLatch(1); // the webhook never answers while the test runs
        Path commandLog = dir.resolve("ran.log");
        Notifier.Settings settings =
                new Notifier.Settings(Duration.ofMillis(1), Duration.ofSeconds(2), Duration.ofSeconds(3), 4);
        try (Notifier notifier = notifier(
                List.of(
                        new NotifyTarget.Webhook(hook, Set.of()),
                        NotifyTarget.Command.shell("sleep 30", Set.of(NoticeKind.CRASHED)),
                        NotifyTarget.Command.shell(
                                "echo \"$PEERS_NOTIFY_ID\" >> " + commandLog, Set.of(NoticeKind.PERMISSION))),
                settings)) {
            long start = System.nanoTime();
            for (int i = 1; i <= 200; i++) {
                notifier.accept(new TeamEvent.PermissionAsked("qa", "p" + i, "Bash(x)", "why"));
                notifier.accept(new TeamEvent.Exited("qa", 1, false, List.of()));
            }
            long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertThat(tookMs)
                    .as("400 events handed over without waiting on any target")
                    .isLessThan(1000);
        }
        assertThat(commandLog)
                .as("the quick command ran although the others hung until they were given up")
                .exists();
        assertThat(warnings)
                .anySatisfy(w -> assertThat(w)
                        .startsWith("notify: webhook http://127.0.0.1:")
                        .contains("no answer within 2 s"))
                .anySatisfy(w ->
                        assertThat(w).contains("command sleep 30 failed (it did not finish within 2 s and was killed)"))
                .anySatisfy(w -> assertThat(w).startsWith("notify: a notice was dropped because"));
        assertThat(warnings.stream().filter(w -> w.startsWith("notify: a notice was dropped")))
                .hasSize(1);
    }
}
