package dev.peersteam.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.peersteam.board.TaskStatus;
import dev.peersteam.control.ControlCodec;
import dev.peersteam.control.Decoded;
import dev.peersteam.control.ServerLine;
import dev.peersteam.control.SessionState;
import dev.peersteam.control.StreamLine;
import dev.peersteam.control.TeamEvent;
import dev.peersteam.control.Usd;
import dev.peersteam.runtime.TeamInfo;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jline.terminal.Terminal;
import org.jline.terminal.impl.DumbTerminal;
import org.jline.terminal.impl.ExternalTerminal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The console's small parts: the team picture, the status line, event lines, plain mode, the refresher. */
@Timeout(30)
class ConsolePartsTest {
    private static TeamView view() {
        return new TeamView(new TeamInfo(
                "shop",
                "team.yaml",
                "/repo",
                "abc",
                "/repo/worktrees",
                "manager",
                List.of(
                        new TeamInfo.RoleInfo("manager", true, "peers/manager", "/w/manager"),
                        new TeamInfo.RoleInfo("backend", false, "peers/backend", "/w/backend"))));
    }

    @Test
    void theStatusLineShowsEachRolesStateWhatWaitsAndTheCost() {
        TeamView view = view();
        assertThat(StatusBar.render(view.snapshot())).isEqualTo("shop | manager ? | backend ? | $0.0000");
        view.event(new TeamEvent.StateChanged("manager", SessionState.IDLE, null));
        view.event(new TeamEvent.StateChanged("backend", SessionState.BUSY, null));
        view.event(new TeamEvent.PermissionAsked("backend", "p1", "Bash(touch x)", "why"));
        assertThat(StatusBar.render(view.snapshot()))
                .isEqualTo("shop | manager idle | backend busy, 1 waits | $0.0000");
        view.ps(ConsoleHarness.FakeCoordinator.ps());
        assertThat(StatusBar.render(view.snapshot()))
                .isEqualTo("shop | manager idle | backend busy, 1 waits | qa starting | $0.1250");
    }

    @Test
    void everyChangeReachesTheListener() {
        TeamView view = view();
        AtomicInteger changes = new AtomicInteger();
        view.onChange(snapshot -> changes.incrementAndGet());
        assertThat(view.event(new TeamEvent.ToolUsed("backend", "Read(x)")))
                .as("nothing to refresh")
                .isFalse();
        assertThat(view.event(
                        new TeamEvent.TurnEnded("backend", Usd.ofDollars(0.01), Usd.ofDollars(0.02), false, null)))
                .isTrue();
        assertThat(view.snapshot().roles().get(1).cost()).isEqualTo(Usd.ofDollars(0.02));
        assertThat(view.event(new TeamEvent.PermissionDecided("backend", "Bash(x)", true, "approved", "p1")))
                .as("a decision: ps tells what still waits")
                .isTrue();
        assertThat(changes.get()).isEqualTo(1);
    }

    @Test
    void eventLinesAreTheLiveLogsWithTheTimeAndPermissionRequestsSayHowToAnswer() {
        Clock noon = Clock.fixed(Instant.parse("2026-01-01T12:00:01Z"), ZoneOffset.UTC);
        assertThat(EventText.line(
                                new TeamEvent.MessagePosted("m1", "manager", "backend", "Build it\nplease"),
                                false,
                                noon)
                        .toString())
                .isEqualTo("12:00:01 manager    -> backend: Build it / please");
        assertThat(EventText.line(
                                new TeamEvent.PermissionAsked("backend", "p3", "Bash(rm -rf build)", "why"),
                                false,
                                noon)
                        .toString())
                .isEqualTo("12:00:01 backend    ASKS to use Bash(rm -rf build)  [p3]  approve p3"
                        + " | always p3 | deny p3 [reason]");
        assertThat(EventText.line(new TeamEvent.MessageDelivered("m1", "backend"), false, noon))
                .isNull();
        assertThat(EventText.line(new TeamEvent.MessageDelivered("m1", "backend"), true, noon))
                .isNotNull();
    }

    @Test
    void everyKindOfEventSurvivesTheWireAndHasALine() throws Exception {
        List<TeamEvent> events = List.of(
                new TeamEvent.StateChanged("a", SessionState.CRASHED, "exit 1"),
                new TeamEvent.MessagePosted("m", "a", "b", "t"),
                new TeamEvent.MessageDelivered("m", "b"),
                new TeamEvent.ToHuman("a", "hi"),
                new TeamEvent.Said("a", "s"),
                new TeamEvent.ToolUsed("a", "Read(x)"),
                new TeamEvent.PermissionAsked("a", "p1", "Bash(x)", "w"),
                new TeamEvent.PermissionDecided("a", "Bash(x)", false, "denied", null),
                new TeamEvent.TurnEnded("a", Usd.ofDollars(0.1), Usd.ofDollars(0.2), true, "boom"),
                new TeamEvent.Exited("a", 1, false, List.of("err")),
                new TeamEvent.Warning(null, "w"),
                new TeamEvent.TaskChanged("a", "T1", TaskStatus.DONE, "a", "title"));
        ControlCodec codec = new ControlCodec();
        for (TeamEvent event : events) {
            TeamEvent back = ((StreamLine.Event) ((Decoded.Valid<StreamLine>)
                                    codec.decodeStreamLine(codec.encode(new ServerLine.Event(event))))
                            .value())
                    .event();
            assertThat(back).isEqualTo(event);
            assertThat(EventText.line(back, true, Clock.systemUTC()))
                    .as(event.toString())
                    .isNotNull();
        }
    }

    @Test
    void plainOnDumbTerminalsAndWithNoColor() throws Exception {
        try (Terminal dumb = new DumbTerminal(
                        "t",
                        Terminal.TYPE_DUMB,
                        new ByteArrayInputStream(new byte[0]),
                        new ByteArrayOutputStream(),
                        StandardCharsets.UTF_8);
                Terminal xterm = new ExternalTerminal(
                        "t",
                        "xterm-256color",
                        new ByteArrayInputStream(new byte[0]),
                        new ByteArrayOutputStream(),
                        StandardCharsets.UTF_8)) {
            assertThat(Console.plain(dumb, Map.of())).isTrue();
            assertThat(Console.plain(xterm, Map.of())).isFalse();
            assertThat(Console.plain(xterm, Map.of("NO_COLOR", "1"))).isTrue();
            assertThat(Console.plain(xterm, Map.of("NO_COLOR", "")))
                    .as("empty means unset (no-color.org)")
                    .isFalse();
        }
    }

    @Test
    void theRefresherFoldsAsksThatComeWhileItRuns() throws Exception {
        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger runs = new AtomicInteger();
        CountDownLatch twice = new CountDownLatch(2);
        Refresher refresher = new Refresher(() -> {
            if (runs.incrementAndGet() == 1) {
                running.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            twice.countDown();
        });
        refresher.request();
        assertThat(running.await(10, TimeUnit.SECONDS)).isTrue();
        refresher.request();
        refresher.request();
        refresher.request();
        release.countDown();
        assertThat(twice.await(10, TimeUnit.SECONDS)).isTrue();
        refresher.close();
        assertThat(runs.get()).as("three asks during a run make one more run").isEqualTo(2);
    }
}
