package dev.peersteam.control;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;

/**
 * The coordinator's end of the control socket. Accepts on a virtual thread, serves each connection on its own
 * virtual threads, and never makes the coordinator wait for a client. See the package doc for the protocol and why
 * the socket is private to the user.
 *
 * <p>Floods cannot take it down ({@link Settings}): at most {@code maxConnections} are served at once and the rest
 * are told so in one line and closed; a request line is bounded, and so is what a stream may have queued; a connection
 * that sends no request within the idle timeout is closed; an error while accepting (out of file descriptors) is
 * waited out with a short back-off, never the end of the server.
 */
public final class ControlServer implements AutoCloseable {

    /**
     * @param eventQueueCapacity events queued per stream before a slow client is dropped
     * @param shutdownGrace      how long {@link #close()} lets in-flight requests finish before answering
     *                           {@code shutting_down}
     * @param drainGrace         how long a closing connection may take to write what is queued before it is cut off
     * @param maxConnections     connections served at once; more are refused with {@code too_many_connections}
     * @param idleTimeout        how long a connection may wait before its next request (a stream is never idle)
     * @param maxRequestBytes    the longest request line; a longer one is answered and the connection closed
     * @param maxQueuedBytes     bytes of events queued per stream before a slow client is dropped
     */
    public record Settings(
            int eventQueueCapacity,
            Duration shutdownGrace,
            Duration drainGrace,
            int maxConnections,
            Duration idleTimeout,
            int maxRequestBytes,
            long maxQueuedBytes) {
        public static final int DEFAULT_MAX_CONNECTIONS = 32;
        public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(15);
        public static final long DEFAULT_MAX_QUEUED_BYTES = 4L << 20;

        public Settings {
            if (eventQueueCapacity < 1 || maxConnections < 1 || maxRequestBytes < 1 || maxQueuedBytes < 1) {
                throw new IllegalArgumentException("capacities and limits must be positive");
            }
            Objects.requireNonNull(shutdownGrace, "shutdownGrace");
            Objects.requireNonNull(drainGrace, "drainGrace");
            Objects.requireNonNull(idleTimeout, "idleTimeout");
            if (idleTimeout.isNegative() || idleTimeout.isZero()) {
                throw new IllegalArgumentException("idleTimeout must be positive");
            }
        }

        /** The default limits with these queue and grace settings. */
        public Settings(int eventQueueCapacity, Duration shutdownGrace, Duration drainGrace) {
            this(
                    eventQueueCapacity,
                    shutdownGrace,
                    drainGrace,
                    DEFAULT_MAX_CONNECTIONS,
                    DEFAULT_IDLE_TIMEOUT,
                    ControlCodec.MAX_REQUEST_BYTES,
                    DEFAULT_MAX_QUEUED_BYTES);
        }

        public static Settings defaults() {
            return new Settings(1024, Duration.ofSeconds(2), Duration.ofSeconds(2));
        }

        public Settings withLimits(int maxConnections, Duration idleTimeout, int maxRequestBytes, long maxQueuedBytes) {
            return new Settings(
                    eventQueueCapacity,
                    shutdownGrace,
                    drainGrace,
                    maxConnections,
                    idleTimeout,
                    maxRequestBytes,
                    maxQueuedBytes);
        }

        /** {@code 15 s}, or {@code 200 ms} below a second. */
        static String readable(Duration duration) {
            return duration.toMillis() < 1000 ? duration.toMillis() + " ms" : duration.toSeconds() + " s";
        }
    }

    /** Where connections come from: the socket; in tests, one that fails the way the kernel can. */
    @FunctionalInterface
    interface Acceptor {
        SocketChannel accept() throws IOException;
    }

    /** After an accept error, the first wait; it doubles while errors go on, up to the longest. */
    private static final Duration FIRST_BACK_OFF = Duration.ofMillis(10);

    private static final Duration LONGEST_BACK_OFF = Duration.ofSeconds(1);

