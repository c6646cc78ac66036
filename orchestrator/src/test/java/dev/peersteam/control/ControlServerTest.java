package dev.peersteam.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A real server on a real socket, with a fake handler. Waits are latches and futures with timeouts, never sleeps. */
@Timeout(30)
class ControlServerTest {
    private static final long WAIT = 10;

    private Path dir;
    private Path socket;
    private final FakeHandler handler = new FakeHandler();
    private final List<AutoCloseable> resources = new ArrayList<>();

    @BeforeEach
    void createSocketDirectory() throws IOException {
        // Short, because a socket path holds at most 107 bytes; createTempDirectory makes it 0700.
        dir = Files.createTempDirectory(Path.of("/tmp"), "pt");
        socket = dir.resolve("c.sock");
    }

    @AfterEach
    void cleanUp() throws Exception {
        for (AutoCloseable resource : resources.reversed()) {
            resource.close();
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    // --- requests and answers -------------------------------------------------------------------------------

    @Test
    void everyOneShotRequestIsAnsweredByTheHandler() throws Exception {
        start();
        ControlClient client = client();
        List<ControlRequest.Call<?>> requests = List.of(
                new ControlRequest.Hello(),
                new ControlRequest.Assign("qa", "test login", List.of("t1")),
                new ControlRequest.Send("all", "stand up"),
                new ControlRequest.Board(),
                new ControlRequest.Ps(),
                new ControlRequest.Interrupt("qa"),
                new ControlRequest.Down(false),
                new ControlRequest.Approve("p-1", true),
                new ControlRequest.Deny("p-2", "no"));
        for (ControlRequest.Call<?> request : requests) {
            assertThat(client.request(request)).isEqualTo(echo(request));
            assertThat(handler.handled.poll(WAIT, TimeUnit.SECONDS)).isEqualTo(request);
        }
    }

    @Test
    void helloCarriesCoordinatorInfo() throws Exception {
        CoordinatorInfo info = new CoordinatorInfo(ProcessHandle.current().pid(), "shop", "/repo", "0.1.0");
        handler.answer = request -> CompletableFuture.completedFuture(new ControlResponse.Ok(info));
        start();
        assertThat(client().call(new ControlRequest.Hello())).isEqualTo(info);
    }

    @Test
    void everyReplyReachesTheClientAsTheRecordItsRequestNames() throws Exception {
        start();
        ControlClient client = client();
        assertThat(client.call(new ControlRequest.Ps())).isEqualTo(SampleReplies.ps());
        assertThat(client.call(new ControlRequest.Assign("qa", "test it", List.of("T1"))))
                .isEqualTo(SampleReplies.task("T9", "test it", "qa", List.of("T1")));
        assertThat(client.call(new ControlRequest.Approve("p1", true)).rules()).containsExactly("Bash(npm test)");
        assertThat(client.call(new ControlRequest.Interrupt("qa")).state()).isEqualTo(SessionState.BUSY);
    }

    @Test
    void anErrorAnswerToACallIsThrownWithItsCode() throws Exception {
        handler.answer = request -> CompletableFuture.completedFuture(
                new ControlResponse.Error(ControlResponse.Error.UNKNOWN_ROLE, "no role 'x'"));
        start();
        assertThatThrownBy(() -> client().call(new ControlRequest.Interrupt("x")))
                .isInstanceOfSatisfying(
                        ControlErrorException.class,
                        e -> assertThat(e.error().code()).isEqualTo(ControlResponse.Error.UNKNOWN_ROLE));
    }

    @Test
    void aHandlerThatAnswersWithTheWrongReplyIsAnsweredInternal() throws Exception {
        handler.answer = request -> CompletableFuture.completedFuture(new ControlResponse.Ok(Stopping.now()));
        start();
        assertThat(client().request(new ControlRequest.Ps()))
                .isEqualTo(new ControlResponse.Error(
                        ControlResponse.Error.INTERNAL, "the handler answered Stopping to Ps"));
    }

    @Test
    void handlerFailuresBecomeErrorAnswersAndTheConnectionStaysUsable() throws Exception {
        handler.answer = request -> switch (request) {
            case ControlRequest.Interrupt interrupt -> throw new IllegalStateException("boom");
            case ControlRequest.Board board -> CompletableFuture.failedFuture(new IllegalStateException("board lost"));
            case ControlRequest.Ps ps ->
                CompletableFuture.supplyAsync(() -> {
                    throw new IllegalStateException("async failure");
                });
            case ControlRequest.Send send ->
                CompletableFuture.failedFuture(
                        new ControlErrorException(ControlResponse.Error.UNKNOWN_ROLE, "no role \"" + send.to() + "\""));
            case ControlRequest.Deny deny -> null;
            case ControlRequest.Approve approve -> CompletableFuture.completedFuture(null);
            default -> CompletableFuture.completedFuture(echo(request));
        };
        start();
        ControlClient client = client();

        assertThat(client.request(new ControlRequest.Interrupt("qa")))
                .isEqualTo(new ControlResponse.Error(ControlResponse.Error.INTERNAL, "boom"));
        assertThat(client.request(new ControlRequest.Board()))
                .isEqualTo(new ControlResponse.Error(ControlResponse.Error.INTERNAL, "board lost"));
        assertThat(client.request(new ControlRequest.Ps()))
                .isEqualTo(new ControlResponse.Error(ControlResponse.Error.INTERNAL, "async failure"));
        assertThat(client.request(new ControlRequest.Send("nobody", "hi")))
                .isEqualTo(new ControlResponse.Error(ControlResponse.Error.UNKNOWN_ROLE, "no role \"nobody\""));
        assertThat(client.request(new ControlRequest.Deny("p-1", null)))
                .extracting(r -> ((ControlResponse.Error) r).code())
                .isEqualTo(ControlResponse.Error.INTERNAL);
        assertThat(client.request(new ControlRequest.Approve("p-1", false)))
                .extracting(r -> ((ControlResponse.Error) r).code())
                .isEqualTo(ControlResponse.Error.INTERNAL);
        assertThat(client.request(new ControlRequest.Hello())).isEqualTo(echo(new ControlRequest.Hello()));
    }

    @Test
    void badLinesAreAnsweredOneByOneAndTheConnectionStaysUsable() throws Exception {
        start();
        RawClient raw = raw();
        raw.send("garbage");
        raw.send("{\"v\":2,\"type\":\"board\"}");
        raw.send("{\"v\":1,\"type\":\"reboot\"}");
        raw.send("{\"v\":1,\"type\":\"assign\",\"role\":\"qa\"}");
        raw.send("{\"v\":1,\"type\":\"board\"}");

        assertThat(raw.error().code()).isEqualTo(ControlResponse.Error.BAD_REQUEST);
        assertThat(raw.error().code()).isEqualTo(ControlResponse.Error.UNSUPPORTED_VERSION);
        assertThat(raw.error().code()).isEqualTo(ControlResponse.Error.UNKNOWN_REQUEST);
        assertThat(raw.error().message()).contains("\"text\"");
        assertThat(raw.line()).isEqualTo(echo(new ControlRequest.Board()));
        assertThat(handler.handled).containsExactly(new ControlRequest.Board());
    }

    @Test
    void anOverLongLineIsAnsweredAndEndsTheConnection() throws Exception {
        start();
        RawClient raw = raw();
        raw.send("{\"v\":1,\"type\":\"board\"}");
        raw.send("x".repeat(ControlCodec.MAX_REQUEST_BYTES + 1));

        assertThat(raw.line()).isEqualTo(echo(new ControlRequest.Board()));
        ControlResponse.Error tooLong = raw.error();
        assertThat(tooLong.code()).isEqualTo(ControlResponse.Error.BAD_REQUEST);
        assertThat(tooLong.message())
                .contains("longer than " + ControlCodec.MAX_REQUEST_BYTES)
                .contains("closing");
        assertThat(raw.lineOrNull()).isNull();
    }

    @Test
    void twoClientsAreServedAtTheSameTime() throws Exception {
        // Each answer waits until both requests have arrived: a server serving one client at a time would hang.
        CountDownLatch arrived = new CountDownLatch(2);
        CompletableFuture<Void> bothArrived = new CompletableFuture<>();
        handler.answer = request -> {
            arrived.countDown();
            if (arrived.getCount() == 0) {
                bothArrived.complete(null);
            }
            return bothArrived.thenApply(ignored -> echo(request));
        };
        start();
        ControlClient first = client();
        ControlClient second = client();
        CompletableFuture<ControlResponse> hello = async(() -> first.request(new ControlRequest.Hello()));
        CompletableFuture<ControlResponse> ps = async(() -> second.request(new ControlRequest.Ps()));
        assertThat(hello.get(WAIT, TimeUnit.SECONDS)).isEqualTo(echo(new ControlRequest.Hello()));
        assertThat(ps.get(WAIT, TimeUnit.SECONDS)).isEqualTo(echo(new ControlRequest.Ps()));
    }

    @Test
    void aRequestWithoutAnswerTimesOutAndClosesTheClient() throws Exception {
        handler.answer = request -> new CompletableFuture<>();
        start(new ControlServer.Settings(16, Duration.ofMillis(100), Duration.ofSeconds(2)));
        ControlClient client = remember(ControlClient.connect(socket, Duration.ofMillis(200)));
        assertThatThrownBy(() -> client.request(new ControlRequest.Board()))
                .isInstanceOf(SocketTimeoutException.class)
                .hasMessageContaining("did not answer");
        assertThatThrownBy(() -> client.request(new ControlRequest.Board())).isInstanceOf(IOException.class);
    }

    // --- streams --------------------------------------------------------------------------------------------

    @Test
    void aSubscriptionReceivesPushedEventsUntilTheClientCloses() throws Exception {
        start();
        ControlClient client = client();
        BlockingQueue<TeamEvent> events = new LinkedBlockingQueue<>();
        CompletableFuture<Void> streaming = async(() -> {
            client.subscribe(events::add);
            return null;
        });
        FakeHandler.Subscription subscription = handler.subscriptions.poll(WAIT, TimeUnit.SECONDS);
        for (int i = 1; i <= 3; i++) {
            assertThat(subscription.sink().push(event(i))).isTrue();
        }
        for (int i = 1; i <= 3; i++) {
            assertThat(events.poll(WAIT, TimeUnit.SECONDS)).isEqualTo(event(i));
        }

        client.close(); // from another thread than the one blocked in stream()
        streaming.get(WAIT, TimeUnit.SECONDS);
        subscription.sink().closed().toCompletableFuture().get(WAIT, TimeUnit.SECONDS);
        assertThat(subscription.sink().push(event(4))).isFalse();
    }

    @Test
    void aStreamEndedByTheHandlerDeliversWhatIsQueued() throws Exception {
        start();
        ControlClient client = client();
        BlockingQueue<TeamEvent> events = new LinkedBlockingQueue<>();
        CompletableFuture<Void> streaming = async(() -> {
            client.subscribe(events::add);
            return null;
        });
        FakeHandler.Subscription subscription = handler.subscriptions.poll(WAIT, TimeUnit.SECONDS);
        subscription.sink().push(event(1));
        subscription.sink().close(); // the handler ends the stream: what is queued still arrives
        streaming.get(WAIT, TimeUnit.SECONDS);
        assertThat(events).containsExactly(event(1));
    }

    @Test
    void anEventOfAKindThisClientDoesNotKnowIsSkippedAndTheStreamGoesOn() throws Exception {
        start();
        RawClient raw = raw();
        raw.send("{\"v\":1,\"type\":\"subscribe\"}");
        EventSink sink = handler.subscriptions.poll(WAIT, TimeUnit.SECONDS).sink();
        sink.push(event(1));
        assertThat(raw.lineText())
                .isEqualTo("{\"v\":1,\"type\":\"event\",\"event\":{\"type\":\"said\",\"role\":\"qa\",\"text\":\"1\"}}");
        ControlCodec codec = new ControlCodec();
        assertThat(codec.decodeStreamLine(
                        "{\"v\":1,\"type\":\"event\",\"event\":{\"type\":\"weather\",\"role\":\"qa\"}}"))
                .isInstanceOfSatisfying(
                        Decoded.Valid.class, valid -> assertThat(valid.value()).isInstanceOf(StreamLine.Skipped.class));
    }

    @Test
    void aStreamRefusedByTheHandlerEndsWithItsError() throws Exception {
        start();
        ControlClient client = client();
        CompletableFuture<Void> streaming = async(() -> {
            client.subscribe(event -> {});
            return null;
        });
        handler.subscriptions
                .poll(WAIT, TimeUnit.SECONDS)
                .sink()
                .fail(new ControlResponse.Error(ControlResponse.Error.NOT_ALLOWED, "no events for you"));
        assertThat(failure(streaming))
                .isInstanceOfSatisfying(
                        ControlErrorException.class,
                        e -> assertThat(e.error())
                                .isEqualTo(new ControlResponse.Error(
                                        ControlResponse.Error.NOT_ALLOWED, "no events for you")));
    }

    @Test
    void aSubscribeThatThrowsEndsTheStreamWithInternal() throws Exception {
        handler.subscribeFailure = new IllegalStateException("no events today");
        start();
        ControlClient client = client();
        assertThatThrownBy(() -> client.subscribe(event -> {}))
                .isInstanceOfSatisfying(
                        ControlErrorException.class,
                        e -> assertThat(e.error())
                                .isEqualTo(
                                        new ControlResponse.Error(ControlResponse.Error.INTERNAL, "no events today")));
    }

    @Test
    void aSlowSubscriberIsDroppedWithoutBlockingThePusher() throws Exception {
        start(new ControlServer.Settings(4, Duration.ofSeconds(1), Duration.ofSeconds(WAIT)));
        RawClient raw = raw(); // subscribes and then does not read
        raw.send("{\"v\":1,\"type\":\"subscribe\"}");
        EventSink sink = handler.subscriptions.poll(WAIT, TimeUnit.SECONDS).sink();
        TeamEvent big = new TeamEvent.Said("qa", "x".repeat(64 * 1024));

        // If push ever blocked, this would not finish before the timeout.
        int accepted = async(() -> {
                    int pushed = 0;
                    while (sink.push(big) && pushed < 100_000) {
                        pushed++;
                    }
                    return pushed;
                })
                .get(WAIT, TimeUnit.SECONDS);
        assertThat(accepted).isBetween(4, 1_000); // the queue, plus what the socket buffers took
        assertThat(sink.push(big)).isFalse();

        ServerLine last = null;
        for (ServerLine line = raw.lineOrNull(); line != null; line = raw.lineOrNull()) {
            last = line;
        }
        assertThat(last)
                .isInstanceOfSatisfying(
                        ControlResponse.Error.class,
                        error -> assertThat(error.code()).isEqualTo(ControlResponse.Error.SLOW_CONSUMER));
        sink.closed().toCompletableFuture().get(WAIT, TimeUnit.SECONDS);
    }

    // --- shutdown -------------------------------------------------------------------------------------------

    @Test
    void aRequestStillPendingAtCloseIsAnsweredShuttingDown() throws Exception {
        handler.answer = request -> new CompletableFuture<>(); // never answers
        ControlServer server = start(new ControlServer.Settings(16, Duration.ofMillis(200), Duration.ofSeconds(2)));
        ControlClient client = client();
        CompletableFuture<ControlResponse> answer = async(() -> client.request(new ControlRequest.Down(false)));
        assertThat(handler.handled.poll(WAIT, TimeUnit.SECONDS)).isEqualTo(new ControlRequest.Down(false));

        server.close();
        assertThat(answer.get(WAIT, TimeUnit.SECONDS)).isEqualTo(Connection.shuttingDownError());
        assertThat(socket).doesNotExist();
    }

    @Test
    void anAnswerThatArrivesDuringCloseIsStillDelivered() throws Exception {
        CompletableFuture<ControlResponse> late = new CompletableFuture<>();
        handler.answer = request -> late;
        ControlServer server = start(new ControlServer.Settings(16, Duration.ofSeconds(WAIT), Duration.ofSeconds(2)));
        ControlClient client = client();
        CompletableFuture<ControlResponse> answer = async(() -> client.request(new ControlRequest.Down(true)));
        assertThat(handler.handled.poll(WAIT, TimeUnit.SECONDS)).isNotNull();

        CompletableFuture<Void> closing = async(() -> {
            server.close();
            return null;
        });
        late.complete(new ControlResponse.Ok(Stopping.now()));
        assertThat(answer.get(WAIT, TimeUnit.SECONDS)).isEqualTo(new ControlResponse.Ok(Stopping.now()));
        closing.get(WAIT, TimeUnit.SECONDS);
    }

    @Test
    void anIdleConnectionIsToldOnClose() throws Exception {
        ControlServer server = start();
        RawClient raw = raw();
        raw.send("{\"v\":1,\"type\":\"ps\"}");
        assertThat(raw.line()).isInstanceOf(ControlResponse.Ok.class);

        server.close();
        assertThat(raw.error()).isEqualTo(Connection.shuttingDownError());
        assertThat(raw.lineOrNull()).isNull();
    }

    @Test
    void closeEndsStreamsWithShuttingDown() throws Exception {
        ControlServer server = start();
        ControlClient client = client();
        CompletableFuture<Void> streaming = async(() -> {
            client.subscribe(event -> {});
            return null;
        });
        EventSink sink = handler.subscriptions.poll(WAIT, TimeUnit.SECONDS).sink();

        server.close();
        assertThat(failure(streaming))
                .isInstanceOfSatisfying(
                        ControlErrorException.class,
                        e -> assertThat(e.error()).isEqualTo(Connection.shuttingDownError()));
        assertThat(sink.push(event(1))).isFalse();
        server.close(); // again: nothing happens
    }

    @Test
    void afterCloseThereIsNoCoordinator() throws Exception {
        ControlServer server = start();
        server.close();
        assertThat(socket).doesNotExist();
        assertThatThrownBy(() -> ControlClient.connect(socket)).isInstanceOf(NoCoordinatorException.class);
    }

    // --- the socket file ------------------------------------------------------------------------------------

    @Test
    void theSocketFileIsPrivate() throws Exception {
        start();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(socket)))
                .isEqualTo("rw-------");
    }

