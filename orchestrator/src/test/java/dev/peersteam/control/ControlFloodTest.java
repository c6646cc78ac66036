package dev.peersteam.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The control server under floods and against clients that misbehave, on a real socket. Every wait is for an event
 * (a line, the end of a connection) or a count reaching its value; timeouts are hang guards, never assertions.
 */
@Timeout(180)
class ControlFloodTest {
    private static final Duration HANG_GUARD = Duration.ofSeconds(60);

    private Path dir;
    private Path socket;
    private final ControlServerTest.FakeHandler handler = new ControlServerTest.FakeHandler();
    private final List<AutoCloseable> resources = new ArrayList<>();

    @BeforeEach
    void createSocketDirectory() throws IOException {
        dir = Files.createTempDirectory(Path.of("/tmp"), "pf");
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

    @Test
    void twentyThousandConnectionsOpenedAndDroppedLeaveAServerThatAnswersAndNothingBehind() throws Exception {
        ControlServer server = start(ControlServer.Settings.defaults()
                .withLimits(64, Duration.ofMillis(300), ControlCodec.MAX_REQUEST_BYTES, 1 << 20));
        assertThat(server.openConnections()).isZero();
        assertThat(server.liveThreads()).isZero();
        long heapBefore = usedHeap();

        List<SocketChannel> hanging = new ArrayList<>();
        int answered = 0;
        for (int i = 0; i < 20_000; i++) {
            SocketChannel channel = SocketChannel.open(UnixDomainSocketAddress.of(socket));
            switch (i % 100) {
                case 0 -> { // half a line, and then nothing
                    tryWrite(channel, "{\"v\":1,\"type\":\"bo");
                    hanging.add(channel);
                }
                case 1 -> hanging.add(channel); // says nothing at all
                case 2 -> { // a whole request, gone before the answer
                    tryWrite(channel, "{\"v\":1,\"type\":\"ps\"}\n");
                    channel.close();
                }
                case 3 -> { // a request, and the answer read (or the refusal)
                    tryWrite(channel, "{\"v\":1,\"type\":\"ps\"}\n");
                    ServerLine line = new Lines(channel).next();
                    if (line instanceof ControlResponse.Ok) {
                        answered++;
                    } else {
                        assertThat(line).isEqualTo(refusal(server)).as("only refused for the number of connections");
                    }
                    channel.close();
                }
                default -> channel.close();
            }
            if (i % 5_000 == 4) { // now and then a line longer than any request
                try (SocketChannel flood = SocketChannel.open(UnixDomainSocketAddress.of(socket))) {
                    Lines lines = new Lines(flood);
                    try {
                        write(flood, "x".repeat(ControlCodec.MAX_REQUEST_BYTES + 10));
                    } catch (IOException closedOnUs) {
                        // the server may close before it has all of it
                    }
                    assertThat(lines.next())
                            .isInstanceOfSatisfying(
                                    ControlResponse.Error.class,
                                    e -> assertThat(e.code())
                                            .isIn(
                                                    ControlResponse.Error.BAD_REQUEST,
                                                    ControlResponse.Error.TOO_MANY_CONNECTIONS));
                }
            }
        }
        long heapDuring = usedHeap();

        // Every client that hung was ended by the server: refused at once, or closed as idle.
        AtomicInteger idle = new AtomicInteger();
        AtomicInteger refused = new AtomicInteger();
        for (SocketChannel channel : hanging) {
            Lines lines = new Lines(channel);
            ServerLine last = lines.next();
            assertThat(lines.next()).as("the server closed it").isNull();
            assertThat(last).isInstanceOf(ControlResponse.Error.class);
            switch (((ControlResponse.Error) last).code()) {
                case ControlResponse.Error.IDLE_TIMEOUT -> idle.incrementAndGet();
                case ControlResponse.Error.TOO_MANY_CONNECTIONS -> refused.incrementAndGet();
                default -> throw new AssertionError("unexpected last line " + last);
            }
            channel.close();
        }
        assertThat(idle.get()).isPositive();
        assertThat(refused.get()).isPositive();
        assertThat(server.refusedConnections()).isGreaterThanOrEqualTo(refused.get());

        // The coordinator still answers.
        try (ControlClient client = ControlClient.connect(socket, HANG_GUARD)) {
            assertThat(client.request(new ControlRequest.Ps()))
                    .isEqualTo(ControlServerTest.echo(new ControlRequest.Ps()));
        }
        awaitTrue(
                "every connection and its threads are gone",
                () -> server.openConnections() == 0 && server.liveThreads() == 0);
        System.out.printf(
                "flood: 20000 connections, %d hanging (%d closed as idle, %d refused), %d answered, %d refused in all;"
                        + " heap used %d MB before, %d MB after the connections%n",
                hanging.size(),
                idle.get(),
                refused.get(),
                answered,
                server.refusedConnections(),
                heapBefore >> 20,
                heapDuring >> 20);
    }

    @Test
    void connectionsOverTheLimitAreRefusedWithAReasonAndServedAgainOnceOneCloses() throws Exception {
        ControlServer server = start(ControlServer.Settings.defaults()
                .withLimits(3, Duration.ofMinutes(5), ControlCodec.MAX_REQUEST_BYTES, 1 << 20));
        List<SocketChannel> open = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            SocketChannel channel = remember(SocketChannel.open(UnixDomainSocketAddress.of(socket)));
            write(channel, "{\"v\":1,\"type\":\"hello\"}\n");
            assertThat(new Lines(channel).next()).isInstanceOf(ControlResponse.Ok.class);
            open.add(channel);
        }
        SocketChannel fourth = remember(SocketChannel.open(UnixDomainSocketAddress.of(socket)));
        Lines refusedLines = new Lines(fourth);
        ServerLine refusal = refusedLines.next();
        assertThat(refusal).isEqualTo(refusal(server));
        assertThat(((ControlResponse.Error) refusal).message()).contains("too many connections: 3 are open");
        assertThat(refusedLines.next()).isNull();

        open.getFirst().close();
        awaitTrue("the closed connection is let go", () -> server.openConnections() < 3);
        try (ControlClient client = ControlClient.connect(socket, HANG_GUARD)) {
            assertThat(client.request(new ControlRequest.Board())).isInstanceOf(ControlResponse.Ok.class);
        }
    }

