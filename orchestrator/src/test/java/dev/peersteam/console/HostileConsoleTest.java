package dev.peersteam.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.peersteam.board.BoardEvent;
import dev.peersteam.board.TaskStatus;
import dev.peersteam.control.ControlRequest;
import dev.peersteam.control.ControlResponse;
import dev.peersteam.control.PendingPermission;
import dev.peersteam.control.PsReply;
import dev.peersteam.control.RoleRow;
import dev.peersteam.control.SessionState;
import dev.peersteam.control.TeamEvent;
import dev.peersteam.control.Usd;
import dev.peersteam.journal.Journal;
import dev.peersteam.journal.JournalRecord;
import dev.peersteam.journal.JournalReplay;
import dev.peersteam.runtime.TeamInfo;
import dev.peersteam.testing.TrafficLogLines;
import dev.peersteam.text.HostileStrings;
import dev.peersteam.text.HostileStrings.Hostile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jline.reader.Candidate;
import org.jline.reader.Parser;
import org.jline.reader.impl.DefaultParser;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The console's print points, fed each string of the hostile corpus: live events above the prompt, {@code show},
 * {@code roles}, {@code cost}, {@code board}, {@code logs}, {@code tail}, the status line, completion, and the line
 * that says why the console closes. A dumb terminal writes CR itself; nothing else may act on the terminal.
 */
@Timeout(120)
class HostileConsoleTest {
    /** JLine's dumb terminal goes back to the line's start itself. */
    private static final String LAYOUT = "\n\r";

    private ConsoleHarness console;

    @AfterEach
    void close() throws Exception {
        if (console != null) {
            console.close();
        }
    }

    @Test
    void liveEventsAndTheAnswersOfCommandsShowHostileTextAsEscapes() throws Exception {
        console = ConsoleHarness.start();
        int task = 0;
        for (Hostile hostile : HostileStrings.all()) {
            String text = hostile.afterUtf8(); // events and answers come through the socket
            int mark = console.screen.length();
            for (TeamEvent event : List.of(
                    new TeamEvent.Said("backend", text),
                    new TeamEvent.ToHuman("backend", text),
                    new TeamEvent.ToolUsed("backend", "Bash(" + text + ")"),
                    new TeamEvent.PermissionAsked("backend", "p7", "Bash(" + text + ")", "rules"),
                    new TeamEvent.StateChanged("backend", SessionState.BUSY, text),
                    new TeamEvent.Warning(null, text),
                    new TeamEvent.TaskChanged("backend", "T1", TaskStatus.TODO, "qa", text))) {
                console.coordinator.push(event);
            }
            console.coordinator.push(new TeamEvent.Warning(null, "end of " + hostile.name()));
            String above = console.screen.awaitFrom(mark, "end of " + hostile.name());
            assertShown(above, hostile, true);
            assertThat(above).contains("ASKS to use Bash(");

            console.coordinator.answers = request -> request instanceof ControlRequest.Ps
                    ? new ControlResponse.Ok(ps(text))
                    : ConsoleHarness.FakeCoordinator.answer(request);
            for (String command : List.of("show backend", "roles", "cost")) {
                assertShown(console.command(command), hostile, false);
            }

            appendTask(++task, text);
            assertShown(console.command("board"), hostile, true);
        }
    }

    @Test
    void logsAndTailShowTheTranscriptAsEscapes() throws Exception {
        console = ConsoleHarness.start();
        StringBuilder log = new StringBuilder();
        HostileStrings.all().forEach(h -> log.append(TrafficLogLines.carrying(h.afterUtf8())));
        Files.writeString(console.peers.log("qa"), log);

        String logs = console.command("logs qa");
        for (Hostile hostile : HostileStrings.all()) {
            assertShown(logs, hostile, false);
        }

        int mark = console.screen.length();
        console.type("tail qa\n");
        console.screen.awaitFrom(mark, "press any key to stop");
        console.type("x");
        String tail = console.screen.awaitFrom(mark, "-- stopped following qa --");
        HostileStrings.assertInert(tail, LAYOUT);
        assertThat(tail).contains(HostileStrings.all().getLast().shows());
    }

