package dev.peersteam.console;

import dev.peersteam.board.TaskStatus;
import dev.peersteam.cli.ConsoleCommand;
import dev.peersteam.control.BoardView;
import dev.peersteam.control.ControlHandler;
import dev.peersteam.control.ControlReply;
import dev.peersteam.control.ControlRequest;
import dev.peersteam.control.ControlResponse;
import dev.peersteam.control.ControlServer;
import dev.peersteam.control.CoordinatorInfo;
import dev.peersteam.control.Decided;
import dev.peersteam.control.EventSink;
import dev.peersteam.control.Interrupted;
import dev.peersteam.control.PendingPermission;
import dev.peersteam.control.PsReply;
import dev.peersteam.control.RoleRow;
import dev.peersteam.control.SentMessage;
import dev.peersteam.control.SentMessages;
import dev.peersteam.control.SessionState;
import dev.peersteam.control.Stopping;
import dev.peersteam.control.TaskView;
import dev.peersteam.control.TeamEvent;
import dev.peersteam.control.Usd;
import dev.peersteam.runtime.PeersDir;
import dev.peersteam.runtime.TeamInfo;
import dev.peersteam.testing.GrowingText;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Stream;
import org.jline.terminal.Size;
import org.jline.terminal.Terminal;
import org.jline.terminal.impl.DumbTerminal;
import org.jline.terminal.impl.ExternalTerminal;

/**
 * A console on a JLine dumb terminal over pipes, attached to a real control server with a fake coordinator behind
 * it: team {@code shop} with roles manager (lead), backend and qa. Tests type keys and wait for text, never sleep.
 */
final class ConsoleHarness implements AutoCloseable {
    static final Duration WAIT = Duration.ofSeconds(10);

    final Path repo;
    final PeersDir peers;
    final TeamInfo team;
    final FakeCoordinator coordinator = new FakeCoordinator();
    final Keyboard keys = new Keyboard();
    /** Everything the console wrote, with waits for text to appear. */
    final GrowingText screen = new GrowingText("the console", WAIT);

    final Terminal terminal;
    final Console console;
    final CompletableFuture<Console.Exit> exit = new CompletableFuture<>();
    private ControlServer server;

    private ConsoleHarness(
            Map<String, String> environment, boolean inUp, CompletionStage<?> teamStopped, boolean dumb, boolean echo)
            throws IOException {
        // Under /tmp and short: a socket path holds at most 107 bytes.
        repo = Files.createTempDirectory(Path.of("/tmp"), "pc");
        peers = PeersDir.of(repo).create();
        Files.createDirectories(repo.resolve("roles"));
        Files.writeString(repo.resolve("roles/backend.md"), "You build the backend.\n");
        Files.writeString(repo.resolve("team.yaml"), """
                name: shop
                roles:
                  manager: {lead: true, prompt: "You plan."}
                  backend: {prompt_file: roles/backend.md}
                  qa: {prompt: "You test."}
                """);
        team = new TeamInfo(
                "shop",
                repo.resolve("team.yaml").toString(),
                repo.toString(),
                "abc123",
                repo.resolve("worktrees").toString(),
                "manager",
                List.of(role("manager", true), role("backend", false), role("qa", false)));
        team.write(peers.teamInfo());
        server = ControlServer.start(peers.socket(), coordinator);
        if (dumb) {
            terminal = new DumbTerminal("test", Terminal.TYPE_DUMB, keys, screen.output(), StandardCharsets.UTF_8);
        } else {
            // a terminal that knows signals, as a real one does: Ctrl-C is a signal unless the console says no
            terminal = new ExternalTerminal("test", "xterm-256color", keys, screen.output(), StandardCharsets.UTF_8);
            terminal.setSize(new Size(120, 40));
        }
        console = new Console(
                terminal,
                peers,
                team,
                ConsoleCommand::commandTree,
                new Console.Options(false, inUp, echo, environment, Clock.systemDefaultZone()));
        if (teamStopped != null) {
            console.stopsWith(teamStopped);
        }
    }

    private TeamInfo.RoleInfo role(String name, boolean lead) {
        return new TeamInfo.RoleInfo(
                name,
                lead,
                "peers/" + name,
                repo.resolve("worktrees").resolve(name).toString());
    }

    static ConsoleHarness start() throws Exception {
        return start(Map.of(), false, null);
    }

    /** Starts the console and waits until its live events flow (the coordinator's greeting is shown). */
    static ConsoleHarness start(Map<String, String> environment, boolean inUp, CompletionStage<?> teamStopped)
            throws Exception {
        return start(environment, inUp, teamStopped, true, false);
    }

