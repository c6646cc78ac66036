package dev.peersteam.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.peersteam.board.TaskStatus;
import dev.peersteam.control.ControlHandler;
import dev.peersteam.control.ControlRequest;
import dev.peersteam.control.ControlResponse;
import dev.peersteam.control.ControlServer;
import dev.peersteam.control.CoordinatorHere;
import dev.peersteam.control.EventSink;
import dev.peersteam.control.TaskView;
import dev.peersteam.control.VerbOutput;
import dev.peersteam.runtime.PeersDir;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Quick verbs run by the coordinator: as typed where the person typed them, only quick ones, and never twice. */
class WarmVerbsTest {
    @TempDir
    Path tmp;

    private final List<ControlServer> servers = new ArrayList<>();
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @AfterEach
    void stop() {
        servers.forEach(ControlServer::close);
    }

    @Test
    void aRelativeRepoOptionIsRelativeToWhereThePersonTypedItNotToTheCoordinator() throws Exception {
        List<ControlRequest> askedOfA = new CopyOnWriteArrayList<>();
        List<ControlRequest> askedOfB = new CopyOnWriteArrayList<>();
        Path a = tmp.resolve("a");
        Path b = tmp.resolve("b");
        team(a, askedOfA);
        team(b, askedOfB);
        Path typedIn = Files.createDirectories(a.resolve("src/main"));

        int exit = run(typedIn, "assign", "-C", "../../../b", "qa", "test", "login");

        assertThat(exit).as(err.toString()).isZero();
        assertThat(out.toString()).isEqualTo("T1 assigned to qa: test login\n");
        assertThat(askedOfA)
                .as("A's coordinator ran the command line, as typed in a/src/main")
                .containsExactly(new ControlRequest.Verb(
                        List.of("assign", "-C", "../../../b", "qa", "test", "login"), typedIn.toString()));
        assertThat(askedOfB).as("and asked B's").containsExactly(new ControlRequest.Assign("qa", "test login"));
    }

    @Test
    void theCoordinatorRunsOnlyTheQuickVerbs() {
        WarmVerbs verbs = new WarmVerbs(Map.of());
        for (String verb : List.of("up", "down", "init", "merge", "diff", "web", "console", "logs", "board")) {
            VerbOutput output = verbs.run(
                    new ControlRequest.Verb(List.of(verb, "x"), tmp.toString()),
                    CoordinatorHere.of(tmp.resolve(".peers"), null)); // asked nothing: refused before it runs
            assertThat(output.exit()).as(verb).isEqualTo(ExitCodes.INVALID);
            assertThat(output.err()).as(verb).contains("runs only approve, assign, deny, interrupt, ps, send");
            assertThat(output.out()).isEmpty();
        }
    }

    @Test
    void aCoordinatorThatTakesTheVerbAndDiesLeavesItUnknownAndDoesNotRunItAgain() throws Exception {
        PeersDir peers = PeersDir.of(tmp).create();
        AtomicInteger connections = new AtomicInteger();
        try (ServerSocketChannel listener = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            listener.bind(UnixDomainSocketAddress.of(peers.socket()));
            Thread.ofVirtual().start(() -> {
                while (true) {
                    try (SocketChannel client = listener.accept()) {
                        connections.incrementAndGet();
                        client.read(ByteBuffer.allocate(4096)); // takes the line, and dies without a word
                    } catch (IOException closed) {
                        return;
                    }
                }
            });

            int exit = run(tmp, "assign", "qa", "deploy");

            assertThat(exit).isEqualTo(ExitCodes.FAILED);
            assertThat(err.toString())
                    .contains("whether 'assign' was done is unknown")
                    .contains("peers-team board");
            assertThat(connections).as("asked once, not again here").hasValue(1);
        }
    }

    @Test
    void aFloodOfQuickVerbsThreeTimesTheConnectionLimitMakesEveryTaskExactlyOnce() throws Exception {
        List<ControlRequest> asked = new CopyOnWriteArrayList<>();
        Path shop = tmp.resolve("shop");
        team(shop, asked); // the default limit of 32 connections
        record Outcome(int exit, String out, String err) {}
        int clients = 96;
        List<Future<Outcome>> runs = new ArrayList<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < clients; i++) {
                String text = "task " + i;
                runs.add(pool.submit(() -> {
                    StringWriter o = new StringWriter();
                    StringWriter e = new StringWriter();
                    int exit = Main.run(
                            new PrintWriter(o, true), new PrintWriter(e, true), Map.of(), shop, "assign", "qa", text);
                    return new Outcome(exit, o.toString(), e.toString());
                }));
            }
        }
        List<String> made = asked.stream()
                .filter(ControlRequest.Assign.class::isInstance)
                .map(request -> ((ControlRequest.Assign) request).text())
                .toList();
        assertThat(made).as("no task made twice").doesNotHaveDuplicates();
        List<String> failed = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            Outcome outcome = runs.get(i).get(60, TimeUnit.SECONDS);
            if (outcome.exit() == ExitCodes.OK) {
                assertThat(outcome.out()).isEqualTo("T1 assigned to qa: task " + i + "\n");
                assertThat(made).contains("task " + i);
            } else {
                failed.add(i + ": exit " + outcome.exit() + ": " + outcome.err().strip());
                assertThat(made).as("a verb that failed made nothing").doesNotContain("task " + i);
            }
        }
        // Three times the limit at once: a verb refused for want of a connection was not taken, so it asks again
        // until one is free, and each holds one connection only (it asks the coordinator directly).
        assertThat(failed).as("every verb waited its turn").isEmpty();
        assertThat(made).hasSize(clients);
    }

    private int run(Path cwd, String... args) {
        return Main.run(new PrintWriter(out, true), new PrintWriter(err, true), Map.of(), cwd, args);
    }

    /** A running team in {@code repo} whose coordinator runs verbs as {@code up}'s does and records what it is asked. */
    private void team(Path repo, List<ControlRequest> asked) throws IOException {
        PeersDir peers = PeersDir.of(Files.createDirectories(repo)).create();
        servers.add(ControlServer.start(peers.socket(), new ControlHandler() {
            @Override
            public CompletionStage<ControlResponse> handle(ControlRequest.Call<?> request) {
                asked.add(request);
                if (request instanceof ControlRequest.Verb verb) {
                    return new WarmVerbs(Map.of()).answer(verb, CoordinatorHere.of(peers.root(), this));
                }
                ControlRequest.Assign assign = (ControlRequest.Assign) request;
                return CompletableFuture.completedFuture(new ControlResponse.Ok(new TaskView(
                        "T1",
                        assign.text(),
                        "",
                        TaskStatus.ASSIGNED,
                        assign.role(),
                        List.of(),
                        "human",
                        List.of(),
                        true)));
            }

            @Override
            public void subscribe(EventSink sink) {
                sink.close();
            }
        }));
    }
}
