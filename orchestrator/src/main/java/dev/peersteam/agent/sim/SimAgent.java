package dev.peersteam.agent.sim;

import dev.peersteam.agent.sim.BehaviourScript.Behaviour;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A simulated Claude Code CLI: speaks the CLI side of the stream-json protocol on the given streams, the way CLI
 * 2.1.328 does, and acts out a role's behaviour script instead of calling a model. A host cannot tell it from the
 * real CLI by the protocol; it needs no API key, starts in a fraction of the real CLI's time and memory, and can
 * inject faults on purpose. The script format is described in the {@linkplain dev.peersteam.agent.sim package
 * documentation}.
 *
 * <p>{@link #run} is the whole program; {@link SimAgentMain} and {@link SimAgentCommand} call it with the process's
 * streams, tests call it in-process with pipes.
 */
public final class SimAgent {
    /** Names the role when the command line does not; the coordinator sets it for every session. */
    public static final String ROLE_ENV = "PEERS_TEAM_ROLE";
    /** The behaviour script, when {@code --script} is not given. */
    public static final String SCRIPT_ENV = "PEERS_SIM_SCRIPT";

    private static final Pattern ROLE_LINE = Pattern.compile("You are the role \"([^\"]+)\"");
    private static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,127}");

    private SimAgent() {}

    /** {@link #run(InputStream, OutputStream, PrintStream, Map, Path, List)} in the JVM's working directory. */
    public static int run(InputStream in, OutputStream out, PrintStream err, Map<String, String> env, String... args) {
        return run(in, out, err, env, Path.of("").toAbsolutePath(), Arrays.asList(args));
    }

    /**
     * Runs a simulated agent until it exits, and returns its exit code: 0 after the end of input, 1 if the last
     * result was an error, on bad input or a bad command line, {@link Faults#CRASH_EXIT_CODE} for a crash fault.
     * Returns as soon as the exit is decided; the thread reading {@code in} ends when {@code in} does.
     *
     * @param in the host's lines (the agent's stdin)
     * @param out where the agent's lines go (its stdout); written whole lines at a time, flushed after each
     * @param err diagnostics (its stderr)
     * @param env the agent's environment: {@value #ROLE_ENV}, {@value #SCRIPT_ENV}, {@code CLAUDE_CONFIG_DIR},
     *     {@code HOME}; also the environment of the commands that {@code bash:} steps run
     * @param cwd the working directory: where {@code write:} and {@code bash:} steps act
     * @param args the real CLI's command line (see {@link SimOptions} for what is simulated)
     */
    public static int run(
            InputStream in, OutputStream out, PrintStream err, Map<String, String> env, Path cwd, List<String> args) {
        Path dir = cwd.toAbsolutePath().normalize();
        SimOptions options;
        BehaviourScript script;
        try {
            options = SimOptions.parse(args, dir);
            script = script(options, env, dir);
        } catch (UsageException | ScriptException e) {
            err.println(e.getMessage());
            err.flush();
            return 1;
        }
        Behaviour behaviour = script.forRole(role(options, env));
        Faults faults = behaviour.faults().overriddenBy(options.faults());
        if (faults.exitOnStart() != null) {
            err.println("sim-agent: exit_on_start " + faults.exitOnStart());
            err.flush();
            return faults.exitOnStart();
        }
        Path configDir = configDir(env);
        TranscriptHistory history;
        if (options.resume() != null) {
            Optional<TranscriptHistory> found = SAFE_ID.matcher(options.resume())
                            .matches()
                    ? TranscriptHistory.load(Transcript.file(configDir, dir, options.resume()), options.resume())
                    : Optional.empty();
            if (found.isEmpty()) {
                // What the real CLI writes for an unknown id, before answering anything (fixture resume_bad).
                Frames frames = new Frames(options.resume(), dir, configDir);
                new FrameWriter(out, Faults.NONE).write(frames.unknownSession(options.resume()));
                return 1;
            }
            history = found.get();
            if (options.forkSession()) {
                history = history.forkedAs(UUID.randomUUID().toString());
            }
        } else if (options.sessionId() != null) {
            try {
                UUID.fromString(options.sessionId());
            } catch (IllegalArgumentException e) {
                err.println("Error: Invalid session ID. Must be a valid UUID.");
                return 1;
            }
            if (Files.exists(Transcript.file(configDir, dir, options.sessionId()))) {
                err.println("Error: Session ID " + options.sessionId() + " is already in use.");
                return 1;
            }
            history = TranscriptHistory.fresh(options.sessionId());
        } else {
            history = TranscriptHistory.fresh(UUID.randomUUID().toString());
        }
        BigDecimal costPerTurn = options.costPerTurn() != null ? options.costPerTurn() : behaviour.costPerTurn();
        return new SimSession(new SimSession.Setup(
                        in, out, err, env, dir, configDir, options, behaviour, faults, costPerTurn, history))
                .run();
    }

    private static BehaviourScript script(SimOptions options, Map<String, String> env, Path cwd)
            throws ScriptException {
        if (options.script() != null) {
            return ScriptLoader.load(options.script());
        }
        String fromEnv = env.get(SCRIPT_ENV);
        if (fromEnv != null && !fromEnv.isBlank()) {
            return ScriptLoader.load(cwd.resolve(fromEnv));
        }
        return BehaviourScript.EMPTY;
    }

    /** {@code --role}, else {@value #ROLE_ENV}, else the role line of the coordinator's appended prompt. */
    static String role(SimOptions options, Map<String, String> env) {
        if (options.role() != null && !options.role().isBlank()) {
            return options.role();
        }
        String fromEnv = env.get(ROLE_ENV);
        if (fromEnv != null && !fromEnv.isBlank()) {
            return fromEnv.strip();
        }
        if (options.appendSystemPrompt() != null) {
            Matcher m = ROLE_LINE.matcher(options.appendSystemPrompt());
            if (m.find()) {
                return m.group(1);
            }
        }
        return "agent";
    }

    private static Path configDir(Map<String, String> env) {
        String configDir = env.get("CLAUDE_CONFIG_DIR");
        if (configDir != null && !configDir.isBlank()) {
            return Path.of(configDir);
        }
        return Path.of(env.getOrDefault("HOME", System.getProperty("user.home")), ".claude");
    }
}
