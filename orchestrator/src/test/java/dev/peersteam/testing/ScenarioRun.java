package dev.peersteam.testing;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * One scenario of the {@link FixtureRecorder}: a fresh home, working directory (a git repository) and fake API, the
 * CLI processes it starts (one after the other, sharing the home, so that {@code --resume} finds the session), and
 * the files it leaves in the output directory when closed.
 */
final class ScenarioRun implements AutoCloseable {
    static final List<String> BASE_ARGS = List.of(
            "--output-format",
            "stream-json",
            "--verbose",
            "--input-format",
            "stream-json",
            "--system-prompt",
            "",
            "--model",
            "claude-sonnet-4-5",
            "--setting-sources=",
            "--permission-prompt-tool",
            "stdio");

    private final String name;
    private final Path out;
    private final boolean debug;
    private final Path temp;
    private final Path cwd;
    private final Recording recording = new Recording();
    private final FixtureRecorder.Model model = new FixtureRecorder.Model();
    private final FakeAnthropicApi api;
    private final ClaudeCliForTests env;
    private final TranscriptTail tail;
    private final List<RecordedCli> processes = new ArrayList<>();
    private final StringBuilder stderr = new StringBuilder();
    private String sessionId;
    private final java.util.Map<String, String> environment = new java.util.HashMap<>();

    ScenarioRun(String name, Path cli, Path out, boolean debug) throws IOException, InterruptedException {
        this.name = name;
        this.out = out;
        this.debug = debug;
        this.temp = Files.createTempDirectory("clirec-" + name + "-").toRealPath();
        this.cwd = Files.createDirectories(temp.resolve("project"));
        Process git = new ProcessBuilder("git", "init", "-q", "-b", "main")
                .directory(cwd.toFile())
                .redirectErrorStream(true)
                .start();
        git.getInputStream().readAllBytes();
        git.waitFor();
        this.api = FakeAnthropicApi.start(req -> {
            ModelReply reply = model.reply(req);
            recording.add("api", FixtureRecorder.describe(req, reply));
            return reply;
        });
        this.env = ClaudeCliForTests.forApi(api, temp).withBinary(cli);
        recording.rewrite(cwd.toString(), "/home/dev/project");
        recording.rewrite(sanitized(cwd), "-home-dev-project");
        recording.rewrite(env.home().toString(), "/home/dev");
        recording.rewrite(temp.toString(), "/home/dev/tmp");
        recording.rewrite(api.baseUrl().toString(), "http://127.0.0.1:PORT");
        this.tail = new TranscriptTail(env.configDir(), recording);
    }

    Recording recording() {
        return recording;
    }

    FixtureRecorder.Model model() {
        return model;
    }

    FakeAnthropicApi api() {
        return api;
    }

    Path cwd() {
        return cwd;
    }

    void note(String text) {
        recording.note(text);
    }

    /** From now on the fake model answers at once and calls no tools (for the resumed processes). */
    void fast() {
        model.slow = false;
        model.tools = false;
    }

    /** Sets an environment variable for the CLI processes started from now on (noted in the recording). */
    void environment(String name, String value) {
        environment.put(name, value);
        note("environment: " + name + "=" + value);
    }

    /** A new session. */
    RecordedCli start(String... extra) throws IOException {
        List<String> args = new ArrayList<>(BASE_ARGS);
        args.addAll(List.of(extra));
        if (debug) {
            args.add("--debug-file");
            args.add(temp.resolve("debug-" + (processes.size() + 1) + ".log").toString());
        }
        ProcessBuilder builder = env.processBuilder(cwd, args.toArray(String[]::new));
        builder.environment().putAll(environment);
        RecordedCli cli = RecordedCli.start(builder, recording);
        processes.add(cli);
        return cli;
    }

    /** The session of the scenario's first process, resumed. */
    RecordedCli resume() throws IOException {
        return start("--resume=" + sessionId());
    }

    /** Resumes the session with a fast model and sends {@code uuid} again; waits until things are quiet. */
    void resendAfterResume(String uuid, String text) throws IOException {
        fast();
        try (RecordedCli cli = resume()) {
            if (!cli.initialize()) {
                note("the resumed CLI did not answer initialize");
                cli.awaitExit(FixtureRecorder.WAIT);
                return;
            }
            note("re-send the message");
            cli.user(uuid, text);
            cli.pollTerminal(uuid, FixtureRecorder.SHORT);
            cli.settle(Duration.ofSeconds(2), FixtureRecorder.WAIT);
            cli.closeStdin();
            cli.awaitExit(FixtureRecorder.WAIT);
        }
    }

    /** Waits for the first request to the fake API after the first {@code before} requests. */
    void awaitModelCall(int before) {
        api.awaitRequest(r -> r.seq() > before && r.isMainLoop(), FixtureRecorder.WAIT);
    }

    void awaitModelCall(Predicate<ModelRequest> match) {
        api.awaitRequest(r -> r.isMainLoop() && match.test(r), FixtureRecorder.WAIT);
    }

    /** The session id: from the first frame of the first process that names one, else from the transcript file. */
    String sessionId() {
        if (sessionId == null) {
            for (RecordedCli p : processes) {
                for (JsonNode f : p.frames()) {
                    String id = f.path("session_id").asText("");
                    if (!id.isEmpty()) {
                        sessionId = id;
                        return id;
                    }
                }
            }
            tail.poll();
            List<Path> files = tail.seen();
            if (files.isEmpty()) {
                throw new IllegalStateException("no session id: no frame named one and there is no transcript");
            }
            String file = files.getFirst().getFileName().toString();
            sessionId = file.substring(0, file.length() - ".jsonl".length());
        }
        return sessionId;
    }

    static String sanitized(Path dir) {
        return dir.toString().replaceAll("[^a-zA-Z0-9]", "-");
    }

    @Override
    public void close() throws IOException {
        for (RecordedCli p : processes) {
            p.close();
            stderr.append(p.stderr());
        }
        tail.close();
        api.close();
        recording.write(out.resolve(name + ".jsonl"));
        List<Path> transcripts = tail.seen();
        for (int i = 0; i < transcripts.size(); i++) {
            Path t = transcripts.get(i);
            String target = i == 0
                    ? name + ".transcript.jsonl"
                    : name + "." + t.getFileName().toString().replace(".jsonl", "") + ".transcript.jsonl";
            Files.writeString(
                    out.resolve(target),
                    recording.sanitize(Files.readString(t, StandardCharsets.UTF_8)),
                    StandardCharsets.UTF_8);
        }
        if (!stderr.toString().isBlank()) {
            Files.writeString(out.resolve(name + ".stderr"), recording.sanitize(stderr.toString()));
        }
        if (debug) {
            for (int i = 1; i <= processes.size(); i++) {
                Path log = temp.resolve("debug-" + i + ".log");
                if (Files.exists(log)) {
                    Files.writeString(
                            out.resolve(name + ".debug-" + i + ".log"), recording.sanitize(Files.readString(log)));
                }
            }
        }
    }
}