    @Test
    void aDirectoryOthersCanEnterIsRefused() throws Exception {
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        assertThatThrownBy(() -> ControlServer.start(socket, handler))
                .isInstanceOfSatisfying(
                        ControlStartException.class,
                        e -> assertThat(e.reason()).isEqualTo(ControlStartException.Reason.UNSAFE_DIRECTORY))
                .hasMessageContaining("0700")
                .hasMessageContaining(dir.toString());
        assertThat(socket).doesNotExist();
    }

    @Test
    void aMissingDirectoryIsRefused() {
        assertThatThrownBy(() -> ControlServer.start(dir.resolve("nope/c.sock"), handler))
                .isInstanceOfSatisfying(
                        ControlStartException.class,
                        e -> assertThat(e.reason()).isEqualTo(ControlStartException.Reason.UNSAFE_DIRECTORY));
    }

    @Test
    void aStaleSocketFileIsReplaced() throws Exception {
        try (ServerSocketChannel dead = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            dead.bind(UnixDomainSocketAddress.of(socket));
        }
        assertThat(socket).exists(); // closing a channel does not remove its file: what a crash leaves behind
        assertThatThrownBy(() -> ControlClient.connect(socket))
                .isInstanceOf(NoCoordinatorException.class)
                .hasMessageContaining("nobody listens");

        start();
        assertThat(client().request(new ControlRequest.Ps())).isEqualTo(echo(new ControlRequest.Ps()));
    }