    /** A console that writes back every line it takes, as {@code peers-team console} does with piped input. */
    static ConsoleHarness startEchoing() throws Exception {
        return start(Map.of(), false, null, true, true);
    }

    /** A console on an xterm-like terminal over pipes (plain output by NO_COLOR, to keep the text readable). */
    static ConsoleHarness startOnXterm() throws Exception {
        return start(Map.of("NO_COLOR", "1"), false, null, false, false);
    }

    private static ConsoleHarness start(
            Map<String, String> environment, boolean inUp, CompletionStage<?> teamStopped, boolean dumb, boolean echo)
            throws Exception {
        ConsoleHarness harness = new ConsoleHarness(environment, inUp, teamStopped, dumb, echo);
        Thread.ofPlatform().name("console-under-test").start(() -> {
            try {
                harness.exit.complete(harness.console.run());
            } catch (Throwable e) {
                harness.exit.completeExceptionally(e);
            }
        });
        harness.screen.await("connected to team shop");
        harness.screen.await("shop> ");
        return harness;
    }

    /** Types text (no newline added). */
    void type(String text) {
        keys.type(text);
    }

    /**
     * Waits until the console has taken {@code typed} into the line being edited. A dumb terminal does not echo,
     * but it draws the line again below every line printed above it: so print probes until one shows it.
     */
    void awaitTyped(String typed) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        for (int probe = 1; System.nanoTime() < deadline; probe++) {
            int mark = screen.length();
            coordinator.push(new TeamEvent.Warning(null, "probe " + probe));
            screen.awaitFrom(mark, "probe " + probe);
            String after = screen.text().substring(mark);
            int prompt = after.indexOf("shop> ", after.indexOf("probe " + probe));
            if (prompt >= 0 && after.substring(prompt + "shop> ".length()).startsWith(typed)) {
                return;
            }
        }
        throw new AssertionError("the console did not take \"" + typed + "\" within " + WAIT);
    }

    /** Types a command line and waits for the next prompt after it; returns what was printed in between. */
    String command(String line) throws InterruptedException {
        int mark = screen.length();
        keys.type(line + "\n");
        return screen.awaitFrom(mark, "shop> ").replaceAll("shop> $", "");
    }

    /** The server goes away, as when the coordinator has stopped. */
    void stopServer() {
        server.close();
    }

    Console.Exit awaitExit() throws Exception {
        try {
            return exit.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            StringBuilder dump = new StringBuilder();
            Thread.getAllStackTraces().forEach((thread, stack) -> {
                if (!thread.isDaemon()
                        || thread.getName().contains("reader")
                        || thread.getName().startsWith("console")) {
                    dump.append(thread).append('\n');
                    for (StackTraceElement frame : stack) {
                        dump.append("    at ").append(frame).append('\n');
                    }
                }
            });
            throw new AssertionError(
                    "the console did not end within " + WAIT + "; its threads:\n" + dump + "\nit printed:\n"
                            + screen.text(),
                    e);
        }
    }

    @Override
    public void close() throws Exception {
        keys.close();
        try {
            exit.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        } catch (Exception e) {
            // the test already failed, or the console had ended
        }
        server.close();
        terminal.close();
        try (Stream<Path> paths = Files.walk(repo)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    /** Keys typed by the test: read() blocks until there is one; after close() it is the end of input. */
    static final class Keyboard extends InputStream {
        private static final int END = -1;
        private final BlockingQueue<Integer> bytes = new LinkedBlockingQueue<>();

        void type(String text) {
            for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
                bytes.add(b & 0xff);
            }
        }

        @Override
        public int read() throws IOException {
            try {
                int b = bytes.take();
                if (b == END) {
                    bytes.add(END); // stays at the end
                }
                return b;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new java.io.InterruptedIOException();
            }
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            if (length == 0) {
                return 0;
            }
            int first = read();
            if (first == END) {
                return -1;
            }
            buffer[offset] = (byte) first;
            int count = 1;
            while (count < length && !bytes.isEmpty() && bytes.peek() != END) {
                buffer[offset + count++] = (byte) (int) bytes.poll();
            }
            return count;
        }

        @Override
        public int available() {
            return (int) bytes.stream().filter(b -> b != END).count();
        }

        @Override
        public void close() {
            bytes.add(END);
        }
    }

    /**
     * The coordinator's side: answers every request like the real one would (a fixed team), records them, and keeps
     * the subscribers to push events to.
     */
    static final class FakeCoordinator implements ControlHandler {
        final BlockingQueue<ControlRequest> requests = new LinkedBlockingQueue<>();
        final List<EventSink> sinks = new CopyOnWriteArrayList<>();
        volatile Function<ControlRequest.Call<?>, ControlResponse> answers = FakeCoordinator::answer;

        @Override
        public CompletionStage<ControlResponse> handle(ControlRequest.Call<?> request) {
            requests.add(request);
            return CompletableFuture.completedFuture(answers.apply(request));
        }

        @Override
        public void subscribe(EventSink sink) {
            requests.add(new ControlRequest.Subscribe());
            sink.push(new TeamEvent.Warning(null, "connected to team shop"));
            sinks.add(sink);
        }

        void push(TeamEvent event) {
            sinks.forEach(sink -> sink.push(event));
        }

        /** The next request of this kind (those the console makes in the background are skipped). */
        <T extends ControlRequest> T await(Class<T> type) throws InterruptedException {
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (true) {
                ControlRequest next = requests.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                if (next == null) {
                    throw new AssertionError("no " + type.getSimpleName() + " request within " + WAIT);
                }
                if (type.isInstance(next)) {
                    return type.cast(next);
                }
            }
        }

        /** Whether a request of this kind came (and was not yet taken by await), without waiting. */
        boolean received(Class<? extends ControlRequest> type) {
            return requests.stream().anyMatch(type::isInstance);
        }

        static ControlResponse answer(ControlRequest.Call<?> request) {
            return switch (request) {
                case ControlRequest.Hello hello ->
                    ok(new CoordinatorInfo(ProcessHandle.current().pid(), "shop", "/repo", "test"));
                case ControlRequest.Ps ps -> ok(ps());
                case ControlRequest.Board board -> ok(board());
                case ControlRequest.Send send ->
                    ok(new SentMessages(List.of(new SentMessage(send.to(), "m-1", SentMessage.Status.SENT))));
                case ControlRequest.Assign assign ->
                    ok(new TaskView(
                            "T2",
                            assign.text(),
                            "",
                            TaskStatus.ASSIGNED,
                            assign.role(),
                            assign.after(),
                            "human",
                            List.of(),
                            assign.after().isEmpty()));
                case ControlRequest.Interrupt interrupt ->
                    ok(new Interrupted(interrupt.role(), true, SessionState.BUSY));
                case ControlRequest.Approve approve ->
                    approve.requestId().startsWith("p")
                            ? ok(Decided.once(approve.requestId(), "backend", true))
                            : new ControlResponse.Error(
                                    ControlResponse.Error.BAD_REQUEST,
                                    "no permission request '" + approve.requestId() + "' is waiting; waiting: p1");
                case ControlRequest.Deny deny -> ok(Decided.once(deny.requestId(), "backend", false));
                case ControlRequest.Down down -> ok(Stopping.now());
                case ControlRequest.Verb verb ->
                    new ControlResponse.Error(ControlResponse.Error.UNKNOWN_REQUEST, "the console sends no verbs");
            };
        }

        private static ControlResponse ok(ControlReply reply) {
            return new ControlResponse.Ok(reply);
        }

        static PsReply ps() {
            return new PsReply(
                    "shop",
                    Usd.ofDollars(0.125),
                    75,
                    List.of(
                            new RoleRow(
                                    "manager",
                                    true,
                                    SessionState.IDLE,
                                    Usd.ofDollars(0.05),
                                    0,
                                    null,
                                    null,
                                    101L,
                                    "sess-manager",
                                    null,
                                    null,
                                    List.of()),
                            new RoleRow(
                                    "backend",
                                    false,
                                    SessionState.BUSY,
                                    Usd.ofDollars(0.075),
                                    2,
                                    "T1",
                                    "Build the API",
                                    102L,
                                    "sess-backend",
                                    "Bash(ls)",
                                    null,
                                    List.of(new PendingPermission(
                                            "p1", "backend", "Bash", "Bash(touch made-by-bash.txt)"))),
                            new RoleRow(
                                    "qa",
                                    false,
                                    SessionState.STARTING,
                                    Usd.ZERO,
                                    0,
                                    null,
                                    null,
                                    null,
                                    null,
                                    null,
                                    null,
                                    List.of())));
        }

        static BoardView board() {
            return new BoardView(List.of(new TaskView(
                    "T1",
                    "Build the API",
                    "",
                    TaskStatus.IN_PROGRESS,
                    "backend",
                    List.of(),
                    "manager",
                    List.of(),
                    false)));
        }
    }
}
