package dev.peersteam.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Records what the real {@code claude} CLI does with a message when sessions are resumed, killed, folded into a
 * running turn, queued, merged and interrupted: the scenarios of {@code docs/messaging.md}, "What the CLI does with
 * a message". Each scenario runs one or more CLI processes against a {@link FakeAnthropicApi} on loopback and
 * writes, into the output directory:
 *
 * <ul>
 *   <li>{@code <scenario>.jsonl}: the recording, one JSON object per line {@code {"dir", "t", "msg"}} with {@code t}
 *       in seconds since the scenario started: {@code cmd} (a process starts; {@code msg} is its argv),
 *       {@code >} (host to CLI stdin, or a host action {@code <<close stdin>>}, {@code <<SIGKILL>>},
 *       {@code <<close pipes>>}), {@code <} (CLI stdout), {@code exit} (the exit code; 137 after SIGKILL),
 *       {@code transcript} (a line the CLI appended to its transcript file, seen within ~2 ms; {@code file} names
 *       it), {@code api} (a request reached the fake Messages API: what the model was shown last, and the reply),
 *       {@code note} (what the scenario does next) and {@code stdout} (a non-JSON stdout line);</li>
 *   <li>{@code <scenario>.transcript.jsonl}: the session's transcript file as it was at the end;</li>
 *   <li>{@code <scenario>.stderr}: the CLI's stderr, when it printed anything.</li>
 * </ul>
 *
 * Paths are rewritten to {@code /home/dev} (home) and {@code /home/dev/project} (the working directory, a fresh
 * git repository).
 *
 * <p>Run it (about 20 s per scenario, one CLI at a time):
 *
 * <pre>
 * ./mvnw -q -B -pl orchestrator test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=dev.peersteam.testing.FixtureRecorder \
 *     -Dexec.args="--cli /path/to/claude --out /tmp/fixtures [scenario ...]"
 * </pre>
 *
 * Without {@code --cli} it records the pinned CLI ({@link ClaudeCliForTests#binary()}); without {@code --out} it
 * writes to {@code orchestrator/src/test/resources/fixtures/claude-code-<version>/}; without scenario names it runs
 * them all. {@code --debug} also keeps the CLI's debug log as {@code <scenario>.debug.log} (not a fixture: the flag
 * changes the command line).
 */
public final class FixtureRecorder {
    static final Duration WAIT = Duration.ofSeconds(30);
    static final Duration SHORT = Duration.ofSeconds(8);

    /** The scenarios, by name. */
    private static final Map<String, ScenarioBody> SCENARIOS = new LinkedHashMap<>();

    static {
        SCENARIOS.put("resume_known_uuid", FixtureRecorder::resumeKnownUuid);
        SCENARIOS.put("duplicate_uuid", FixtureRecorder::duplicateUuid);
        SCENARIOS.put("resume_after_kill_midturn", FixtureRecorder::resumeAfterKillMidturn);
        SCENARIOS.put("kill_right_after_started", FixtureRecorder::killRightAfterStarted);
        SCENARIOS.put("resume_after_kill_in_tool", FixtureRecorder::resumeAfterKillInTool);
        SCENARIOS.put("resume_after_host_death", FixtureRecorder::resumeAfterHostDeath);
        SCENARIOS.put("resume_after_host_death_in_tool", FixtureRecorder::resumeAfterHostDeathInTool);
        SCENARIOS.put("resume_after_host_death_tool_running", FixtureRecorder::resumeAfterHostDeathToolRunning);
        SCENARIOS.put("fold_then_kill", FixtureRecorder::foldThenKill);
        SCENARIOS.put("fold_then_resume", FixtureRecorder::foldThenResume);
        SCENARIOS.put("fold_interrupt", FixtureRecorder::foldInterrupt);
        SCENARIOS.put("queue_merge", FixtureRecorder::queueMerge);
        SCENARIOS.put("queue_merge_kill", FixtureRecorder::queueMergeKill);
        SCENARIOS.put("queue_merge_kill_midturn", FixtureRecorder::queueMergeKillMidturn);
        SCENARIOS.put("interrupt_with_queue", r -> interruptWithQueue(r, false));
        SCENARIOS.put("interrupt_cancel_queued", r -> interruptWithQueue(r, true));
        SCENARIOS.put("cancel_async_and_end_session", FixtureRecorder::cancelAsyncAndEndSession);
        SCENARIOS.put("rate_limit_retry", FixtureRecorder::rateLimitRetry);
        SCENARIOS.put("overloaded_retry", FixtureRecorder::overloadedRetry);
        SCENARIOS.put("rate_limit_exhausted", FixtureRecorder::rateLimitExhausted);
        SCENARIOS.put("rate_limit_warning", FixtureRecorder::rateLimitWarning);
    }

    // Message uuids, recognisable in the recordings: U and V (a turn and a follow-up), W0..W2 (a turn and two
    // queued behind it), Q1/Q2 (queued behind an interrupted turn), X (a fresh message).
    static final String U = "aaaaaaaa-0000-4000-8000-000000000001";
    static final String V = "bbbbbbbb-0000-4000-8000-000000000002";
    static final String W0 = "cccccccc-0000-4000-8000-000000000010";
    static final String W1 = "cccccccc-0000-4000-8000-000000000011";
    static final String W2 = "cccccccc-0000-4000-8000-000000000012";
    static final String Q1 = "dddddddd-0000-4000-8000-000000000021";
    static final String Q2 = "dddddddd-0000-4000-8000-000000000022";
    static final String X = "eeeeeeee-0000-4000-8000-000000000099";

    @FunctionalInterface
    interface ScenarioBody {
        void run(ScenarioRun run) throws Exception;
    }

    private FixtureRecorder() {}

    public static void main(String[] args) throws Exception {
        Path cli = null;
        Path out = null;
        boolean debug = false;
        List<String> names = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--cli" -> cli = Path.of(args[++i]);
                case "--out" -> out = Path.of(args[++i]);
                case "--debug" -> debug = true;
                default -> names.add(args[i]);
            }
        }
        if (cli == null) {
            cli = ClaudeCliForTests.binary();
        }
        String version = version(cli);
        if (out == null) {
            Path root = ClaudeCliForTests.repoRoot();
            out = root.resolve("orchestrator/src/test/resources/fixtures/claude-code-" + version);
        }
        Files.createDirectories(out);
        if (names.isEmpty()) {
            names.addAll(SCENARIOS.keySet());
        }
        System.err.println("recording claude " + version + " (" + cli + ") into " + out + ": " + names);
        int failed = 0;
        for (String name : names) {
            ScenarioBody body = SCENARIOS.get(name);
            if (body == null) {
                throw new IllegalArgumentException("no scenario " + name + "; known: " + SCENARIOS.keySet());
            }
            long started = System.nanoTime();
            try (ScenarioRun run = new ScenarioRun(name, cli, out, debug)) {
                try {
                    body.run(run);
                } catch (Exception | AssertionError e) {
                    failed++;
                    run.recording().note("the recorder failed: " + e);
                    System.err.println(name + ": FAILED: " + e);
                }
            }
            System.err.printf("%s: %.1f s%n", name, (System.nanoTime() - started) / 1e9);
        }
        System.exit(failed == 0 ? 0 : 1);
    }

    static String version(Path cli) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cli.toString(), "--version")
                .redirectErrorStream(true)
                .start();
        String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        p.waitFor(30, TimeUnit.SECONDS);
        return text.split("\\s+")[0];
    }

    // ---- scenarios ----

    /** A message the session has (its turn completed), sent again to the resumed session: same text, then other. */
    static void resumeKnownUuid(ScenarioRun r) throws Exception {
        try (RecordedCli cli = r.start()) {
            cli.initialize();
            cli.user(U, "hello U");
            cli.awaitResult(WAIT);
            cli.pollTerminal(U, SHORT);
            cli.closeStdin();
            cli.awaitExit(WAIT);
        }
        try (RecordedCli cli = r.resume()) {
            cli.initialize();
            r.note("re-send U with different text");
            cli.user(U, "hello U, said differently");
            cli.pollTerminal(U, SHORT);
            cli.settle(Duration.ofSeconds(2), WAIT);
            r.note("re-send U with the same text, in the same process");
            cli.user(U, "hello U");
            cli.pollTerminal(U, SHORT);
            cli.settle(Duration.ofSeconds(2), WAIT);
            r.note("a new message X: the session still works");
            cli.user(X, "hello X");
            cli.pollTerminal(X, WAIT);
            cli.settle(Duration.ofSeconds(1), WAIT);
            cli.closeStdin();
            cli.awaitExit(WAIT);
        }
        try (RecordedCli cli = r.resume()) {
            cli.initialize();
            r.note("re-send U with the same text, first thing in a new process");
            cli.user(U, "hello U");
            cli.pollTerminal(U, SHORT);
            cli.settle(Duration.ofSeconds(2), WAIT);
            r.note("re-send X with the same text");
            cli.user(X, "hello X");
            cli.pollTerminal(X, SHORT);
            cli.settle(Duration.ofSeconds(2), WAIT);
            cli.closeStdin();
            cli.awaitExit(WAIT);
        }
    }

    /** The headers of a limited account, as the API sends them with a 429 (the reset a minute ahead). */
    static Map<String, String> limitHeaders(String unifiedStatus) {
        long reset = java.time.Instant.now().plusSeconds(60).getEpochSecond();
        Map<String, String> h = new LinkedHashMap<>();
        h.put("anthropic-ratelimit-requests-limit", "50");
        h.put("anthropic-ratelimit-requests-remaining", "0");
        h.put(
                "anthropic-ratelimit-requests-reset",
                java.time.Instant.ofEpochSecond(reset).toString());
        h.put("anthropic-ratelimit-unified-status", unifiedStatus);
        h.put("anthropic-ratelimit-unified-reset", Long.toString(reset));
        h.put("anthropic-ratelimit-unified-representative-claim", "five_hour");
        h.put("anthropic-ratelimit-unified-5h-status", unifiedStatus);
        h.put("anthropic-ratelimit-unified-5h-reset", Long.toString(reset));
        h.put("anthropic-ratelimit-unified-5h-utilization", "1.0");
        return h;
    }

    /** The API answers U's first two requests with 429 and {@code retry-after: 1}, then the reply. */
    static void rateLimitRetry(ScenarioRun r) throws Exception {
        ModelReply refusal = ModelReply.rateLimited(Duration.ofSeconds(1), limitHeaders("rejected"));
        oneTurnAfterRefusals(r, refusal, refusal);
    }

    /** The API answers U's first two requests with 529 Overloaded, then the reply. */
    static void overloadedRetry(ScenarioRun r) throws Exception {
        oneTurnAfterRefusals(r, ModelReply.overloaded(), ModelReply.overloaded());
    }

    /** U's one turn, its first requests answered with {@code refusals} (the CLI retries them), then the reply. */
    private static void oneTurnAfterRefusals(ScenarioRun r, ModelReply... refusals) throws Exception {
        r.fast();
        r.model().ahead.addAll(List.of(refusals));
        try (RecordedCli cli = r.start()) {
            cli.initialize();
            cli.user(U, "hello U");
            cli.awaitResult(Duration.ofSeconds(60));
            cli.settle(Duration.ofSeconds(1), WAIT);
            cli.closeStdin();
            cli.awaitExit(WAIT);
        }
    }

    /**
     * Every request of U's turn is answered 429 until the CLI gives up (after 2 retries, not the default 10, whose
     * backoff takes three minutes); then V gets a reply.
     */
    static void rateLimitExhausted(ScenarioRun r) throws Exception {
        r.fast();
        r.environment("CLAUDE_CODE_MAX_RETRIES", "2");
        for (int i = 0; i < 30; i++) {
            r.model().ahead.add(ModelReply.rateLimited(Duration.ofSeconds(0), limitHeaders("rejected")));
        }
        try (RecordedCli cli = r.start()) {
            cli.initialize();
            cli.user(U, "hello U");
            cli.awaitResult(Duration.ofSeconds(60));
            r.model().ahead.clear();
            r.note("the limit is lifted: V");
            cli.user(V, "hello V");
            cli.awaitResult(WAIT);
            cli.settle(Duration.ofSeconds(1), WAIT);
            cli.closeStdin();
            cli.awaitExit(WAIT);
        }
    }

    /** A normal reply whose headers say the account is near its limit ({@code allowed_warning}). */
    static void rateLimitWarning(ScenarioRun r) throws Exception {
        r.fast();
        r.model().ahead.add(ModelReply.text("reply to: hello U").withHeaders(limitHeaders("allowed_warning")));
        try (RecordedCli cli = r.start()) {
            cli.initialize();
            cli.user(U, "hello U");
            cli.awaitResult(WAIT);
            cli.settle(Duration.ofSeconds(1), WAIT);
            cli.closeStdin();
            cli.awaitExit(WAIT);
        }
    }

    /** In one process: a uuid sent again after its turn, and a uuid sent again while it is still queued. */
    static void duplicateUuid(ScenarioRun r) throws Exception {
        try (RecordedCli cli = r.start()) {
            cli.initialize();
            cli.user(U, "hello U");
            cli.pollTerminal(U, WAIT);
            cli.settle(Duration.ofSeconds(1), WAIT);
            r.note("re-send U (its turn has completed) in the same process");
            cli.user(U, "hello U");
            cli.pollTerminal(U, SHORT);
            cli.settle(Duration.ofSeconds(2), WAIT);
            r.note("W0 streams slowly; Q1 is queued behind it and then sent again while still queued");
            cli.user(W0, "SLOW first W0");
            cli.awaitLifecycle(W0, "started", WAIT);
            cli.user(Q1, "queued Q1");
            cli.awaitLifecycle(Q1, "queued", SHORT);
            cli.user(Q1, "queued Q1");
            cli.pollTerminal(W0, WAIT);
            cli.pollTerminal(Q1, WAIT);
            cli.settle(Duration.ofSeconds(2), WAIT);
            cli.closeStdin();
            cli.awaitExit(WAIT);
        }
    }

    /** SIGKILL while the model streams U's reply; resume and send U again. */
    static void resumeAfterKillMidturn(ScenarioRun r) throws Exception {
        try (RecordedCli cli = r.start()) {
            cli.initialize();
            int before = r.api().requests().size();
            cli.user(U, "SLOW answer for U");
            cli.awaitLifecycle(U, "started", WAIT);
            r.awaitModelCall(before);
            Thread.sleep(1200);
            cli.kill();
            cli.awaitExit(WAIT);
        }
        r.resendAfterResume(U, "SLOW answer for U");
    }

    /** SIGKILL as soon as U's {@code started} arrives, before the transcript has U; resume and send U again. */
    static void killRightAfterStarted(ScenarioRun r) throws Exception {
        try (RecordedCli cli = r.start()) {
            cli.initialize();
            cli.user(U, "SLOW answer for U");
            cli.awaitLifecycle(U, "started", WAIT);
            cli.kill();
            cli.awaitExit(WAIT);
        }
        r.resendAfterResume(U, "SLOW answer for U");
    }

    /** SIGKILL while U's turn waits for a tool permission; resume and send U again. */
    static void resumeAfterKillInTool(ScenarioRun r) throws Exception {
        try (RecordedCli cli = r.start()) {
            cli.initialize();
            cli.user(U, "CALL_BASH for U");
            cli.awaitControlRequest("can_use_tool", WAIT);
            Thread.sleep(500);
            cli.kill();
            cli.awaitExit(WAIT);
        }
        r.resendAfterResume(U, "CALL_BASH for U");
    }

    /** The host dies (pipes closed) while the model streams U's reply; the CLI goes on alone; then resume. */
    static void resumeAfterHostDeath(ScenarioRun r) throws Exception {
        try (RecordedCli cli = r.start()) {
            cli.initialize();
            int before = r.api().requests().size();
            cli.user(U, "SLOW answer for U");
            cli.awaitLifecycle(U, "started", WAIT);
            r.awaitModelCall(before);
            Thread.sleep(1200);
            cli.hostDies();
            cli.awaitExit(Duration.ofSeconds(40));
        }
        r.resendAfterResume(U, "SLOW answer for U");
    }

    /** The host dies while U's turn waits for a tool permission; then resume. */
    static void resumeAfterHostDeathInTool(ScenarioRun r) throws Exception {
        try (RecordedCli cli = r.start()) {
            cli.initialize();
            cli.user(U, "CALL_BASH for U");
            cli.awaitControlRequest("can_use_tool", WAIT);
            Thread.sleep(500);
            cli.hostDies();
            cli.awaitExit(Duration.ofSeconds(40));
        }
        r.resendAfterResume(U, "CALL_BASH for U");
    }

    /** The host dies while an allowed tool runs (a 4 s command); then resume. */
    static void resumeAfterHostDeathToolRunning(ScenarioRun r) throws Exception {
        try (RecordedCli cli = r.start()) {
            cli.initialize();
            cli.user(U, "RUN_SLEEP for U");
            JsonNode ask = cli.pollFrame(
                    f -> f.path("type").asText().equals("control_request")
                            && f.path("request").path("subtype").asText().equals("can_use_tool"),
                    SHORT);
            if (ask != null) {
                cli.allow(ask);
            }
            Thread.sleep(1500);
            cli.hostDies();
            cli.awaitExit(Duration.ofSeconds(40));
            r.note("after the exit: slept.txt "
                    + (Files.exists(r.cwd().resolve("slept.txt")) ? "exists" : "is absent"));
        }
        r.resendAfterResume(U, "RUN_SLEEP for U");
    }

    /** V arrives while U's turn waits for a permission and is folded into it; SIGKILL during the next model call. */
    static void foldThenKill(ScenarioRun r) throws Exception {
        try (RecordedCli cli = r.start()) {
            cli.initialize();
            cli.user(U, "CALL_BASH for U, then SLOW_AFTER_TOOL");
            JsonNode ask = cli.awaitControlRequest("can_use_tool", WAIT);
            cli.user(V, "follow-up V during the tool");
            cli.awaitLifecycle(V, "queued", SHORT);
            Thread.sleep(500);
            int before = r.api().requests().size();
            cli.allow(ask);
            r.awaitModelCall(before);
            Thread.sleep(1200);
            cli.kill();
            cli.awaitExit(WAIT);
        }
        try (RecordedCli cli = r.resume()) {
            cli.initialize();
            r.note("re-send V");
            cli.user(V, "follow-up V during the tool");
            cli.pollTerminal(V, SHORT);
            cli.settle(Duration.ofSeconds(2), WAIT);
            r.note("re-send U");
            cli.user(U, "CALL_BASH for U, then SLOW_AFTER_TOOL");
            cli.pollTerminal(U, SHORT);
            cli.settle(Duration.ofSeconds(2), WAIT);
            cli.closeStdin();
            cli.awaitExit(WAIT);
        }
    }

    /** V is folded into U's turn, the turn completes, the process ends normally; resume and re-send V and U. */
    static void foldThenResume(ScenarioRun r) throws Exception {
        try (RecordedCli cli = r.start()) {
            cli.initialize();
            cli.user(U, "CALL_BASH for U");
            JsonNode ask = cli.awaitControlRequest("can_use_tool", WAIT);
            cli.user(V, "follow-up V during the tool");
            cli.awaitLifecycle(V, "queued", SHORT);
            Thread.sleep(500);
            cli.allow(ask);
            cli.awaitResult(WAIT);
            cli.settle(Duration.ofSeconds(2), WAIT);
            cli.closeStdin();
            cli.awaitExit(WAIT);
        }
        try (RecordedCli cli = r.resume()) {
            cli.initialize();
            r.note("re-send V");
            cli.user(V, "follow-up V during the tool");
            cli.pollTerminal(V, SHORT);
            cli.settle(Duration.ofSeconds(2), WAIT);
            r.note("re-send U");
            cli.user(U, "CALL_BASH for U");
            cli.pollTerminal(U, SHORT);
            cli.settle(Duration.ofSeconds(2), WAIT);
            cli.closeStdin();
            cli.awaitExit(WAIT);
        }
    }

    /** V is folded into U's turn; the host interrupts during the next model call; then V is sent again. */
    static void foldInterrupt(ScenarioRun r) throws Exception {
        try (RecordedCli cli = r.start()) {
            cli.initialize();
            cli.user(U, "CALL_BASH for U, then SLOW_AFTER_TOOL");
            JsonNode ask = cli.awaitControlRequest("can_use_tool", WAIT);
            cli.user(V, "follow-up V during the tool");
            cli.awaitLifecycle(V, "queued", SHORT);
            Thread.sleep(500);
            int before = r.api().requests().size();
            cli.allow(ask);
            r.awaitModelCall(before);
            Thread.sleep(800);
            cli.control(cli.request("interrupt"));
            cli.awaitResult(WAIT);
            cli.settle(Duration.ofSeconds(2), WAIT);
            r.note("re-send V in the same process");
            r.fast();
            cli.user(V, "follow-up V during the tool");
            cli.settle(Duration.ofSeconds(2), WAIT);
            cli.closeStdin();
            cli.awaitExit(WAIT);
        }
        try (RecordedCli cli = r.resume()) {
            cli.initialize();
            r.note("re-send V after a resume");
            cli.user(V, "follow-up V during the tool");
            cli.settle(Duration.ofSeconds(2), WAIT);
            cli.closeStdin();
            cli.awaitExit(WAIT);
        }
    }

    /** W1 and W2 are sent while W0's turn streams: merged or not? Then resume and re-send them. */
    static void queueMerge(ScenarioRun r) throws Exception {
        try (RecordedCli cli = r.start()) {
            cli.initialize();
            cli.user(W0, "SLOW first W0");
            cli.awaitLifecycle(W0, "started", WAIT);
            Thread.sleep(500);
            cli.user(W1, "queued W1");
            cli.user(W2, "queued W2");
            cli.pollTerminal(W1, WAIT);
            cli.settle(Duration.ofSeconds(2), WAIT);
            cli.closeStdin();
            cli.awaitExit(WAIT);
        }
        try (RecordedCli cli = r.resume()) {
            cli.initialize();
            for (String[] m : new String[][] {{W1, "queued W1"}, {W2, "queued W2"}, {W0, "SLOW first W0"}}) {
                r.note("re-send " + m[1]);
                cli.user(m[0], m[1]);
                cli.pollTerminal(m[0], SHORT);
                cli.settle(Duration.ofSeconds(2), WAIT);
            }
            cli.closeStdin();
            cli.awaitExit(WAIT);
        }
    }

    /** W1 and W2 queued behind W0's streaming turn; SIGKILL before they run; resume and re-send all three. */
    static void queueMergeKill(ScenarioRun r) throws Exception {
        try (RecordedCli cli = r.start()) {
            cli.initialize();
            cli.user(W0, "SLOW first W0");
            cli.awaitLifecycle(W0, "started", WAIT);
            Thread.sleep(500);
            cli.user(W1, "queued W1");
            cli.user(W2, "queued W2");
            cli.awaitLifecycle(W2, "queued", SHORT);
            Thread.sleep(700);
            cli.kill();
            cli.awaitExit(WAIT);
        }
        r.fast();
        try (RecordedCli cli = r.resume()) {
            cli.initialize();
            for (String[] m : new String[][] {{W0, "SLOW first W0"}, {W1, "queued W1"}, {W2, "queued W2"}}) {
                r.note("re-send " + m[1]);
                cli.user(m[0], m[1]);
                cli.pollTerminal(m[0], SHORT);
                cli.settle(Duration.ofSeconds(2), WAIT);
            }
            cli.closeStdin();
            cli.awaitExit(WAIT);
        }
    }

    /** W1 and W2 queued behind W0; SIGKILL while the turn that took them in streams; resume and re-send them. */
    static void queueMergeKillMidturn(ScenarioRun r) throws Exception {
        try (RecordedCli cli = r.start()) {
            cli.initialize();
            cli.user(W0, "SLOW first W0");
            cli.awaitLifecycle(W0, "started", WAIT);
            Thread.sleep(500);
            cli.user(W1, "SLOW queued W1");
            cli.user(W2, "queued W2");
            cli.awaitResult(WAIT);
            r.awaitModelCall(req -> req.lastUserText().contains("queued W1"));
            Thread.sleep(1200);
            cli.kill();
            cli.awaitExit(WAIT);
        }
        r.fast();
        try (RecordedCli cli = r.resume()) {
            cli.initialize();
            for (String[] m : new String[][] {{W2, "queued W2"}, {W1, "SLOW queued W1"}}) {
                r.note("re-send " + m[1]);
                cli.user(m[0], m[1]);
                cli.pollTerminal(m[0], SHORT);
                cli.settle(Duration.ofSeconds(2), WAIT);
            }
            cli.closeStdin();
            cli.awaitExit(WAIT);
        }
    }

    /** Q1 and Q2 queued behind W0's streaming turn; the host interrupts (optionally with cancel_queued). */
    static void interruptWithQueue(ScenarioRun r, boolean cancelQueued) throws Exception {
        try (RecordedCli cli = r.start()) {
            cli.initialize();
            cli.user(W0, "SLOW first W0");
            cli.awaitLifecycle(W0, "started", WAIT);
            Thread.sleep(300);
            cli.user(Q1, "queued Q1");
            cli.user(Q2, "queued Q2");
            cli.awaitLifecycle(Q2, "queued", SHORT);
            Thread.sleep(300);
            ObjectNode interrupt = cli.request("interrupt");
            if (cancelQueued) {
                interrupt.put("cancel_queued", true);
            }
            cli.control(interrupt);
            cli.pollTerminal(Q1, SHORT);
            cli.pollTerminal(Q2, SHORT);
            cli.settle(Duration.ofSeconds(2), WAIT);
            cli.closeStdin();
            cli.awaitExit(WAIT);
        }
    }

    /** The other lifecycle states: cancel_async_message of a queued message, then end_session with one queued. */
    static void cancelAsyncAndEndSession(ScenarioRun r) throws Exception {
        try (RecordedCli cli = r.start()) {
            cli.initialize();
            cli.user(W0, "SLOW first W0");
            cli.awaitLifecycle(W0, "started", WAIT);
            Thread.sleep(300);
            cli.user(Q1, "queued Q1");
            cli.user(Q2, "queued Q2");
            cli.awaitLifecycle(Q2, "queued", SHORT);
            cli.control(cli.request("cancel_async_message").put("message_uuid", Q1));
            cli.pollTerminal(Q1, SHORT);
            Thread.sleep(300);
            cli.control(cli.request("end_session"));
            cli.pollTerminal(Q2, SHORT);
            cli.settle(Duration.ofSeconds(2), WAIT);
            if (cli.alive()) {
                cli.closeStdin();
            }
            cli.awaitExit(WAIT);
        }
    }

    // ---- the fake model ----

    /** What the fake model does: switchable, so that a resumed session's turns are quick and call no tools. */
    static final class Model implements Script {
        static final Duration SLOW_EVENT = Duration.ofMillis(600);
        volatile boolean slow = true;
        volatile boolean tools = true;
        /** Replies (errors, mostly) the next main-loop requests get before the usual ones. */
        final java.util.concurrent.ConcurrentLinkedDeque<ModelReply> ahead =
                new java.util.concurrent.ConcurrentLinkedDeque<>();

        @Override
        public ModelReply reply(ModelRequest req) {
            if (!req.isMainLoop()) {
                return ModelReply.text("ok");
            }
            ModelReply first = ahead.poll();
            if (first != null) {
                return first;
            }
            String typed = req.lastUserText();
            if (req.isToolResultTurn()) {
                ModelReply reply = ModelReply.text("after the tool");
                return slow && req.containsText("SLOW_AFTER_TOOL") ? reply.streamedSlowly(SLOW_EVENT) : reply;
            }
            if (tools && typed.contains("CALL_BASH")) {
                return ModelReply.toolUse(
                        "Bash",
                        Map.of(
                                "command",
                                "touch made-by-bash.txt && echo hello-from-bash",
                                "description",
                                "create a file"));
            }
            if (tools && typed.contains("RUN_SLEEP")) {
                return ModelReply.toolUse(
                        "Bash",
                        Map.of(
                                "command",
                                "sleep 4 && touch slept.txt && echo slept",
                                "description",
                                "sleep, then create a file"));
            }
            ModelReply reply = ModelReply.text("reply to: " + firstLine(req.lastUserPrompt()));
            return slow && typed.contains("SLOW") ? reply.streamedSlowly(SLOW_EVENT) : reply;
        }

        private static String firstLine(String text) {
            String line = text.strip().lines().reduce((a, b) -> a + " | " + b).orElse("");
            return line.length() > 120 ? line.substring(0, 120) : line;
        }
    }

    /** What the recording says about a request: the last user message's text parts (shortened) and the reply. */
    static ObjectNode describe(ModelRequest req, ModelReply reply) {
        ObjectNode d = Recording.JSON.createObjectNode();
        d.put("seq", req.seq());
        d.put("main_loop", req.isMainLoop());
        d.put("messages", req.conversation().size());
        ArrayNode parts = d.putArray("last_user_message");
        req.lastUserMessage().ifPresent(m -> {
            JsonNode content = m.path("content");
            if (content.isTextual()) {
                parts.add(shorten(content.asText()));
            }
            for (JsonNode block : content) {
                switch (block.path("type").asText()) {
                    case "text" -> parts.add(shorten(block.path("text").asText()));
                    case "tool_result" ->
                        parts.add("[tool_result " + block.path("tool_use_id").asText() + "] "
                                + shorten(block.path("content").toString()));
                    default -> parts.add("[" + block.path("type").asText() + "]");
                }
            }
        });
        d.put("reply", reply.toString());
        return d;
    }

    private static String shorten(String s) {
        return s.length() > 400 ? s.substring(0, 400) + "…(" + s.length() + " chars)" : s;
    }
}
