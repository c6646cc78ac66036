package dev.peersteam.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.peersteam.cli.Main;
import dev.peersteam.json.Json;
import dev.peersteam.testing.ClaudeCliForTests;
import dev.peersteam.testing.CoordinatorProcess;
import dev.peersteam.testing.FakeAnthropicApi;
import dev.peersteam.testing.ModelReply;
import dev.peersteam.testing.ModelRequest;
import dev.peersteam.testing.Script;
import dev.peersteam.testing.ScriptedChannel;
import dev.peersteam.testing.TestRepos;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The board to completion with real {@code claude} sessions: a lead plans two dependent tasks, two workers do
 * them in their worktrees, {@code up --until-done} exits 0; a task assigned from another process reaches the team;
 * a coordinator killed with SIGKILL mid-run is restarted and finishes with nothing lost or done twice; and a team the
 * API rate-limits pauses, retries the turn the API stopped, and still finishes with nothing lost and no task failed.
 */
class BoardToCompletionIT {
    private static final Duration RUN = Duration.ofSeconds(120);

    @TempDir
    Path temp;

    private Path repo;

    private Map<String, String> env(FakeAnthropicApi api) {
        Map<String, String> env = new HashMap<>(ClaudeCliForTests.environmentFor(api, temp.resolve("home")));
        env.put("PEERS_TEAM_CLAUDE", ClaudeCliForTests.binary().toString());
        return env;
    }

    private void teamFile(String goal) throws Exception {
        repo = TestRepos.init(temp.resolve("repo"));
        Files.writeString(repo.resolve("team.yaml"), """
                name: shop
                %s
                defaults:
                  model: claude-sonnet-4-5
                  permission_mode: acceptEdits
                roles:
                  lead: {lead: true, prompt: "You plan."}
                  api: {prompt: "You build the API."}
                  web: {prompt: "You build the page."}
                """.formatted(goal == null ? "" : "goal: \"" + goal + "\""));
    }

    /** The lead plans T1 for api, then T2 for web after T1. */
    private static ModelReply lead(ModelRequest request) {
        long creates = request.toolUses().stream()
                .filter(u -> u.name().endsWith("create_task"))
                .count();
        if (!request.containsText("[from human]") || creates >= 2) {
            return ModelReply.text("ok");
        }
        return creates == 0
                ? ModelReply.toolUse(
                        "mcp__peers__create_task",
                        Map.of(
                                "title",
                                "Build the API",
                                "assignee",
                                "api",
                                "details",
                                "Write api.txt in your worktree."))
                : ModelReply.toolUse(
                        "mcp__peers__create_task",
                        Map.of("title", "Build the page", "assignee", "web", "depends_on", List.of("T1")));
    }

    /** A worker: read the board, start the task, write a file, mark it done. */
    private Script worker(String task, Path file, AtomicInteger doneAtSeq, AtomicInteger firstSeq) {
        return request -> {
            if (!request.containsText("Task " + task + " is yours")) {
                return ModelReply.text("nothing for me");
            }
            firstSeq.compareAndSet(0, request.seq());
            // Steps that worked so far: a call cut off by a crash (an error result) is simply made again.
            Map<String, ModelRequest.ToolResult> results = request.toolResults();
            int step = (int) request.toolUses().stream()
                    .filter(u -> results.containsKey(u.id())
                            && !results.get(u.id()).isError()
                            && !results.get(u.id()).content().contains("interrupted before a result"))
                    .count();
            return switch (step) {
                case 0 -> ModelReply.toolUse("mcp__peers__get_board", Map.of());
                case 1 -> ModelReply.toolUse("mcp__peers__update_task", Map.of("id", task, "status", "in_progress"));
                case 2 ->
                    ModelReply.toolUse("Write", Map.of("file_path", file.toString(), "content", task + " done\n"));
                case 3 -> {
                    doneAtSeq.set(request.seq());
                    yield ModelReply.toolUse(
                            "mcp__peers__update_task",
                            Map.of("id", task, "status", "done", "note", file.getFileName() + " written"));
                }
                default -> ModelReply.text(task + " is done.");
            };
        };
    }