    @Test
    void aLiveServerIsNotReplaced() throws Exception {
        start();
        assertThatThrownBy(() -> ControlServer.start(socket, new FakeHandler()))
                .isInstanceOfSatisfying(
                        ControlStartException.class,
                        e -> assertThat(e.reason()).isEqualTo(ControlStartException.Reason.ALREADY_RUNNING))
                .hasMessageContaining("another coordinator is running");
        assertThat(client().request(new ControlRequest.Ps())).isEqualTo(echo(new ControlRequest.Ps()));
    }

    @Test
    void aFileThatIsNotASocketIsLeftAlone() throws Exception {
        Files.writeString(socket, "precious");
        assertThatThrownBy(() -> ControlServer.start(socket, handler))
                .isInstanceOfSatisfying(
                        ControlStartException.class,
                        e -> assertThat(e.reason()).isEqualTo(ControlStartException.Reason.NOT_A_SOCKET));
        assertThat(socket).hasContent("precious");
    }

    @Test
    void aPathTooLongForASocketIsRefusedClearly() {
        assertThatThrownBy(() -> ControlServer.start(dir.resolve("s".repeat(120)), handler))
                .isInstanceOfSatisfying(
                        ControlStartException.class,
                        e -> assertThat(e.reason()).isEqualTo(ControlStartException.Reason.PATH_TOO_LONG));
    }