    @Test
    void aClientThatSendsNoWholeRequestIsToldAndClosedAfterTheIdleTimeout() throws Exception {
        start(ControlServer.Settings.defaults()
                .withLimits(8, Duration.ofMillis(200), ControlCodec.MAX_REQUEST_BYTES, 1 << 20));
        SocketChannel silent = remember(SocketChannel.open(UnixDomainSocketAddress.of(socket)));
        SocketChannel halfLine = remember(SocketChannel.open(UnixDomainSocketAddress.of(socket)));
        write(halfLine, "{\"v\":1,\"type\":\"bo");
        SocketChannel afterAnAnswer = remember(SocketChannel.open(UnixDomainSocketAddress.of(socket)));
        write(afterAnAnswer, "{\"v\":1,\"type\":\"board\"}\n");

        for (SocketChannel channel : List.of(silent, halfLine)) {
            Lines lines = new Lines(channel);
            assertThat(lines.next())
                    .isEqualTo(new ControlResponse.Error(
                            ControlResponse.Error.IDLE_TIMEOUT, "no request within 200 ms; closing the connection"));
            assertThat(lines.next()).isNull();
        }
        Lines answered = new Lines(afterAnAnswer);
        assertThat(answered.next()).isInstanceOf(ControlResponse.Ok.class);
        assertThat(answered.next())
                .isInstanceOfSatisfying(
                        ControlResponse.Error.class,
                        e -> assertThat(e.code()).isEqualTo(ControlResponse.Error.IDLE_TIMEOUT));
        assertThat(handler.handled).containsExactly(new ControlRequest.Board());
    }

    @Test
    void aSubscriberIsNeverIdle() throws Exception {
        start(ControlServer.Settings.defaults()
                .withLimits(8, Duration.ofMillis(100), ControlCodec.MAX_REQUEST_BYTES, 1 << 20));
        SocketChannel subscriber = remember(SocketChannel.open(UnixDomainSocketAddress.of(socket)));
        write(subscriber, "{\"v\":1,\"type\":\"subscribe\"}\n");
        EventSink sink = handler.subscriptions.poll(60, TimeUnit.SECONDS).sink();

        // Two clients that connect later are closed as idle: the subscriber's own deadline, had it kept one, would
        // have passed before theirs (one timer, in order).
        for (int i = 0; i < 2; i++) {
            try (SocketChannel late = SocketChannel.open(UnixDomainSocketAddress.of(socket))) {
                Lines lines = new Lines(late);
                assertThat(((ControlResponse.Error) lines.next()).code()).isEqualTo(ControlResponse.Error.IDLE_TIMEOUT);
                assertThat(lines.next()).isNull();
            }
        }
        TeamEvent event = new TeamEvent.Said("qa", "still here");
        assertThat(sink.push(event)).isTrue();
        assertThat(new Lines(subscriber).next()).isEqualTo(new ServerLine.Event(event));
    }

    @Test
    void aSubscriberThatSendsAnOverLongLineIsToldWhyItsStreamEnds() throws Exception {
        start(ControlServer.Settings.defaults().withLimits(8, Duration.ofMinutes(5), 1024, 1 << 20));
        SocketChannel subscriber = remember(SocketChannel.open(UnixDomainSocketAddress.of(socket)));
        write(subscriber, "{\"v\":1,\"type\":\"subscribe\"}\n");
        handler.subscriptions.poll(60, TimeUnit.SECONDS);
        tryWrite(subscriber, "x".repeat(5000));
        Lines lines = new Lines(subscriber);
        assertThat(lines.next())
                .isEqualTo(new ControlResponse.Error(
                        ControlResponse.Error.BAD_REQUEST,
                        "request line longer than 1024 bytes; closing the connection"));
        assertThat(lines.next()).isNull();
    }

