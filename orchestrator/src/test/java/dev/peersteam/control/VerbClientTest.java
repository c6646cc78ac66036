package dev.peersteam.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The quick verbs' lean client: its two lines agree with {@link ControlCodec} whatever they carry, and it runs a verb
 * here instead ({@link VerbClient.NotRun}) only when the coordinator certainly did not run it.
 */
class VerbClientTest {
    @TempDir
    Path dir;

    private final ControlCodec codec = new ControlCodec();
    private final List<ControlRequest.Call<?>> received = new CopyOnWriteArrayList<>();
    private ControlServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    // --- the two lines ------------------------------------------------------------------------------------------

    @Test
    void randomArgumentsAndOutputsCrossBothCodecsExactly() throws IOException {
        long seed = new Random().nextLong();
        Random random = new Random(seed);
        for (int round = 0; round < 500; round++) {
            List<String> argv = new ArrayList<>(List.of("assign"));
            for (int i = random.nextInt(5); i >= 0; i--) {
                argv.add(randomText(random));
            }
            String cwd = "/" + randomText(random).replace('\0', '0'); // a path cannot hold NUL
            String line = VerbClient.request(argv, Path.of(cwd));
            assertThat(line).as("seed %d", seed).doesNotContain("\n");
            assertThat(codec.decodeRequest(line))
                    .as("seed %d: %s", seed, line)
                    .isEqualTo(new Decoded.Valid<>(new ControlRequest.Verb(
                            argv, Path.of(cwd).normalize().toString())));

            VerbOutput output = new VerbOutput(randomText(random), randomText(random), random.nextInt(256));
            assertThat(VerbClient.answer(codec.encode(new ControlResponse.Ok(output)), false))
                    .as("seed %d", seed)
                    .isEqualTo(new VerbClient.Ran(output));
        }
    }

    /** Valid UTF-16 text with what hurts: quotes, backslashes, controls, newlines, NUL, U+2028, astral characters. */
    private static String randomText(Random random) {
        String[] pieces = {"\"", "\\", "\n", "\r", "\t", "\0", "\u001b[2J", "\u2028", "é", "😀", "{\"v\":1}", " ", "a"};
        StringBuilder text = new StringBuilder();
        for (int i = random.nextInt(12); i > 0; i--) {
            text.append(
                    random.nextBoolean() ? pieces[random.nextInt(pieces.length)] : (char) (0x20 + random.nextInt(90)));
        }
        return text.toString();
    }

    @Test
    void anErrorAnswerIsNotRunOnlyWhenTheVerbWasCertainlyNotTaken() {
        for (String notTaken : List.of(
                ControlResponse.Error.UNKNOWN_REQUEST,
                ControlResponse.Error.BAD_REQUEST,
                ControlResponse.Error.UNSUPPORTED_VERSION,
                ControlResponse.Error.NOT_ALLOWED)) {
            assertThat(VerbClient.answer(codec.encode(new ControlResponse.Error(notTaken, "no")), false))
                    .as(notTaken)
                    .isInstanceOf(VerbClient.NotRun.class);
        }
        assertThat(VerbClient.answer(
                        codec.encode(new ControlResponse.Error(ControlResponse.Error.TOO_MANY_CONNECTIONS, "full")),
                        false))
                .as("not taken either, and worth asking again")
                .isInstanceOf(VerbClient.Busy.class);
        for (String maybeTaken : List.of(ControlResponse.Error.SHUTTING_DOWN, ControlResponse.Error.INTERNAL)) {
            ControlResponse.Error error = new ControlResponse.Error(maybeTaken, "it stopped");
            assertThat(VerbClient.answer(codec.encode(error), false))
                    .as(maybeTaken)
                    .isEqualTo(new VerbClient.Failed(error));
            assertThat(VerbClient.answer(codec.encode(error), true))
                    .as("%s before the request was even sent", maybeTaken)
                    .isInstanceOf(VerbClient.NotRun.class);
        }
    }

    @Test
    void garbageOrAnAnswerWithoutItsBodyIsLostNeverNotRun() {
        for (String line : List.of(
                "",
                "not json",
                "[1,2]",
                "{\"v\":1,\"type\":\"ok\"}",
                "{\"v\":1,\"type\":\"ok\",\"body\":{\"out\":\"x\"}}",
                "{\"v\":1,\"type\":\"ok\",\"body\":{\"out\":\"x\",\"exit\":\"0\"}}",
                "{\"v\":1,\"type\":\"error\"}",
                "{\"v\":1,\"type\":\"event\",\"event\":{}}",
                "{\"v\":1,\"type\":\"ok\",\"body\":{\"out\":\"x\",\"exit\":0}")) {
            assertThat(VerbClient.answer(line, false)).as(line).isInstanceOf(VerbClient.Lost.class);
        }
    }

    // --- against a server ---------------------------------------------------------------------------------------

    @Test
    void aCoordinatorThatRunsVerbsRunsItOnceAndItsOutputComesBack() throws IOException {
        Path socket = serve(request -> new ControlResponse.Ok(
                new VerbOutput("ran " + ((ControlRequest.Verb) request).argv() + "\n", "a warning\n", 0)));
        assertThat(VerbClient.run(socket, List.of("ps", "--json"), dir))
                .isEqualTo(new VerbClient.Ran(new VerbOutput("ran [ps, --json]\n", "a warning\n", 0)));
        assertThat(received).containsExactly(new ControlRequest.Verb(List.of("ps", "--json"), dir.toString()));
    }

    @Test
    void aCoordinatorThatDoesNotRunVerbsLeavesItToTheCaller() throws IOException {
        Path socket = serve(request ->
                new ControlResponse.Error(ControlResponse.Error.UNKNOWN_REQUEST, "this coordinator does not run them"));
        assertThat(VerbClient.run(socket, List.of("ps"), dir)).isInstanceOf(VerbClient.NotRun.class);
    }