    @Test
    void withoutASocketFileThereIsNoCoordinator() {
        assertThatThrownBy(() -> ControlClient.connect(socket))
                .isInstanceOfSatisfying(
                        NoCoordinatorException.class,
                        e -> assertThat(e.socketPath()).isEqualTo(socket));
    }

    @Test
    void anotherUsersConnectionIsRefusedWithALine() throws Exception {
        var nobody = FileSystems.getDefault().getUserPrincipalLookupService().lookupPrincipalByName("65534");
        remember(ControlServer.start(socket, handler, ControlServer.Settings.defaults(), nobody));
        RawClient raw = raw();
        ControlResponse.Error refused = raw.error();
        assertThat(refused.code()).isEqualTo(ControlResponse.Error.NOT_ALLOWED);
        assertThat(raw.lineOrNull()).isNull();

        ControlResponse viaClient = client().request(new ControlRequest.Board());
        assertThat(viaClient)
                .extracting(r -> ((ControlResponse.Error) r).code())
                .isEqualTo(ControlResponse.Error.NOT_ALLOWED);
        assertThat(handler.handled).isEmpty();
    }

    // --- helpers --------------------------------------------------------------------------------------------

    private ControlServer start() throws IOException {
        return start(ControlServer.Settings.defaults());
    }

