package dev.peersteam.agent.sim;

import static org.assertj.core.api.Assertions.assertThat;

import dev.peersteam.agent.sim.SimHost.Line;
import dev.peersteam.protocol.CliMessage;
import dev.peersteam.protocol.ContentBlock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The faults the simulated agent injects on purpose, from options or from its script. */
class FaultInjectionTest {
    @TempDir
    Path dir;

    private SimHost start(String yaml, String... args) throws IOException {
        Path cwd = Files.createDirectories(dir.resolve("project"));
        Path script = Files.writeString(dir.resolve("script.yaml"), yaml);
        return SimHost.start(
                cwd, SimHost.env(dir, SimAgent.SCRIPT_ENV, script.toString(), SimAgent.ROLE_ENV, "dev"), args);
    }

    @Test
    void aCrashKillsTheAgentRightAfterTheFirstFrameOfTheTurnAfterN() throws Exception {
        try (SimHost host = start("", "--crash-after-turns", "1")) {
            host.user("one");
            assertThat(host.turn().getLast().message()).isInstanceOf(CliMessage.Result.class);
            host.user("two");
            host.expect("system/init");
            assertThat(host.exitCode()).isEqualTo(Faults.CRASH_EXIT_CODE);
            assertThat(host.rest()).isEmpty();
        }
    }

    @Test
    void aCrashAfterLifecycleStartedLeavesAStartedButUnfinishedMessage() throws Exception {
        try (SimHost host = start("faults: {crash_after_turns: 0}")) {
            host.user("one", "u-1");
            assertThat(host.expect("command_lifecycle").json().path("state").asText())
                    .isEqualTo("queued");
            assertThat(host.expect("command_lifecycle").json().path("state").asText())
                    .isEqualTo("started");
            assertThat(host.exitCode()).isEqualTo(137);
            assertThat(host.rest()).isEmpty();
        }
    }

    @Test
    void garbageLinesFollowEveryNthFrame() throws Exception {
        try (SimHost host = start("roles: {dev: {faults: {garbage_every: 2}}}")) {
            host.user("hello");
            List<Line> lines = host.turn();
            assertThat(lines)
                    .extracting(Line::kind)
                    .containsExactly("system/init", "assistant", "<not json>", "<not json>", "result");
            assertThat(lines.get(2).message())
                    .as("not protocol traffic: skipped by hosts")
                    .isNull();
            assertThat(lines.get(2).decodeError()).isNull();
            assertThat(lines.get(3).raw()).startsWith("{");
            assertThat(lines.get(3).decodeError())
                    .as("a '{' line that does not parse")
                    .contains("malformed JSON");
        }
    }

    @Test
    void slowFramesAreDelayed() throws Exception {
        try (SimHost host = start("faults: {slow_ms: 40}")) {
            long start = System.nanoTime();
            host.user("hello");
            assertThat(host.turn()).hasSize(3);
            assertThat((System.nanoTime() - start) / 1_000_000)
                    .as("at least 3 x 40 ms")
                    .isGreaterThanOrEqualTo(120);
        }
    }

    @Test
    void aHugeLineCarriesOneTextBlockOfTheGivenSize() throws Exception {
        try (SimHost host = start("", "--huge-line-bytes", "3000000")) {
            host.user("hello");
            List<Line> lines = host.turn();
            assertThat(lines).extracting(Line::kind).containsExactly("system/init", "assistant", "assistant", "result");
            ContentBlock.Text huge = (ContentBlock.Text)
                    ((CliMessage.Assistant) lines.get(1).message()).content().get(0);
            assertThat(huge.text()).hasSize(3_000_000);
            assertThat(lines.get(1).raw().length()).isGreaterThan(3_000_000);
            host.user("again");
            assertThat(host.turn()).as("only once").hasSize(3);
        }
    }

    @Test
    void exitOnStartExitsBeforeReadingAnything() throws Exception {
        try (SimHost host = start("faults: {exit_on_start: 3}")) {
            assertThat(host.exitCode()).isEqualTo(3);
            assertThat(host.rest()).isEmpty();
        }
        try (SimHost host = start("faults: {exit_on_start: 3}", "--exit-on-start", "5")) {
            assertThat(host.exitCode()).as("options override the script").isEqualTo(5);
        }
    }
}