    @Test
    void noSocketOrNobodyListeningIsNotRun() throws IOException {
        assertThat(VerbClient.run(dir.resolve("control.sock"), List.of("ps"), dir))
                .isInstanceOf(VerbClient.NotRun.class);

        Path stale = dir.resolve("stale.sock"); // a coordinator killed with -9 leaves its socket file behind
        try (ServerSocketChannel listener = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            listener.bind(UnixDomainSocketAddress.of(stale));
        }
        assertThat(stale).exists();
        assertThat(VerbClient.run(stale, List.of("ps"), dir)).isInstanceOf(VerbClient.NotRun.class);
    }

    @Test
    void aCoordinatorThatTakesTheVerbAndDiesBeforeAnsweringIsLostSoTheVerbIsNotRunTwice() throws Exception {
        Path socket = dir.resolve("dies.sock");
        try (ServerSocketChannel listener = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            listener.bind(UnixDomainSocketAddress.of(socket));
            CompletableFuture<String> taken = CompletableFuture.supplyAsync(() -> {
                try (SocketChannel client = listener.accept()) {
                    ByteBuffer buffer = ByteBuffer.allocate(4096);
                    StringBuilder line = new StringBuilder();
                    while (line.indexOf("\n") < 0 && client.read(buffer.clear()) > 0) {
                        line.append(StandardCharsets.UTF_8.decode(buffer.flip()));
                    }
                    return line.toString(); // and close without a word
                } catch (IOException e) {
                    throw new RuntimeException(e);
                }
            });
            assertThat(VerbClient.run(socket, List.of("assign", "qa", "x"), dir))
                    .isInstanceOf(VerbClient.Lost.class);
            assertThat(taken.get()).contains("\"type\":\"verb\"");
        }
    }

    @Test
    void aCoordinatorThatNeverAnswersIsLostAfterTheTimeout() throws IOException {
        CompletableFuture<ControlResponse> never = new CompletableFuture<>();
        Path socket = dir.resolve("c.sock");
        server = ControlServer.start(socket, handler(request -> never));
        VerbClient.Outcome outcome =
                VerbClient.run(socket, List.of("ps"), dir, Duration.ofMillis(300), VerbClient.BUSY_FOR_AT_MOST);
        assertThat(outcome).isInstanceOf(VerbClient.Lost.class);
        assertThat(((VerbClient.Lost) outcome).why()).contains("did not answer within");
    }

    private Path serve(Function<ControlRequest.Call<?>, ControlResponse> answers) throws IOException {
        Path socket = dir.resolve("c.sock");
        server = ControlServer.start(
                socket, handler(request -> CompletableFuture.completedFuture(answers.apply(request))));
        return socket;
    }

    private ControlHandler handler(Function<ControlRequest.Call<?>, CompletionStage<ControlResponse>> answers) {
        return new ControlHandler() {
            @Override
            public CompletionStage<ControlResponse> handle(ControlRequest.Call<?> request) {
                received.add(request);
                return answers.apply(request);
            }

            @Override
            public void subscribe(EventSink sink) {
                sink.close();
            }
        };
    }

    @Test
    void theVerbRecordRefusesWhatNoClientShouldSend() {
        for (String line : List.of(
                "{\"v\":1,\"type\":\"verb\",\"argv\":[],\"cwd\":\"/\"}",
                "{\"v\":1,\"type\":\"verb\",\"argv\":[\"ps\"]}",
                "{\"v\":1,\"type\":\"verb\",\"argv\":[\"ps\"],\"cwd\":\"relative/dir\"}",
                "{\"v\":1,\"type\":\"verb\",\"argv\":[\"ps\",null],\"cwd\":\"/\"}")) {
            assertThat(codec.decodeRequest(line)).as(line).isInstanceOf(Decoded.Invalid.class);
        }
    }

    @Test
    void aCoordinatorWithNoConnectionFreeIsAskedAgainUntilItHasOneAndThenGivesUpAsNotRun() throws IOException {
        Path socket = dir.resolve("c.sock");
        server = ControlServer.start(
                socket,
                handler(request ->
                        CompletableFuture.completedFuture(new ControlResponse.Ok(new VerbOutput("ran\n", "", 0)))),
                ControlServer.Settings.defaults()
                        .withLimits(
                                1,
                                ControlServer.Settings.DEFAULT_IDLE_TIMEOUT,
                                ControlCodec.MAX_REQUEST_BYTES,
                                ControlServer.Settings.DEFAULT_MAX_QUEUED_BYTES));
        try (SocketChannel holder = SocketChannel.open(UnixDomainSocketAddress.of(socket))) {
            // the one connection is taken while this asks: refused every time, so after a while not run at all
            assertThat(VerbClient.run(socket, List.of("ps"), dir, Duration.ofSeconds(5), Duration.ofMillis(400)))
                    .isInstanceOf(VerbClient.NotRun.class);
            assertThat(received).as("never taken").isEmpty();
            // taken again for a moment only: the next ask waits its turn and runs, once
            CompletableFuture.runAsync(() -> {
                try {
                    Thread.sleep(200);
                    holder.close();
                } catch (IOException | InterruptedException e) {
                    throw new RuntimeException(e);
                }
            });
            assertThat(VerbClient.run(socket, List.of("ps"), dir, Duration.ofSeconds(5), Duration.ofSeconds(10)))
                    .isEqualTo(new VerbClient.Ran(new VerbOutput("ran\n", "", 0)));
            assertThat(received).hasSize(1);
        }
    }
}
