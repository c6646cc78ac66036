package dev.peersteam.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.peersteam.protocol.CliMessage;
import dev.peersteam.protocol.ContentBlock;
import dev.peersteam.protocol.HostMessage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The process edge over real pipes: framing, order of events, stderr to its file, exit, and the traffic log. */
class AgentProcessTest {
    @TempDir
    Path dir;

    private final BlockingQueue<SessionEvent> events = new LinkedBlockingQueue<>();

    private AgentProcess start(String script) throws Exception {
        LaunchSpec spec = new LaunchSpec(
                "qa",
                List.of("bash", "-c", script),
                dir,
                Map.of("PATH", System.getenv("PATH")),
                dir.resolve("qa.stderr.log"));
        return AgentProcess.start(spec, new TrafficLog(dir.resolve("qa.jsonl"), Clock.systemUTC()), events::add);
    }

    private SessionEvent next() throws InterruptedException {
        SessionEvent event = events.poll(20, TimeUnit.SECONDS);
        assertThat(event).as("an event within 20 s").isNotNull();
        return event;
    }

    @Test
    void linesBecomeEventsInOrderAndTheExitComesLastWithTheStderrTail() throws Exception {
        AgentProcess agent = start("""
                echo '[SandboxDebug] not protocol traffic'
                echo '{"type":"system","subtype":"init","session_id":"s1","tools":[],"mcp_servers":[]}'
                echo '{"type":"brok'
                echo 'something went wrong' >&2
                read -r line; echo "$line"
                exit 3
                """);
        agent.send(new HostMessage.UserMessage("u-1", "hello"));

        assertThat(next())
                .isInstanceOfSatisfying(
                        SessionEvent.Received.class,
                        r -> assertThat(r.message()).isInstanceOf(CliMessage.SystemInit.class));
        assertThat(next())
                .isInstanceOfSatisfying(
                        SessionEvent.Garbled.class, g -> assertThat(g.line()).isEqualTo("{\"type\":\"brok"));
        assertThat(next())
                .isInstanceOfSatisfying(
                        SessionEvent.Received.class,
                        r -> assertThat(r.message())
                                .isInstanceOfSatisfying(
                                        CliMessage.User.class,
                                        u -> assertThat(u.content()).containsExactly(new ContentBlock.Text("hello"))));
        assertThat(next()).isInstanceOfSatisfying(SessionEvent.Exited.class, e -> {
            assertThat(e.exitCode()).isEqualTo(3);
            assertThat(e.stderrTail()).containsExactly("something went wrong");
        });

        String log = Files.readString(dir.resolve("qa.jsonl"));
        assertThat(log)
                .contains("\"dir\":\">\",\"msg\":{\"type\":\"user\"")
                .contains("\"dir\":\"<\",\"msg\":{\"type\":\"system\"")
                .contains("\"text\":\"[SandboxDebug] not protocol traffic\"");
        assertThat(Files.readString(dir.resolve("qa.stderr.log"))).isEqualTo("something went wrong\n");
    }

    @Test
    void theExitsTailIsOnlyWhatThisRunWroteAndEndsWithItsLastLines() throws Exception {
        Files.writeString(dir.resolve("qa.stderr.log"), "an earlier run's last words\n");
        start("for i in $(seq 1 500); do echo \"line $i of a long complaint\" >&2; done; exit 1");
        assertThat(next()).isInstanceOfSatisfying(SessionEvent.Exited.class, e -> {
            assertThat(e.stderrTail()).hasSize(20);
            assertThat(e.stderrTail().getFirst()).isEqualTo("line 481 of a long complaint");
            assertThat(e.stderrTail().getLast()).isEqualTo("line 500 of a long complaint");
        });

        start("exit 2");
        assertThat(next())
                .isInstanceOfSatisfying(
                        SessionEvent.Exited.class,
                        e -> assertThat(e.stderrTail()).isEmpty());
    }

    @Test
    void aLineOfSeveralMegabytesIsOneMessage() throws Exception {
        AgentProcess agent = start("""
                head -c 5000000 /dev/zero | tr '\\0' 'x' > big.txt
                printf '{"type":"assistant","message":{"id":"m1","content":[{"type":"text","text":"%s"}]}}\\n' "$(cat big.txt)"
                """);
        assertThat(next())
                .isInstanceOfSatisfying(
                        SessionEvent.Received.class,
                        r -> assertThat(r.message())
                                .isInstanceOfSatisfying(
                                        CliMessage.Assistant.class,
                                        a -> assertThat(((ContentBlock.Text)
                                                                a.content().getFirst())
                                                        .text())
                                                .hasSize(5_000_000)));
        assertThat(next()).isInstanceOf(SessionEvent.Exited.class);
        assertThat(agent.pid()).isPositive();
    }

    @Test
    void closingInputEndsAProcessThatReadsUntilEof() throws Exception {
        AgentProcess agent = start("cat > /dev/null; echo '{\"type\":\"keep_alive\"}'");
        agent.send(new HostMessage.UserMessage(null, "one"));
        agent.closeInput();
        assertThat(next())
                .isInstanceOfSatisfying(
                        SessionEvent.Received.class,
                        r -> assertThat(r.message()).isInstanceOf(CliMessage.KeepAlive.class));
        assertThat(next())
                .isInstanceOfSatisfying(
                        SessionEvent.Exited.class, e -> assertThat(e.exitCode()).isZero());
    }

    @Test
    void terminateEndsTheProcessAndWhatItStarted() throws Exception {
        AgentProcess agent = start("sleep 300 & echo \"{\\\"type\\\":\\\"child\\\",\\\"pid\\\":$!}\"; wait");
        SessionEvent announced = next();
        long childPid = ((CliMessage.Unknown) ((SessionEvent.Received) announced).message())
                .raw()
                .path("pid")
                .asLong();
        ProcessHandle child = ProcessHandle.of(childPid).orElseThrow();
        agent.terminate();
        assertThat(next()).isInstanceOf(SessionEvent.Exited.class);
        child.onExit().get(10, TimeUnit.SECONDS);
        assertThat(child.isAlive()).isFalse();
    }
}
