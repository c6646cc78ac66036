package dev.peersteam.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The real {@code claude} CLI for end-to-end tests, and the environment that makes a spawned CLI talk only to a
 * {@link FakeAnthropicApi}, offline and fast.
 *
 * <pre>{@code
 * ClaudeCliForTests cli = ClaudeCliForTests.forApi(api, tempDir);
 * Process p = cli.processBuilder(repoDir, "--output-format", "stream-json", "--verbose",
 *         "--input-format", "stream-json", "--model", "claude-sonnet-4-5", "--setting-sources=").start();
 * // or, for code that spawns the CLI itself: cli.executable() and cli.environment()
 * }</pre>
 *
 * <h2>The environment</h2>
 * The parent environment minus everything that could steer the CLI elsewhere ({@code CLAUDECODE}, every
 * {@code ANTHROPIC_*}, {@code CLAUDE_CODE_*}, {@code CLAUDE_CONFIG_DIR}, {@code CLAUDE_AGENT_SDK_*}, proxy
 * variables), plus:
 * <ul>
 *   <li>{@code ANTHROPIC_BASE_URL=http://127.0.0.1:PORT}, {@code ANTHROPIC_API_KEY=sk-fake};</li>
 *   <li>{@code CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC=1}: <b>necessary</b>. Observed with 2.1.328 under strace:
 *       with it, the only connection the CLI opens is the one to the fake; without it, it also sends
 *       {@code HEAD /api/hello} to the base URL and makes DNS lookups of {@code api.anthropic.com} (telemetry /
 *       feature flags), which cost ~0.3 s and would leak traffic where there is a network.</li>
 *   <li>{@code DISABLE_AUTOUPDATER}, {@code DISABLE_TELEMETRY}, {@code DISABLE_ERROR_REPORTING},
 *       {@code DISABLE_BUG_COMMAND}, {@code CLAUDE_CODE_DISABLE_TERMINAL_TITLE}: implied by the switch above or
 *       irrelevant without a TTY; set anyway so that a future CLI cannot phone home;</li>
 *   <li>{@code HOME}, {@code CLAUDE_CONFIG_DIR} ({@code HOME/.claude}) and the {@code XDG_*} base dirs in a fresh
 *       temp dir, so no user settings, credentials, MCP servers or transcripts leak in or out (the CLI writes
 *       {@code .claude.json}, {@code backups/}, {@code plugins/} and {@code projects/<cwd>/<session>.jsonl} there).
 *       No onboarding or trust dialog happens in stream-json mode, so nothing needs to be pre-seeded;</li>
 *   <li>{@code NO_PROXY=127.0.0.1,localhost}.</li>
 * </ul>
 * With this a session starts and answers its first turn in about 0.4 s.
 */
public final class ClaudeCliForTests {
    /** Env var with the path of the CLI to test (set by the failsafe configuration). */
    public static final String ENV_CLI = "PEERS_TEAM_TEST_CLAUDE";

    private static final List<String> STRIPPED_PREFIXES = List.of("ANTHROPIC_", "CLAUDE_CODE_", "CLAUDE_AGENT_SDK_");
    private static final List<String> STRIPPED =
            List.of("CLAUDECODE", "CLAUDE_CONFIG_DIR", "HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "NO_PROXY");

    private final Path binary;
    private final Path home;
    private final Map<String, String> environment;

    private ClaudeCliForTests(Path binary, Path home, Map<String, String> environment) {
        this.binary = binary;
        this.home = home;
        this.environment = Map.copyOf(environment);
    }

    /**
     * The CLI set up for {@code api}, with a fresh home under {@code tempDir} (a new subdirectory each call, so
     * several CLIs can share one temp dir).
     */
    public static ClaudeCliForTests forApi(FakeAnthropicApi api, Path tempDir) {
        Path home;
        try {
            Files.createDirectories(tempDir);
            home = Files.createTempDirectory(tempDir, "claude-home-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new ClaudeCliForTests(binary(), home, environmentFor(api, home));
    }

    /**
     * The CLI binary: env {@value #ENV_CLI}, else {@code <repo root>/tools/claude/node_modules/.bin/claude}. Fails
     * with advice when it is missing.
     */
    public static Path binary() {
        String fromEnv = System.getenv(ENV_CLI);
        Path candidate;
        if (fromEnv != null && !fromEnv.isBlank()) {
            candidate = Path.of(fromEnv);
        } else {
            Path root = repoRoot();
            candidate = root == null ? null : root.resolve("tools/claude/node_modules/.bin/claude");
        }
        if (candidate == null || !Files.isExecutable(candidate)) {
            throw new IllegalStateException("The claude CLI for end-to-end tests was not found"
                    + (candidate == null ? "" : " at " + candidate)
                    + ". Run scripts/ensure-claude (needs node and npm) to install the pinned version into"
                    + " tools/claude, or set " + ENV_CLI + " to a claude binary.");
        }
        return candidate.toAbsolutePath();
    }

    /**
     * Whether {@code version} is the one the build asked for: the build passes the version it installed
     * ({@code claude.version} in orchestrator/pom.xml, the pin) as {@code PEERS_TEAM_TEST_CLAUDE_VERSION}; for
     * {@code latest}, or when run outside the build, only its shape is checked.
     */
    public static void isExpectedVersion(String version) {
        String expected = System.getenv("PEERS_TEAM_TEST_CLAUDE_VERSION");
        if (expected != null && expected.matches("\\d+\\.\\d+\\.\\d+.*")) {
            org.assertj.core.api.Assertions.assertThat(version).isEqualTo(expected);
        } else {
            org.assertj.core.api.Assertions.assertThat(version).matches("\\d+\\.\\d+\\.\\d+.*");
        }
    }

    /** The environment a spawned CLI needs to use only {@code api}, with {@code home} as its home directory. */
    public static Map<String, String> environmentFor(FakeAnthropicApi api, Path home) {
        Map<String, String> env = new LinkedHashMap<>();
        System.getenv().forEach((k, v) -> {
            String upper = k.toUpperCase(Locale.ROOT);
            if (STRIPPED.contains(upper) || STRIPPED_PREFIXES.stream().anyMatch(upper::startsWith)) {
                return;
            }
            env.put(k, v);
        });
        Path configDir = home.resolve(".claude");
        try {
            Files.createDirectories(configDir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        env.put("ANTHROPIC_BASE_URL", api.baseUrl().toString());
        env.put("ANTHROPIC_API_KEY", "sk-fake");
        env.put("CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC", "1");
        env.put("DISABLE_AUTOUPDATER", "1");
        env.put("DISABLE_TELEMETRY", "1");
        env.put("DISABLE_ERROR_REPORTING", "1");
        env.put("DISABLE_BUG_COMMAND", "1");
        env.put("CLAUDE_CODE_DISABLE_TERMINAL_TITLE", "1");
        env.put("HOME", home.toString());
        env.put("CLAUDE_CONFIG_DIR", configDir.toString());
        env.put("XDG_CONFIG_HOME", home.resolve(".config").toString());
        env.put("XDG_CACHE_HOME", home.resolve(".cache").toString());
        env.put("XDG_DATA_HOME", home.resolve(".local/share").toString());
        env.put("XDG_STATE_HOME", home.resolve(".local/state").toString());
        env.put("NO_PROXY", "127.0.0.1,localhost");
        env.put("no_proxy", "127.0.0.1,localhost");
        return env;
    }

    /** The same home and environment with another CLI binary (e.g. a newer version installed elsewhere). */
    public ClaudeCliForTests withBinary(Path other) {
        return new ClaudeCliForTests(other.toAbsolutePath(), home, environment);
    }

    /** The CLI binary this instance runs (same as {@link #binary()} unless {@link #withBinary} chose another). */
    public Path executable() {
        return binary;
    }

    /** The throwaway home directory ({@code CLAUDE_CONFIG_DIR} is its {@code .claude}). */
    public Path home() {
        return home;
    }

    /** {@code CLAUDE_CONFIG_DIR}: where the CLI keeps {@code projects/<sanitized cwd>/<session>.jsonl}. */
    public Path configDir() {
        return home.resolve(".claude");
    }

    /** The complete environment for the CLI process (not to be merged into another one: it replaces it). */
    public Map<String, String> environment() {
        return environment;
    }

    /** The binary followed by {@code args}. */
    public List<String> command(String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(binary.toString());
        cmd.addAll(List.of(args));
        return cmd;
    }

    /** A process builder for {@code claude args…} in {@code cwd}, with {@link #environment()} in place. */
    public ProcessBuilder processBuilder(Path cwd, String... args) {
        ProcessBuilder pb = new ProcessBuilder(command(args)).directory(cwd.toFile());
        pb.environment().clear();
        pb.environment().putAll(environment);
        return pb;
    }

    /** The directory holding {@code scripts/ensure-claude}, searched upwards from the working directory. */
    static Path repoRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("scripts/ensure-claude"))) {
                return dir;
            }
        }
        return null;
    }
}