    /**
     * The API refuses the first {@code times} requests whose conversation holds {@code marker} with a 429 and
     * {@code retry-after: 1}, as the real API does when the account is over its rate limit; then {@code next} answers.
     */
    private static Script refusedFirst(int times, String marker, Script next) {
        AtomicInteger refused = new AtomicInteger();
        return request -> request.isMainLoop()
                        && request.containsText(marker)
                        && refused.getAndUpdate(n -> n < times ? n + 1 : n) < times
                ? ModelReply.rateLimited(
                        Duration.ofSeconds(1),
                        Map.of(
                                "anthropic-ratelimit-requests-limit",
                                "50",
                                "anthropic-ratelimit-requests-remaining",
                                "0"))
                : next.reply(request);
    }

    private JsonNode boardJson() throws Exception {
        StringWriter out = new StringWriter();
        int code = Main.run(
                new PrintWriter(out, true),
                new PrintWriter(new StringWriter(), true),
                "board",
                "--json",
                "-C",
                repo.toString());
        assertThat(code).isZero();
        return Json.MAPPER.readTree(out.toString());
    }

    /** How many user messages of the conversation contain {@code text}: 1 means delivered once, and once only. */
    private static long timesSeen(ModelRequest request, String text) {
        return request.conversation().stream()
                .filter(m -> m.path("role").asText().equals("user")
                        && ScriptedChannel.unframedAll(m.toString()).contains(text))
                .count();
    }

    @Test
    void twoDependentTasksAreDoneAndUpUntilDoneExitsZero() throws Exception {
        teamFile("Build the login flow");
        Path apiFile = repo.resolve("worktrees/api/api.txt");
        Path webFile = repo.resolve("worktrees/web/web.txt");
        AtomicInteger apiDone = new AtomicInteger();
        AtomicInteger webFirst = new AtomicInteger();
        Script script = Script.byRole(Map.of(
                "lead",
                BoardToCompletionIT::lead,
                "api",
                worker("T1", apiFile, apiDone, new AtomicInteger()),
                "web",
                worker("T2", webFile, new AtomicInteger(), webFirst)));
        try (FakeAnthropicApi api = FakeAnthropicApi.start(script);
                CoordinatorProcess up = CoordinatorProcess.start(repo, env(api), "up", "--until-done", "team.yaml")) {
            assertThat(up.waitFor(RUN)).as("exit code of up --until-done").isZero();
            api.assertNoFailures();
            assertThat(up.output()).anySatisfy(l -> assertThat(l).contains("== peers-team: done: every task is done"));
        }
        assertThat(apiFile).hasContent("T1 done");
        assertThat(webFile).hasContent("T2 done");
        assertThat(webFirst.get())
                .as("web got T2 only after api marked T1 done")
                .isGreaterThan(apiDone.get());
        JsonNode board = boardJson();
        assertThat(board.path("tasks"))
                .extracting(t -> t.path("id").asText() + ":" + t.path("status").asText())
                .containsExactly("T1:done", "T2:done");
    }

