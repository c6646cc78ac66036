package dev.peersteam.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClaudeCliForTestsTest {
    @TempDir
    Path temp;

    @Test
    void environmentPointsOnlyAtTheFakeWithAThrowawayHome() {
        try (FakeAnthropicApi api = FakeAnthropicApi.start(req -> ModelReply.text("x"))) {
            Path home = temp.resolve("home");
            Map<String, String> env = ClaudeCliForTests.environmentFor(api, home);

            assertThat(env)
                    .containsEntry("ANTHROPIC_BASE_URL", "http://127.0.0.1:" + api.port())
                    .containsEntry("ANTHROPIC_API_KEY", "sk-fake")
                    .containsEntry("CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC", "1")
                    .containsEntry("DISABLE_AUTOUPDATER", "1")
                    .containsEntry("HOME", home.toString())
                    .containsEntry("CLAUDE_CONFIG_DIR", home.resolve(".claude").toString())
                    .doesNotContainKey("CLAUDECODE");
            assertThat(env.keySet())
                    .filteredOn(k -> k.startsWith("ANTHROPIC_"))
                    .containsExactlyInAnyOrder("ANTHROPIC_BASE_URL", "ANTHROPIC_API_KEY");
            assertThat(home.resolve(".claude")).isDirectory();
            if (System.getenv("PATH") != null) {
                assertThat(env).containsEntry("PATH", System.getenv("PATH"));
            }
        }
    }
}
