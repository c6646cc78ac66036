package dev.peersteam.bench;

import dev.peersteam.control.SessionState;
import dev.peersteam.control.TeamEvent;
import dev.peersteam.coordinator.Coordinator;
import dev.peersteam.coordinator.Recovery;
import dev.peersteam.coordinator.SchedulerTimers;
import dev.peersteam.journal.Journal;
import dev.peersteam.journal.JournalReplay;
import dev.peersteam.protocol.ProtocolException;
import dev.peersteam.protocol.StreamJsonCodec;
import dev.peersteam.session.SessionEvent;
import dev.peersteam.team.AgentKind;
import dev.peersteam.team.RoleSpec;
import dev.peersteam.team.TeamSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The real coordinator, in this process: its loop on its own thread, the real journal (fsync'd group commit) in a
 * scratch directory, real timers, and one {@link InstantCli} per role in place of a process. Tool calls are posted
 * the way a session's reader thread posts them: the stdout line is decoded, then handed to the session's callback.
 */
final class InProcessTeam implements AutoCloseable {
    private final Path dir;
    private final List<String> roles;
    private final Journal journal;
    private final SchedulerTimers timers = new SchedulerTimers();
    private final Coordinator coordinator;
    private final Thread loop;
    private final StreamJsonCodec codec = new StreamJsonCodec();
    private final AtomicLong rpcIds = new AtomicLong();
    private final Path journalFile;
    /** What each role's session reports through: the callback the coordinator gave when it started the session. */
    private final java.util.Map<String, java.util.function.Consumer<SessionEvent>> sinks =
            new java.util.concurrent.ConcurrentHashMap<>();

    private InProcessTeam(Path dir, int size, InstantCli.Listener listener) throws InterruptedException {
        this.dir = dir;
        List<String> names = new ArrayList<>();
        List<RoleSpec> specs = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            String name = String.format("r%03d", i);
            names.add(name);
            specs.add(new RoleSpec(
                    name,
                    i == 0,
                    "You are " + name + ".",
                    null,
                    AgentKind.CLAUDE,
                    null,
                    "acceptEdits",
                    List.of("Read"),
                    null,
                    null));
        }
        this.roles = List.copyOf(names);
        TeamSpec team = new TeamSpec(
                dir.resolve("team.yaml"),
                "bench",
                dir,
                null,
                dir.resolve("worktrees"),
                null,
                null,
                List.of(),
                List.of(),
                specs);
        journalFile = dir.resolve(".peers/journal.jsonl");
        journal = Journal.open(journalFile, JournalReplay.empty(), Clock.systemUTC());
        CountDownLatch ready = new CountDownLatch(size);
        AtomicLong pids = new AtomicLong(10_000);
        coordinator = new Coordinator(
                team,
                Coordinator.Settings.headless(),
                Recovery.none(),
                journal,
                (role, sessionId, resume, sink) -> {
                    sinks.put(role.name(), sink);
                    return new InstantCli(role.name(), sink, listener, pids.incrementAndGet());
                },
                event -> {
                    if (event instanceof TeamEvent.StateChanged changed && changed.state() == SessionState.IDLE) {
                        ready.countDown();
                    }
                },
                timers);
        loop = Thread.ofPlatform().name("peers-loop").start(() -> {
            try {
                coordinator.run();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        if (!ready.await(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the in-process team did not become ready");
        }
    }

    /** A team of {@code size} roles with its journal under {@code parent} (a fresh directory). */
    static InProcessTeam start(Path parent, int size, InstantCli.Listener listener)
            throws IOException, InterruptedException {
        return new InProcessTeam(Files.createTempDirectory(parent, "inproc-"), size, listener);
    }

    List<String> roles() {
        return roles;
    }

    Path journalFile() {
        return journalFile;
    }

    /** The stdout line of an {@code mcp_message tools/call send_message} control request, as the CLI writes it. */
    String sendMessageLine(String requestId, String to, String text) {
        return "{\"type\":\"control_request\",\"request_id\":\"" + requestId + "\",\"request\":{\"subtype\":"
                + "\"mcp_message\",\"server_name\":\"peers\",\"message\":{\"method\":\"tools/call\",\"params\":"
                + "{\"name\":\"send_message\",\"arguments\":{\"to\":\"" + to + "\",\"text\":\"" + text + "\"}},"
                + "\"jsonrpc\":\"2.0\",\"id\":" + rpcIds.incrementAndGet() + "}}}";
    }

    /** What a session's reader thread does with a stdout line: decode it and hand it to the session's sink. */
    void fromSession(String role, String line) {
        try {
            sinks.get(role)
                    .accept(new SessionEvent.Received(role, codec.decode(line).orElseThrow()));
        } catch (ProtocolException e) {
            throw new IllegalArgumentException(e);
        }
    }

    @Override
    public void close() throws InterruptedException, IOException {
        try {
            coordinator.stopAndWait("benchmark done", Duration.ofSeconds(30));
            loop.join(Duration.ofSeconds(10));
        } finally {
            timers.close();
            journal.close();
            Files.deleteIfExists(journalFile);
            Files.deleteIfExists(journalFile.getParent());
            Files.deleteIfExists(dir);
        }
    }
}