    @Test
    void aRateLimitedTeamPausesRetriesTheStoppedTurnAndFinishesWithNothingLostAndNoTaskFailed() throws Exception {
        teamFile("Build the login flow");
        Path apiFile = repo.resolve("worktrees/api/api.txt");
        Path webFile = repo.resolve("worktrees/web/web.txt");
        Script script = Script.byRole(Map.of(
                "lead",
                BoardToCompletionIT::lead,
                // api's CLI may retry once (below): two refusals stop its turn, which must be retried, not failed
                "api",
                refusedFirst(2, "Task T1 is yours", worker("T1", apiFile, new AtomicInteger(), new AtomicInteger())),
                // web's CLI gets through on its retry
                "web",
                refusedFirst(1, "Task T2 is yours", worker("T2", webFile, new AtomicInteger(), new AtomicInteger()))));
        try (FakeAnthropicApi api = FakeAnthropicApi.start(script)) {
            Map<String, String> env = env(api);
            env.put("CLAUDE_CODE_MAX_RETRIES", "1");
            try (CoordinatorProcess up = CoordinatorProcess.start(repo, env, "up", "--until-done", "team.yaml")) {
                assertThat(up.waitFor(RUN)).as("exit code of up --until-done").isZero();
                api.assertNoFailures();
                List<String> out = up.output();
                assertThat(out)
                        .anySatisfy(l -> assertThat(l).matches(".* api +API refused a request \\(429.*"))
                        .anySatisfy(l -> assertThat(l).matches(".* web +API refused a request \\(429.*"))
                        .anySatisfy(l -> assertThat(l).contains("! new turns wait until"))
                        .anySatisfy(l -> assertThat(l).contains("new turns start again"))
                        .anySatisfy(l ->
                                assertThat(l).matches(".* api +turn done .*: stopped by the API's limit \\(429\\).*"))
                        .noneSatisfy(l -> assertThat(l).contains("turn failed"))
                        .anySatisfy(l -> assertThat(l).contains("== peers-team: done: every task is done"));
            }
            ModelRequest lastApi = api.requests().reversed().stream()
                    .filter(r -> r.teamRole().orElse("").equals("api") && r.isMainLoop())
                    .findFirst()
                    .orElseThrow();
            assertThat(timesSeen(lastApi, "Task T1 is yours"))
                    .as("the task reached api once: the stopped turn was retried by a notice, not by sending it again")
                    .isEqualTo(1);
            assertThat(lastApi.containsText("stopped by the model API (429"))
                    .as("api was told its turn was stopped")
                    .isTrue();
            assertThat(api.exchanges())
                    .filteredOn(e -> e.status() == 429)
                    .as("three refusals in all")
                    .hasSize(3);
        }
        assertThat(apiFile).hasContent("T1 done");
        assertThat(webFile).hasContent("T2 done");
        assertThat(boardJson().path("tasks"))
                .extracting(t -> t.path("id").asText() + ":" + t.path("status").asText())
                .containsExactly("T1:done", "T2:done");
    }

    @Test
    void aTaskAssignedFromAnotherProcessReachesTheRunningTeam() throws Exception {
        teamFile(null);
        Path apiFile = repo.resolve("worktrees/api/api.txt");
        Script script = Script.byRole(Map.of(
                "lead",
                r -> ModelReply.text("ok"),
                "api",
                worker("T1", apiFile, new AtomicInteger(), new AtomicInteger()),
                "web",
                r -> ModelReply.text("ok")));
        try (FakeAnthropicApi api = FakeAnthropicApi.start(script);
                CoordinatorProcess up = CoordinatorProcess.start(repo, env(api), "up", "team.yaml")) {
            up.awaitLine(l -> l.contains("api") && l.contains("is idle"), RUN);
            try (CoordinatorProcess assign = CoordinatorProcess.start(
                    repo.resolve("worktrees/web"), env(api), "assign", "api", "Build the API")) {
                assertThat(assign.waitFor(Duration.ofSeconds(30))).isZero();
                assertThat(assign.output()).containsExactly("T1 assigned to api: Build the API");
            }
            up.awaitLine(l -> l.contains("api") && l.contains("says: T1 is done."), RUN);
            assertThat(apiFile).hasContent("T1 done");

            try (CoordinatorProcess ps = CoordinatorProcess.start(repo, env(api), "ps")) {
                assertThat(ps.waitFor(Duration.ofSeconds(30))).isZero();
                assertThat(ps.output())
                        .as("plain ps prints its table from a process of its own (it printed nothing once)")
                        .anySatisfy(l -> assertThat(l).startsWith("ROLE"))
                        .anySatisfy(l -> assertThat(l).startsWith("api "))
                        .anySatisfy(
                                l -> assertThat(l).matches("team \\S+: \\$\\d+\\.\\d{4} in \\d+s \\(\\* = lead\\)"));
            }
            // Typed in the team's folder, the coordinator ran it: the client's JVM never built a picocli model.
            Path classes = temp.resolve("ps-classes.log");
            Map<String, String> logged = new HashMap<>(env(api));
            logged.put("JAVA_TOOL_OPTIONS", "-Xlog:class+load=info:file=" + classes);
            try (CoordinatorProcess ps = CoordinatorProcess.start(repo.resolve("worktrees/web"), logged, "ps")) {
                assertThat(ps.waitFor(Duration.ofSeconds(30))).isZero();
                assertThat(ps.output()).anySatisfy(l -> assertThat(l).startsWith("api "));
            }
            assertThat(Files.readString(classes))
                    .contains("dev.peersteam.control.VerbClient ")
                    .doesNotContain("picocli.CommandLine$Model$CommandSpec ")
                    .doesNotContain("com.fasterxml.jackson.databind.ObjectMapper ");

            try (CoordinatorProcess down = CoordinatorProcess.start(repo, env(api), "down")) {
                assertThat(down.waitFor(Duration.ofSeconds(40))).isZero();
            }
            assertThat(up.waitFor(Duration.ofSeconds(10))).isZero();
        }
        try (CoordinatorProcess ps = CoordinatorProcess.start(repo, Map.of("PATH", System.getenv("PATH")), "ps")) {
            assertThat(ps.waitFor(Duration.ofSeconds(30)))
                    .as("no coordinator any more")
                    .isEqualTo(3);
        }
        assertThat(boardJson().path("tasks").get(0).path("status").asText()).isEqualTo("done");
    }