    @Test
    void aSubscriberThatDoesNotReadIsDroppedOnceItsQueuedBytesPassTheBound() throws Exception {
        start(new ControlServer.Settings(1_000_000, Duration.ofSeconds(1), Duration.ofSeconds(5))
                .withLimits(8, Duration.ofMinutes(5), ControlCodec.MAX_REQUEST_BYTES, 256 * 1024));
        SocketChannel subscriber = remember(SocketChannel.open(UnixDomainSocketAddress.of(socket)));
        write(subscriber, "{\"v\":1,\"type\":\"subscribe\"}\n");
        EventSink sink = handler.subscriptions.poll(60, TimeUnit.SECONDS).sink();
        TeamEvent big = new TeamEvent.Said("qa", "x".repeat(64 * 1024));

        int accepted = 0;
        while (sink.push(big) && accepted < 1_000_000) {
            accepted++;
        }
        // up to 256 KiB queued (3 or 4 events of 64 KiB, as the writer may not have taken one yet), plus what the
        // socket's buffers took: far below the million lines the count allows
        assertThat(accepted).isBetween(3, 200);
        ServerLine last = null;
        Lines lines = new Lines(subscriber);
        for (ServerLine line = lines.next(); line != null; line = lines.next()) {
            last = line;
        }
        assertThat(last)
                .isInstanceOfSatisfying(
                        ControlResponse.Error.class,
                        error -> assertThat(error)
                                .extracting(
                                        ControlResponse.Error::code,
                                        e -> e.message().contains("KiB of events behind"))
                                .containsExactly(ControlResponse.Error.SLOW_CONSUMER, true));
    }

    @Test
    void errorsWhileAcceptingAreWaitedOutAndTheServerGoesOn() throws Exception {
        AtomicInteger failures = new AtomicInteger(6);
        ControlServer server =
                ControlServer.start(socket, handler, ControlServer.Settings.defaults(), null, socketAccept -> () -> {
                    if (failures.getAndDecrement() > 0) {
                        throw new IOException("Too many open files");
                    }
                    return socketAccept.accept();
                });
        remember(server);
        try (ControlClient client = ControlClient.connect(socket, HANG_GUARD)) {
            assertThat(client.request(new ControlRequest.Hello())).isInstanceOf(ControlResponse.Ok.class);
        }
        assertThat(server.acceptErrors()).isEqualTo(6);
        try (ControlClient client = ControlClient.connect(socket, HANG_GUARD)) {
            assertThat(client.request(new ControlRequest.Ps())).isInstanceOf(ControlResponse.Ok.class);
        }
    }

    // --- helpers -----------------------------------------------------------------------------------------------

    private ControlServer start(ControlServer.Settings settings) throws IOException {
        return remember(ControlServer.start(socket, handler, settings));
    }

    private <T extends AutoCloseable> T remember(T resource) {
        resources.add(resource);
        return resource;
    }

    private static ControlResponse.Error refusal(ControlServer server) {
        return new ControlResponse.Error(
                ControlResponse.Error.TOO_MANY_CONNECTIONS,
                "too many connections: " + server.settings().maxConnections()
                        + " are open; try again when one has closed");
    }

    private static void write(SocketChannel channel, String text) throws IOException {
        ByteBuffer bytes = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
        while (bytes.hasRemaining()) {
            channel.write(bytes);
        }
    }

    /** A write that a refused connection may fail (the server closed it already); what it said can still be read. */
    private static void tryWrite(SocketChannel channel, String text) {
        try {
            write(channel, text);
        } catch (IOException closed) {
            // refused and closed before this arrived
        }
    }

    private static long usedHeap() {
        Runtime runtime = Runtime.getRuntime();
        return runtime.totalMemory() - runtime.freeMemory();
    }

    /** Waits for a count to reach its value; the deadline only guards against a hang. */
    private static void awaitTrue(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + HANG_GUARD.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + HANG_GUARD + ": " + what);
            }
            Thread.sleep(5);
        }
    }

    /** The server's lines on a connection; null at its end. */
    private final class Lines {
        private final LineReader reader;

        Lines(SocketChannel channel) {
            reader = new LineReader(channel, ControlCodec.MAX_SERVER_LINE_BYTES);
        }

        ServerLine next() throws IOException {
            LineReader.Next next;
            try {
                next = reader.next();
            } catch (IOException reset) {
                return null; // closed under a write of ours
            }
            return switch (next) {
                case LineReader.End end -> null;
                case LineReader.TooLong tooLong -> throw new AssertionError("line too long");
                case LineReader.Line line -> ServerLines.decode(line.text(), PsReply.class);
            };
        }
    }
}