    private final Path socketPath;
    private final Object socketFileKey;
    private final ServerSocketChannel server;
    private final ControlHandler handler;
    private final Settings settings;
    private final UserPrincipal allowedUser;
    private final ControlCodec codec = new ControlCodec();
    private final Set<Connection> connections = ConcurrentHashMap.newKeySet();
    private final ServerThreads threads = new ServerThreads();
    private final ScheduledThreadPoolExecutor timer;
    private final Acceptor source;
    private final byte[] refusal;
    private final AtomicLong refused = new AtomicLong();
    private final AtomicLong acceptErrors = new AtomicLong();
    /** Completes with shutting_down once close() has given in-flight requests their grace. */
    private final CompletableFuture<ControlResponse> shuttingDown = new CompletableFuture<>();

    private final AtomicBoolean closed = new AtomicBoolean();
    private final Thread acceptor;

    private ControlServer(
            Path socketPath,
            Object socketFileKey,
            ServerSocketChannel server,
            ControlHandler handler,
            Settings settings,
            UserPrincipal allowedUser,
            UnaryOperator<Acceptor> wrap) {
        this.socketPath = socketPath;
        this.socketFileKey = socketFileKey;
        this.server = server;
        this.handler = handler;
        this.settings = settings;
        this.allowedUser = allowedUser;
        // One timer thread for every connection's idle deadline and drain cut-off; cancelled ones are let go at once.
        this.timer = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, "control-timer");
            thread.setDaemon(true);
            return thread;
        });
        this.timer.setRemoveOnCancelPolicy(true);
        this.source = wrap.apply(server::accept);
        this.refusal = (codec.encode(new ControlResponse.Error(
                                ControlResponse.Error.TOO_MANY_CONNECTIONS,
                                "too many connections: " + settings.maxConnections() + " are open; try again when"
                                        + " one has closed"))
                        + "\n")
                .getBytes(StandardCharsets.UTF_8);
        this.acceptor = Thread.ofVirtual().name("control-accept").start(this::accept);
    }

    public static ControlServer start(Path socketPath, ControlHandler handler) throws IOException {
        return start(socketPath, handler, Settings.defaults());
    }

    /**
     * Binds the socket and starts serving.
     *
     * @throws ControlStartException when the directory is not private, another coordinator answers on the path, the
     *                               path is not a socket, or it is too long
     */
    public static ControlServer start(Path socketPath, ControlHandler handler, Settings settings) throws IOException {
        return start(socketPath, handler, settings, null);
    }

    /** {@code allowedUser} null: the user this process runs as. Another user is for tests of the refusal. */
    static ControlServer start(Path socketPath, ControlHandler handler, Settings settings, UserPrincipal allowedUser)
            throws IOException {
        return start(socketPath, handler, settings, allowedUser, UnaryOperator.identity());
    }

    /** {@code wrap} puts something between the socket and the accept loop: for tests of accept errors. */
    static ControlServer start(
            Path socketPath,
            ControlHandler handler,
            Settings settings,
            UserPrincipal allowedUser,
            UnaryOperator<Acceptor> wrap)
            throws IOException {
        Objects.requireNonNull(handler, "handler");
        Objects.requireNonNull(settings, "settings");
        Path socket = socketPath.toAbsolutePath().normalize();
        SocketFile.checkLength(socket);
        Path dir = socket.getParent();
        SocketFile.requirePrivateDirectory(dir);
        SocketFile.clearStale(socket);

        ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        boolean bound = false;
        try {
            server.bind(UnixDomainSocketAddress.of(socket));
            bound = true;
            SocketFile.restrict(socket);
            SocketFile.requireSameOwner(dir, socket);
            // The file was made by this process, so its owner is the user we run as.
            UserPrincipal self = Files.getOwner(socket, LinkOption.NOFOLLOW_LINKS);
            return new ControlServer(
                    socket,
                    SocketFile.fileKey(socket),
                    server,
                    handler,
                    settings,
                    allowedUser != null ? allowedUser : self,
                    wrap);
        } catch (IOException | RuntimeException e) {
            server.close();
            if (bound) {
                Files.deleteIfExists(socket); // ours; a failed bind leaves whatever is there alone
            }
            throw e;
        }
    }

    public Path socketPath() {
        return socketPath;
    }

    Settings settings() {
        return settings;
    }

    /** Connections being served now. */
    int openConnections() {
        return connections.size();
    }

    /** Connection threads (readers and writers) alive now. */
    int liveThreads() {
        return threads.live();
    }

    /** Connections refused so far because {@code maxConnections} were open. */
    long refusedConnections() {
        return refused.get();
    }

    /** Errors while accepting so far (each waited out). */
    long acceptErrors() {
        return acceptErrors.get();
    }

    private void accept() {
        Duration backOff = Duration.ZERO;
        while (true) {
            SocketChannel channel;
            try {
                channel = source.accept();
                backOff = Duration.ZERO;
            } catch (ClosedChannelException e) {
                return; // close()
            } catch (IOException e) {
                // e.g. out of file descriptors (EMFILE): it passes as connections close. Wait a little and go on,
                // doubling the wait while it lasts, so the loop neither spins nor ever gives up.
                if (closed.get()) {
                    return;
                }
                acceptErrors.incrementAndGet();
                backOff = backOff.isZero()
                        ? FIRST_BACK_OFF
                        : backOff.multipliedBy(2).compareTo(LONGEST_BACK_OFF) > 0
                                ? LONGEST_BACK_OFF
                                : backOff.multipliedBy(2);
                try {
                    Thread.sleep(backOff);
                } catch (InterruptedException interrupted) {
                    return;
                }
                continue;
            }
            if (connections.size() >= settings.maxConnections()) {
                refuse(channel);
                continue;
            }
            Connection connection =
                    new Connection(channel, handler, codec, settings, allowedUser, shuttingDown, timer, threads);
            // Registered here, before close() can look, so close() sees every connection it has to end.
            connections.add(connection);
            connection.done().whenComplete((ignored, failure) -> connections.remove(connection));
            try {
                connection.start();
            } catch (RuntimeException e) {
                connections.remove(connection);
                connection.forceClose();
            }
        }
    }

    /** One line that says why, written without waiting (a fresh socket's buffer takes it), then closed. */
    private void refuse(SocketChannel channel) {
        refused.incrementAndGet();
        try (channel) {
            channel.configureBlocking(false);
            channel.write(ByteBuffer.wrap(refusal));
        } catch (IOException e) {
            // it left already; closed either way
        }
    }

    /**
     * Stops accepting and removes the socket file; answers in-flight requests that do not finish within the grace
     * with {@code shutting_down}, tells idle connections and streams, and waits (bounded) for them to end.
     * Do not call it from inside a handler call: it waits for that very request.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            server.close();
        } catch (IOException ignored) {
            // no longer accepting either way
        }
        try {
            acceptor.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        deleteSocketFile();
        shuttingDown.completeOnTimeout(
                Connection.shuttingDownError(), settings.shutdownGrace().toMillis(), TimeUnit.MILLISECONDS);
        List<Connection> open = List.copyOf(connections);
        open.forEach(Connection::shutdown);
        Duration bound = settings.shutdownGrace().plus(settings.drainGrace()).plusSeconds(1);
        try {
            CompletableFuture.allOf(open.stream().map(Connection::done).toArray(CompletableFuture[]::new))
                    .get(bound.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // fall through: whatever is still open is cut off
        }
        open.forEach(Connection::forceClose);
        timer.shutdownNow();
    }

    private void deleteSocketFile() {
        try {
            if (Objects.equals(SocketFile.fileKey(socketPath), socketFileKey)) {
                Files.deleteIfExists(socketPath);
            }
        } catch (IOException e) {
            // already gone, or not ours any more
        }
    }
}
