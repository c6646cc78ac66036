package dev.peersteam.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The real {@code codex} CLI for end-to-end tests: the pinned version that {@code scripts/ensure-codex} installs into
 * the git-ignored {@code tools/codex} (or {@code $PEERS_TEAM_TEST_CODEX}). A missing binary fails the test with the
 * command that installs it: a CI machine without it must not pass silently.
 */
public final class CodexCliForTests {
    public static final String ENV_CLI = "PEERS_TEAM_TEST_CODEX";

    private CodexCliForTests() {}

    public static Path binary() {
        String fromEnv = System.getenv(ENV_CLI);
        Path candidate;
        if (fromEnv != null && !fromEnv.isBlank()) {
            candidate = Path.of(fromEnv);
        } else {
            Path root = ClaudeCliForTests.repoRoot();
            candidate = root == null ? null : root.resolve("tools/codex/node_modules/.bin/codex");
        }
        if (candidate == null || !Files.isExecutable(candidate)) {
            throw new IllegalStateException("The codex CLI for end-to-end tests was not found"
                    + (candidate == null ? "" : " at " + candidate)
                    + ". Run scripts/ensure-codex (needs node and npm) to install the pinned version into"
                    + " tools/codex, or set " + ENV_CLI + " to a codex binary.");
        }
        return candidate.toAbsolutePath();
    }

    /**
     * A fresh {@code CODEX_HOME} outside the system's temporary folder: codex 0.171.0 refuses to create the helper
     * its Linux sandbox runs through under {@code /tmp}, and every sandboxed command then fails ("bwrap: execvp
     * codex-linux-sandbox: No such file or directory"). Under the build's {@code target/}, removed by {@code clean}.
     */
    public static Path freshHome() throws IOException {
        Path root = ClaudeCliForTests.repoRoot();
        Path base = root == null ? Path.of("target") : root.resolve("orchestrator/target");
        Files.createDirectories(base.resolve("codex-homes"));
        return Files.createTempDirectory(base.resolve("codex-homes").toAbsolutePath(), "home-");
    }

    /**
     * Adds to {@code env} what a coordinator needs to run Codex roles against {@code api} only: the binary, and a
     * {@code CODEX_HOME} of the test's own whose config names the fake as the model provider.
     */
    public static Map<String, String> addTo(Map<String, String> env, FakeOpenAiApi api, Path codexHome)
            throws IOException {
        api.writeCodexHome(codexHome);
        env.put("PEERS_TEAM_CODEX", binary().toString());
        env.put("CODEX_HOME", codexHome.toString());
        env.remove("OPENAI_API_KEY");
        env.remove("OPENAI_BASE_URL");
        env.put("RUST_LOG", "warn");
        return env;
    }
}