    @Test
    void aKilledCoordinatorIsRestartedAndFinishesWithNothingLostOrDoneTwice() throws Exception {
        teamFile("Build the login flow");
        Path apiFile = repo.resolve("worktrees/api/api.txt");
        Path webFile = repo.resolve("worktrees/web/web.txt");
        CountDownLatch apiWriting = new CountDownLatch(1);
        CountDownLatch killed = new CountDownLatch(1);
        List<ProcessHandle> sessions = new java.util.ArrayList<>();
        Script apiWorker = worker("T1", apiFile, new AtomicInteger(), new AtomicInteger());
        Script holdBeforeWrite = request -> {
            ModelReply reply = apiWorker.reply(request);
            if (!reply.toolUses().isEmpty()
                    && reply.toolUses().getFirst().name().equals("Write")
                    && killed.getCount() > 0) {
                apiWriting.countDown();
                killed.await(60, TimeUnit.SECONDS); // the coordinator dies while this turn is in flight
            }
            return reply;
        };
        Script script = Script.byRole(Map.of(
                "lead",
                BoardToCompletionIT::lead,
                "api",
                holdBeforeWrite,
                "web",
                worker("T2", webFile, new AtomicInteger(), new AtomicInteger())));
        try (FakeAnthropicApi api = FakeAnthropicApi.start(script)) {
            try (CoordinatorProcess up = CoordinatorProcess.start(repo, env(api), "up", "--until-done", "team.yaml")) {
                assertThat(apiWriting.await(RUN.toSeconds(), TimeUnit.SECONDS)).isTrue();
                sessions.addAll(up.descendants());
                up.kill();
                up.waitFor(Duration.ofSeconds(10));
                // The api session is inside a model call: it goes on after its host died, until the next up stops it.
                killed.countDown();
            }
            try (CoordinatorProcess again =
                    CoordinatorProcess.start(repo, env(api), "up", "--until-done", "team.yaml")) {
                assertThat(again.waitFor(RUN))
                        .as("the second up finishes the board")
                        .isZero();
                assertThat(again.output()).anySatisfy(l -> assertThat(l).contains("resuming session"));
            }
            assertThat(sessions).as("no session of the killed run survives").noneMatch(ProcessHandle::isAlive);
            ModelRequest lastApi = api.requests().reversed().stream()
                    .filter(r -> r.teamRole().orElse("").equals("api") && r.isMainLoop())
                    .findFirst()
                    .orElseThrow();
            ModelRequest lastLead = api.requests().reversed().stream()
                    .filter(r -> r.teamRole().orElse("").equals("lead") && r.isMainLoop())
                    .findFirst()
                    .orElseThrow();
            assertThat(timesSeen(lastApi, "Task T1 is yours"))
                    .as("the task reached api once")
                    .isEqualTo(1);
            assertThat(timesSeen(lastLead, "[from human] Build the login flow"))
                    .as("the goal, once")
                    .isEqualTo(1);
            assertThat(timesSeen(lastLead, "T1 \\\"Build the API\\\" is done"))
                    .as("T1's end, once")
                    .isEqualTo(1);
        }
        assertThat(apiFile).hasContent("T1 done");
        assertThat(webFile).hasContent("T2 done");
        assertThat(boardJson().path("tasks"))
                .extracting(t -> t.path("status").asText())
                .containsExactly("done", "done");
    }