    @Test
    void theReasonTheConsoleClosesIsShownAsEscapes() throws Exception {
        for (Hostile hostile : HostileStrings.all()) {
            console = ConsoleHarness.start();
            awaitSubscribed();
            int mark = console.screen.length();
            console.coordinator.sinks.forEach(sink -> sink.fail(new ControlResponse.Error("other", hostile.text())));
            assertThat(console.awaitExit()).isEqualTo(Console.Exit.TEAM_STOPPED);
            String farewell = console.screen.text().substring(mark);
            HostileStrings.assertInert(farewell, LAYOUT);
            if (hostile.survivesUtf8()) {
                assertThat(farewell).contains("the console closes: ").contains(hostile.shows());
            }
            console.close();
            console = null;
        }
    }

    @Test
    void theStatusLineAndCompletionShowHostileTextAsEscapes() {
        for (Hostile hostile : HostileStrings.all()) {
            String text = hostile.text();
            TeamView view = new TeamView(new TeamInfo(
                    text,
                    "team.yaml",
                    "/repo",
                    "abc",
                    "/repo/worktrees",
                    "backend",
                    List.of(new TeamInfo.RoleInfo("backend", true, "peers/backend", "/repo/worktrees/backend"))));
            view.event(new TeamEvent.PermissionAsked("backend", "p1", "Bash(" + text + ")", "rules"));
            view.event(new TeamEvent.TaskChanged("backend", "T1", TaskStatus.TODO, "backend", text));
            view.ps(ps(text));
            HostileStrings.assertShown(StatusBar.render(view.snapshot()), hostile, false);
            assertThat(StatusBar.render(view.snapshot())).doesNotContain("\n");

            ConsoleCompleter completer = new ConsoleCompleter(view);
            for (String line : List.of("approve ", "show ", "assign ")) {
                List<Candidate> candidates = new ArrayList<>();
                completer.complete(
                        null, new DefaultParser().parse(line, line.length(), Parser.ParseContext.COMPLETE), candidates);
                for (Candidate candidate : candidates) {
                    HostileStrings.assertInert(candidate.displ() + candidate.descr(), "");
                }
            }
        }
    }

    /** The fake coordinator greets a subscriber before it keeps its sink: wait until it has (a hang guard only). */
    private void awaitSubscribed() throws InterruptedException {
        long deadline = System.nanoTime() + ConsoleHarness.WAIT.toNanos();
        while (console.coordinator.sinks.isEmpty()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the console did not subscribe within " + ConsoleHarness.WAIT);
            }
            Thread.sleep(5);
        }
    }

    private static void assertShown(String printed, Hostile hostile, boolean foldsWhitespace) {
        HostileStrings.assertInert(printed, LAYOUT);
        if (hostile.survivesUtf8() && !(foldsWhitespace && hostile.onlyWhitespace())) {
            assertThat(printed).as(hostile.name()).contains(hostile.shows());
        }
    }

    private void appendTask(int number, String title) throws Exception {
        Path journalFile = console.peers.journal();
        try (Journal journal = Journal.open(journalFile, JournalReplay.read(journalFile), Clock.systemUTC())) {
            journal.append(new JournalRecord.BoardChanged(new BoardEvent.TaskCreated(
                    "T" + number, title, null, "backend", List.of(), "manager", Instant.now())));
            journal.sync();
        }
    }

    /** A ps answer with {@code text} wherever a coordinator passes on text from elsewhere (states are its own). */
    private static PsReply ps(String text) {
        return new PsReply(
                text,
                Usd.ofDollars(0.125),
                75,
                List.of(new RoleRow(
                        "backend",
                        true,
                        SessionState.STOPPED,
                        Usd.ofDollars(0.075),
                        2,
                        "T1",
                        text,
                        102L,
                        text,
                        "Bash(" + text + ")",
                        text,
                        List.of(new PendingPermission("p1", "backend", "Bash", "Bash(" + text + ")")))));
    }
}
