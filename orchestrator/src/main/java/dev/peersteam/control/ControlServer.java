package dev.peersteam.control;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
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
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The coordinator's end of the control socket. Accepts on a virtual thread, serves each connection on its own
 * virtual threads, and never makes the coordinator wait for a client. See the package doc for the protocol and why
 * the socket is private to the user.
 */
public final class ControlServer implements AutoCloseable {

    /**
     * @param eventQueueCapacity events queued per stream before a slow client is dropped
     * @param shutdownGrace      how long {@link #close()} lets in-flight requests finish before answering
     *                           {@code shutting_down}
     * @param drainGrace         how long a closing connection may take to write what is queued before it is cut off
     */
    public record Settings(int eventQueueCapacity, Duration shutdownGrace, Duration drainGrace) {
        public Settings {
            if (eventQueueCapacity < 1) {
                throw new IllegalArgumentException("eventQueueCapacity must be positive");
            }
            Objects.requireNonNull(shutdownGrace, "shutdownGrace");
            Objects.requireNonNull(drainGrace, "drainGrace");
        }

        public static Settings defaults() {
            return new Settings(1024, Duration.ofSeconds(2), Duration.ofSeconds(2));
        }
    }

    private final Path socketPath;
    private final Object socketFileKey;
    private final ServerSocketChannel server;
    private final ControlHandler handler;
    private final Settings settings;
    private final UserPrincipal allowedUser;
    private final ControlCodec codec = new ControlCodec();
    private final Set<Connection> connections = ConcurrentHashMap.newKeySet();
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
            UserPrincipal allowedUser) {
        this.socketPath = socketPath;
        this.socketFileKey = socketFileKey;
        this.server = server;
        this.handler = handler;
        this.settings = settings;
        this.allowedUser = allowedUser;
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
                    allowedUser != null ? allowedUser : self);
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

    private void accept() {
        while (true) {
            SocketChannel channel;
            try {
                channel = server.accept();
            } catch (ClosedChannelException e) {
                return; // close()
            } catch (IOException e) {
                // e.g. out of file descriptors. Retrying would spin; closing makes clients fail fast ("nobody
                // listens") instead of hanging in the backlog of a socket nobody accepts on.
                try {
                    server.close();
                } catch (IOException ignored) {
                    // closed either way
                }
                return;
            }
            Connection connection = new Connection(channel, handler, codec, settings, allowedUser, shuttingDown);
            // Registered here, before close() can look, so close() sees every connection it has to end.
            connections.add(connection);
            connection.done().whenComplete((ignored, failure) -> connections.remove(connection));
            connection.start();
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