    /**
     * The crash window the journal cannot close by itself: the CLI has taken the task (it is in its transcript) but
     * the coordinator dies before the record that says so is on disk: its "delivered" record is taken out of the
     * journal, as a SIGKILL before that fsync (or before the CLI's "started" frame was read) leaves it; everything
     * else stays, api's session among it. The next up must not hand the task over a second time (a resumed CLI
     * answers a uuid it already has with "completed" and no "started", on which an earlier coordinator waited
     * forever), must tell api its turn was cut, and must finish the board.
     */
    @Test
    void aTaskTheCliTookJustBeforeTheCoordinatorDiedIsNotHandedOverAgain() throws Exception {
        teamFile("Build the API");
        Path apiFile = repo.resolve("worktrees/api/api.txt");
        CountDownLatch apiThinking = new CountDownLatch(1);
        CountDownLatch killed = new CountDownLatch(1);
        Script apiWorker = worker("T1", apiFile, new AtomicInteger(), new AtomicInteger());
        Script holdFirstCall = request -> {
            ModelReply reply = apiWorker.reply(request);
            if (request.containsText("Task T1 is yours") && killed.getCount() > 0) {
                apiThinking.countDown();
                killed.await(60, TimeUnit.SECONDS);
            }
            return reply;
        };
        Script lead = request -> request.containsText("[from human]")
                        && request.toolUses().isEmpty()
                ? ModelReply.toolUse("mcp__peers__create_task", Map.of("title", "Build the API", "assignee", "api"))
                : ModelReply.text("ok");
        Script script = Script.byRole(Map.of("lead", lead, "api", holdFirstCall, "web", r -> ModelReply.text("ok")));
        try (FakeAnthropicApi api = FakeAnthropicApi.start(script)) {
            try (CoordinatorProcess up = CoordinatorProcess.start(repo, env(api), "up", "--until-done", "team.yaml")) {
                assertThat(apiThinking.await(RUN.toSeconds(), TimeUnit.SECONDS)).isTrue();
                up.awaitLine(l -> l.contains("lead") && l.contains("is idle"), RUN);
                up.kill();
                up.waitFor(Duration.ofSeconds(10));
            }
            Path journal = repo.resolve(".peers/journal.jsonl");
            List<String> lines = Files.readAllLines(journal);
            String taskLine = lines.stream()
                    .filter(l -> l.contains("\"type\":\"message\"") && l.contains("Task T1 is yours"))
                    .findFirst()
                    .orElseThrow();
            String taskMessage = Json.MAPPER.readTree(taskLine).path("id").asText();
            int delivered = indexOf(lines, l -> l.contains("\"type\":\"delivered\"") && l.contains(taskMessage));
            assertThat(delivered).as("the CLI had started on T1").isPositive();
            List<String> lost = new java.util.ArrayList<>(lines);
            lost.remove(delivered);
            Files.write(journal, lost);
            killed.countDown();

            try (CoordinatorProcess again =
                    CoordinatorProcess.start(repo, env(api), "up", "--until-done", "team.yaml")) {
                assertThat(again.waitFor(RUN))
                        .as("the second up finishes the board")
                        .isZero();
                assertThat(again.output())
                        .anySatisfy(l -> assertThat(l).contains("api").contains("its transcript shows it"));
            }
            ModelRequest lastApi = api.requests().reversed().stream()
                    .filter(r -> r.teamRole().orElse("").equals("api") && r.isMainLoop())
                    .findFirst()
                    .orElseThrow();
            assertThat(timesSeen(lastApi, "Task T1 is yours"))
                    .as("the task reached api once")
                    .isEqualTo(1);
            assertThat(timesSeen(lastApi, "Your session was restarted"))
                    .as("and api was told its turn was cut")
                    .isEqualTo(1);
        }
        assertThat(apiFile).hasContent("T1 done");
        assertThat(boardJson().path("tasks"))
                .extracting(t -> t.path("status").asText())
                .containsExactly("done");
    }

    private static int indexOf(List<String> lines, java.util.function.Predicate<String> match) {
        for (int i = 0; i < lines.size(); i++) {
            if (match.test(lines.get(i))) {
                return i;
            }
        }
        return -1;
    }
}