    private ControlServer start(ControlServer.Settings settings) throws IOException {
        return remember(ControlServer.start(socket, handler, settings));
    }

    private ControlClient client() throws Exception {
        return remember(ControlClient.connect(socket));
    }

    private RawClient raw() throws IOException {
        return remember(new RawClient(SocketChannel.open(UnixDomainSocketAddress.of(socket))));
    }

    private <T extends AutoCloseable> T remember(T resource) {
        resources.add(resource);
        return resource;
    }

    static ControlResponse echo(ControlRequest.Call<?> request) {
        return new ControlResponse.Ok(SampleReplies.to(request));
    }

    private static TeamEvent event(int n) {
        return new TeamEvent.Said("qa", Integer.toString(n));
    }

    private static <T> CompletableFuture<T> async(Callable<T> work) {
        CompletableFuture<T> result = new CompletableFuture<>();
        Thread.ofVirtual().start(() -> {
            try {
                result.complete(work.call());
            } catch (Throwable e) {
                result.completeExceptionally(e);
            }
        });
        return result;
    }

    private static Throwable failure(CompletableFuture<?> future) throws Exception {
        try {
            future.get(WAIT, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            return e.getCause();
        }
        throw new AssertionError("expected a failure");
    }

    static final class FakeHandler implements ControlHandler {
        record Subscription(EventSink sink) {}

        final BlockingQueue<ControlRequest> handled = new LinkedBlockingQueue<>();
        final BlockingQueue<Subscription> subscriptions = new LinkedBlockingQueue<>();
        volatile Function<ControlRequest.Call<?>, CompletionStage<ControlResponse>> answer =
                request -> CompletableFuture.completedFuture(echo(request));
        volatile RuntimeException subscribeFailure;

        @Override
        public CompletionStage<ControlResponse> handle(ControlRequest.Call<?> request) {
            handled.add(request);
            return answer.apply(request);
        }

        @Override
        public void subscribe(EventSink sink) {
            if (subscribeFailure != null) {
                throw subscribeFailure;
            }
            subscriptions.add(new Subscription(sink));
        }
    }

    /** Speaks the wire format by hand, for what ControlClient would never send (or never fail to read). */
    private static final class RawClient implements AutoCloseable {
        private final SocketChannel channel;
        private final LineReader lines;

        RawClient(SocketChannel channel) {
            this.channel = channel;
            this.lines = new LineReader(channel, ControlCodec.MAX_SERVER_LINE_BYTES);
        }

        void send(String line) throws IOException {
            ByteBuffer bytes = ByteBuffer.wrap((line + "\n").getBytes(StandardCharsets.UTF_8));
            while (bytes.hasRemaining()) {
                channel.write(bytes);
            }
        }

        ServerLine line() throws IOException {
            ServerLine line = lineOrNull();
            assertThat(line).as("a line from the server").isNotNull();
            return line;
        }

        ControlResponse.Error error() throws IOException {
            return (ControlResponse.Error) line();
        }

        /** The next line (an ok answers board: the requests these tests send), or null at the end. */
        ServerLine lineOrNull() throws IOException {
            String text = lineTextOrNull();
            return text == null ? null : ServerLines.decode(text, BoardView.class);
        }

        String lineText() throws IOException {
            String text = lineTextOrNull();
            assertThat(text).as("a line from the server").isNotNull();
            return text;
        }

        private String lineTextOrNull() throws IOException {
            return switch (lines.next()) {
                case LineReader.End end -> null;
                case LineReader.TooLong tooLong -> throw new AssertionError("line too long");
                case LineReader.Line line -> line.text();
            };
        }

        @Override
        public void close() throws IOException {
            channel.close();
        }
    }
}
