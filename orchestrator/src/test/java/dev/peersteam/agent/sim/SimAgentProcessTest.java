package dev.peersteam.agent.sim;

import static org.assertj.core.api.Assertions.assertThat;

import dev.peersteam.protocol.CliMessage;
import dev.peersteam.protocol.HostMessage;
import dev.peersteam.protocol.HostRequest;
import dev.peersteam.protocol.StreamJsonCodec;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The simulated agent as a real child process: framing over real pipes, and exit codes. */
class SimAgentProcessTest {
    @TempDir
    Path dir;

    private final StreamJsonCodec codec = new StreamJsonCodec();

    private Process spawn(String... extra) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                ProcessHandle.current().info().command().orElse("java"),
                "-cp",
                System.getProperty("java.class.path"),
                SimAgentMain.class.getName()));
        command.addAll(SimHost.STREAM_JSON);
        command.addAll(List.of(extra));
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(Files.createDirectories(dir.resolve("project")).toFile())
                .redirectError(dir.resolve("stderr.txt").toFile());
        builder.environment().putAll(SimHost.env(dir, SimAgent.ROLE_ENV, "dev"));
        return builder.start();
    }

    private void send(OutputStream stdin, HostMessage message) throws IOException {
        stdin.write((codec.encode(message) + "\n").getBytes(StandardCharsets.UTF_8));
        stdin.flush();
    }

    @Test
    void speaksStreamJsonOverRealPipesAndExitsWhenStdinCloses() throws Exception {
        Process process = spawn("--model", "haiku");
        try (OutputStream stdin = process.getOutputStream();
                BufferedReader stdout =
                        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            send(stdin, new HostMessage.ControlRequest("req_1", new HostRequest.Initialize()));
            CliMessage.ControlResponse init =
                    (CliMessage.ControlResponse) codec.decode(stdout.readLine()).orElseThrow();
            assertThat(init.requestId()).isEqualTo("req_1");
            assertThat(init.response().path("pid").asLong()).isEqualTo(process.pid());

            send(stdin, new HostMessage.UserMessage("u-1", "hello from a real pipe"));
            List<CliMessage> turn = new ArrayList<>();
            String line;
            while ((line = stdout.readLine()) != null) {
                CliMessage message = codec.decode(line).orElseThrow();
                turn.add(message);
                if (message instanceof CliMessage.Result) {
                    break;
                }
            }
            assertThat(turn)
                    .hasExactlyElementsOfTypes(
                            CliMessage.Lifecycle.class,
                            CliMessage.Lifecycle.class,
                            CliMessage.SystemInit.class,
                            CliMessage.Assistant.class,
                            CliMessage.Result.class);
            assertThat(codec.decode(stdout.readLine()).orElseThrow()).isInstanceOf(CliMessage.Lifecycle.class);
            assertThat(((CliMessage.SystemInit) turn.get(2)).model()).isEqualTo("claude-haiku-5-5");

            stdin.close();
            assertThat(stdout.readLine()).as("nothing after the last result").isNull();
        }
        assertThat(process.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isZero();
    }

    @Test
    void exitCodesReachTheParent() throws Exception {
        Process bad = spawn();
        try (OutputStream stdin = bad.getOutputStream()) {
            stdin.write("{not json\n".getBytes(StandardCharsets.UTF_8));
        }
        assertThat(bad.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(bad.exitValue()).isEqualTo(1);
        assertThat(Files.readString(dir.resolve("stderr.txt"))).contains("Error parsing streaming input line");

        Process crash = spawn("--crash-after-turns", "0");
        try (OutputStream stdin = crash.getOutputStream()) {
            send(stdin, new HostMessage.UserMessage(null, "die"));
            assertThat(crash.waitFor(10, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(crash.exitValue()).isEqualTo(137);
        String out = new String(crash.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(out.lines().map(l -> l.substring(0, Math.min(40, l.length()))))
                .singleElement()
                .asString()
                .startsWith("{\"type\":\"system\",\"subtype\":\"init\"");
    }
}
