package dev.peersteam.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.peersteam.board.BoardEvent;
import dev.peersteam.control.ControlRequest;
import dev.peersteam.control.SessionState;
import dev.peersteam.control.TeamEvent;
import dev.peersteam.journal.Journal;
import dev.peersteam.journal.JournalRecord;
import dev.peersteam.journal.JournalReplay;
import dev.peersteam.protocol.Json;
import dev.peersteam.testing.Fixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.jline.terminal.Attributes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The console driven through a JLine dumb terminal over pipes, against a real control socket with a fake
 * coordinator: every command, live events while a line is typed, Ctrl-C, Ctrl-D, the team stopping.
 */
@Timeout(60)
class ConsoleTest {
    private ConsoleHarness console;

    @AfterEach
    void close() throws Exception {
        if (console != null) {
            console.close();
        }
    }

    // --- the verbs of the CLI, run in the console ------------------------------------------------------------

    @Test
    void rolesAndPsShowEveryRoleWithWhatWaitsForThePerson() throws Exception {
        console = ConsoleHarness.start();
        for (String command : List.of("roles", "ps")) {
            String out = console.command(command);
            assertThat(out)
                    .contains("ROLE", "STATE", "manager*", "backend", "busy", "T1", "$0.0750", "Bash(ls)")
                    .contains("waiting for you: p1 Bash(touch made-by-bash.txt)")
                    .contains("team shop: $0.1250");
        }
    }

    @Test
    void sendGoesToTheCoordinatorWithTheWholeTextApostrophesAndDashesIncluded() throws Exception {
        console = ConsoleHarness.start();
        assertThat(console.command("send backend use /api/v2 for the new endpoints"))
                .contains("sent to backend (message m-1)");
        assertThat(console.coordinator.await(ControlRequest.Send.class))
                .isEqualTo(new ControlRequest.Send("backend", "use /api/v2 for the new endpoints"));

        console.command("send all it's -v time for \"stand up\"");
        assertThat(console.coordinator.await(ControlRequest.Send.class))
                .isEqualTo(new ControlRequest.Send("all", "it's -v time for stand up"));
    }

    @Test
    void assignCreatesATaskAfterOthers() throws Exception {
        console = ConsoleHarness.start();
        assertThat(console.command("assign qa test the login flow --after T1"))
                .contains("T2 assigned to qa (after T1): test the login flow");
        assertThat(console.coordinator.await(ControlRequest.Assign.class))
                .isEqualTo(new ControlRequest.Assign("qa", "test the login flow", List.of("T1")));
    }

    @Test
    void approveAlwaysAndDenyAnswerWaitingRequests() throws Exception {
        console = ConsoleHarness.start();
        assertThat(console.command("approve p1")).contains("approved p1 for backend");
        assertThat(console.coordinator.await(ControlRequest.Approve.class))
                .isEqualTo(new ControlRequest.Approve("p1", false));

        assertThat(console.command("always p2")).contains("approved p2 for backend");
        assertThat(console.coordinator.await(ControlRequest.Approve.class))
                .isEqualTo(new ControlRequest.Approve("p2", true));

        assertThat(console.command("deny p3 not on the main branch, please")).contains("denied p3 for backend");
        assertThat(console.coordinator.await(ControlRequest.Deny.class))
                .isEqualTo(new ControlRequest.Deny("p3", "not on the main branch, please"));

        assertThat(console.command("deny p4")).contains("denied p4");
        assertThat(console.coordinator.await(ControlRequest.Deny.class)).isEqualTo(new ControlRequest.Deny("p4", null));
    }

    @Test
    void errorsOfTheCoordinatorAreShownAndTheConsoleGoesOn() throws Exception {
        console = ConsoleHarness.start();
        assertThat(console.command("approve x9")).contains("no permission request 'x9' is waiting; waiting: p1");
        assertThat(console.command("send")).contains("Missing required parameters");
        assertThat(console.command("show nobody"))
                .contains("team shop has no role 'nobody'; its roles are" + " manager, backend, qa");
        assertThat(console.command("roles")).contains("manager*");
    }

    @Test
    void interruptStopsARolesTurn() throws Exception {
        console = ConsoleHarness.start();
        assertThat(console.command("interrupt backend")).contains("interrupted backend");
        assertThat(console.coordinator.await(ControlRequest.Interrupt.class))
                .isEqualTo(new ControlRequest.Interrupt("backend"));
    }

    @Test
    void boardIsReadFromTheJournal() throws Exception {
        console = ConsoleHarness.start();
        assertThat(console.command("board")).contains("no tasks yet");
        Path journalFile = console.peers.journal();
        try (Journal journal = Journal.open(journalFile, JournalReplay.read(journalFile), Clock.systemUTC())) {
            journal.append(new JournalRecord.BoardChanged(new BoardEvent.TaskCreated(
                    "T1",
                    "Build the API",
                    null,
                    "backend",
                    List.of(),
                    "manager",
                    Instant.parse("2026-01-01T10:00:00Z"))));
            journal.sync();
        }
        assertThat(console.command("board")).contains("T1", "assigned", "backend", "Build the API");
        assertThat(console.command("board --json")).contains("\"id\" : \"T1\"");
    }

    @Test
    void logsPrintsATranscript() throws Exception {
        console = ConsoleHarness.start();
        writeLog("qa");
        assertThat(console.command("logs qa")).contains("> CALL_MCP please", "qa uses send_message", "-- turn done");
    }

    // --- the console's own commands -------------------------------------------------------------------------

    @Test
    void showTellsEverythingAboutOneRole() throws Exception {
        console = ConsoleHarness.start();
        String out = console.command("show backend");
        assertThat(out)
                .contains("backend")
                .contains("state:         busy")
                .contains("task:          T1 Build the API")
                .contains("prompt file:   " + console.repo.resolve("roles/backend.md"))
                .contains("worktree:      " + console.repo.resolve("worktrees/backend"))
                .contains("branch:        peers/backend")
                .contains("session id:    sess-backend")
                .contains("pid:           102")
                .contains("queued:        2 messages not yet taken up")
                .contains("cost:          $0.0750")
                .contains("last tool:     Bash(ls)")
                .contains("waits for you: p1 Bash(touch made-by-bash.txt)  (approve p1 | always p1 | deny p1");
        assertThat(console.command("show manager")).contains("manager  (lead)", "(inline in ");
    }

    @Test
    void costAddsUpTheRoles() throws Exception {
        console = ConsoleHarness.start();
        assertThat(console.command("cost"))
                .contains("manager", "$0.0500", "backend", "$0.0750", "qa", "$0.0000")
                .contains("total", "$0.1250", "(team shop, up 1m 15s)");
    }

    @Test
    void helpListsEveryCommandAndExplainsOne() throws Exception {
        console = ConsoleHarness.start();
        String all = console.command("help");
        for (ConsoleCommands.Entry entry : ConsoleCommands.ENTRIES) {
            assertThat(all).contains(entry.usage());
        }
        assertThat(console.command("help send")).contains("send ROLE|all TEXT", "Usage: peers-team send");
        assertThat(console.command("help always")).contains("--always");
        assertThat(console.command("help show")).contains("show ROLE  -  one role");
        assertThat(console.command("help exit")).contains("quit  -  close the console");
        assertThat(console.command("help ps")).contains("roles  -  every role", "Usage: peers-team ps");
        assertThat(console.command("help nope")).contains("unknown command 'nope'");
    }

    @Test
    void anUnknownCommandIsNamed() throws Exception {
        console = ConsoleHarness.start();
        assertThat(console.command("deploy prod")).contains("unknown command 'deploy'; 'help' lists the commands");
        assertThat(console.command("up team.yaml")).contains("unknown command 'up'");
    }

    @Test
    void tailShowsTheLastLinesThenFollowsUntilAKeyIsPressed() throws Exception {
        console = ConsoleHarness.start();
        writeLog("qa");
        int mark = console.screen.length();
        console.type("tail qa\n");
        console.screen.awaitFrom(mark, "press any key to stop");
        console.screen.awaitFrom(mark, "-- turn done");
        int before = console.screen.length();
        ObjectNode record = Json.object().put("ts", "t").put("dir", ">");
        record.set("msg", Json.MAPPER.readTree("""
                {"type":"user","message":{"role":"user","content":"a brand new message"}}"""));
        Files.writeString(console.peers.log("qa"), record + "\n", java.nio.file.StandardOpenOption.APPEND);
        console.screen.awaitFrom(before, "a brand new message");
        console.type("x"); // any key
        console.screen.awaitFrom(before, "-- stopped following qa --");
        console.screen.awaitFrom(before, "shop> ");
        assertThat(console.command("roles")).as("the key was taken, not typed").contains("ROLE");
    }

    @Test
    void logsFollowAlsoStopsOnAKey() throws Exception {
        console = ConsoleHarness.start();
        writeLog("qa");
        int mark = console.screen.length();
        console.type("logs qa -f\n");
        console.screen.awaitFrom(mark, "-- turn done");
        console.type("\n");
        console.screen.awaitFrom(mark, "-- stopped --");
        console.screen.awaitFrom(mark, "shop> ");
    }

    @Test
    void quitDetachesAndSaysTheTeamKeepsRunning() throws Exception {
        console = ConsoleHarness.start();
        console.command("roles");
        console.type("quit\n");
        assertThat(console.awaitExit()).isEqualTo(Console.Exit.DETACHED);
        assertThat(console.screen.text()).contains("detached; the team keeps running");
        assertThat(console.coordinator.received(ControlRequest.Down.class)).isFalse();
        assertThat(Files.readString(console.peers.root().resolve("history"))).contains("roles", "quit");
    }

    @Test
    void ctrlDDetaches() throws Exception {
        console = ConsoleHarness.start();
        console.type("\u0004");
        assertThat(console.awaitExit()).isEqualTo(Console.Exit.DETACHED);
    }

    @Test
    void theEndOfInputDetaches() throws Exception {
        console = ConsoleHarness.start();
        console.keys.close();
        assertThat(console.awaitExit()).isEqualTo(Console.Exit.DETACHED);
    }

    @Test
    void ctrlCClearsTheLineBeingTyped() throws Exception {
        console = ConsoleHarness.start();
        console.type("send qa do not send this");
        console.awaitTyped("send qa do not send this");
        int mark = console.screen.length();
        console.type("\u0003");
        console.screen.awaitFrom(mark, "shop> "); // a fresh prompt, the line gone
        assertThat(console.command("interrupt qa")).contains("interrupted qa");
        assertThat(console.coordinator.await(ControlRequest.Interrupt.class))
                .isEqualTo(new ControlRequest.Interrupt("qa"));
        assertThat(console.coordinator.received(ControlRequest.Send.class)).isFalse();
        assertThat(console.exit).isNotDone();
    }

    @Test
    void onATerminalWithSignalsCtrlCIsAKeySoNoSignalReachesTheAgents() throws Exception {
        console = ConsoleHarness.startOnXterm();
        assertThat(console.terminal.getAttributes().getLocalFlag(Attributes.LocalFlag.ISIG))
                .as("no SIGINT for the process group (the agents) while the console is open")
                .isFalse();
        int mark = console.screen.length();
        console.type("send qa do not send this");
        console.screen.awaitFrom(mark, "do not send this"); // a real terminal echoes
        int echoed = console.screen.length();
        console.type("\u0003");
        console.screen.awaitFrom(echoed, "shop> "); // the fresh prompt, not one drawn before the echo
        assertThat(console.command("interrupt qa")).contains("interrupted qa");
        assertThat(console.coordinator.await(ControlRequest.Interrupt.class))
                .isEqualTo(new ControlRequest.Interrupt("qa"));
        assertThat(console.coordinator.received(ControlRequest.Send.class)).isFalse();
        console.type("quit\n");
        assertThat(console.awaitExit()).isEqualTo(Console.Exit.DETACHED);
        assertThat(console.terminal.getAttributes().getLocalFlag(Attributes.LocalFlag.ISIG))
                .as("restored when the console closes: Ctrl-C stops up again")
                .isTrue();
    }

    @Test
    void withPipedInputEveryLineTakenIsWrittenBackSoTheOutputReadsAsATranscript() throws Exception {
        console = ConsoleHarness.startEchoing();
        int mark = console.screen.length();
        console.type("interrupt backend\n");
        assertThat(console.screen.awaitFrom(mark, "interrupted backend"))
                .isEqualTo("\rshop> interrupt backend\ninterrupted backend");
    }

    @Test
    void downStopsTheTeamAndWaitsUntilItHasStopped() throws Exception {
        console = ConsoleHarness.start();
        int mark = console.screen.length();
        console.type("down\n");
        console.screen.awaitFrom(mark, "stopping the team ...");
        assertThat(console.coordinator.await(ControlRequest.Down.class)).isEqualTo(new ControlRequest.Down(false));
        assertThat(console.exit).isNotDone();
        console.stopServer(); // what the coordinator does once every session has ended
        assertThat(console.awaitExit()).isEqualTo(Console.Exit.TEAM_STOPPED);
        assertThat(console.screen.text()).contains("the team has stopped");
    }

    // --- live events ----------------------------------------------------------------------------------------

    @Test
    void liveEventsArePrintedAboveTheLineBeingTypedWhichStaysIntact() throws Exception {
        console = ConsoleHarness.start();
        console.type("send qa hel");
        console.awaitTyped("send qa hel");
        int mark = console.screen.length();
        console.coordinator.push(new TeamEvent.ToolUsed("backend", "Bash(npm test)"));
        console.coordinator.push(new TeamEvent.MessagePosted("m-9", "backend", "qa", "please test the login"));
        console.coordinator.push(new TeamEvent.StateChanged("qa", SessionState.BUSY, null));
        String shown = console.screen.awaitFrom(mark, "qa         is busy");
        assertThat(shown).contains("backend    uses Bash(npm test)", "backend    -> qa: please test the login");
        // the line being typed is drawn again below the events, and typing goes on where it was
        console.screen.awaitFrom(mark, "shop> send qa hel");
        console.command("lo there");
        assertThat(console.coordinator.await(ControlRequest.Send.class))
                .isEqualTo(new ControlRequest.Send("qa", "hello there"));
    }

    @Test
    void aPermissionRequestShowsRoleToolInputAndId() throws Exception {
        console = ConsoleHarness.start();
        console.coordinator.push(new TeamEvent.PermissionAsked(
                "backend",
                "p7",
                "Bash(touch made-by-bash.txt)",
                "Bash(touch made-by-bash.txt) is not in the allowed_tools of role backend"));
        console.screen.await("backend    ASKS to use Bash(touch made-by-bash.txt)  [p7]  approve p7 | always p7"
                + " | deny p7 [reason]");
    }

    @Test
    void theConsoleEndsWhenTheCoordinatorGoesAway() throws Exception {
        console = ConsoleHarness.start();
        console.type("send qa half a line");
        console.awaitTyped("send qa half a line");
        console.stopServer();
        assertThat(console.awaitExit()).isEqualTo(Console.Exit.TEAM_STOPPED);
        assertThat(console.coordinator.received(ControlRequest.Send.class)).isFalse();
    }

    // --- the console of up ----------------------------------------------------------------------------------

    @Test
    void inUpTheEndOfTheLoopClosesTheConsole() throws Exception {
        CompletableFuture<Object> loop = new CompletableFuture<>();
        console = ConsoleHarness.start(Map.of(), true, loop);
        console.type("roles");
        loop.complete("STOPPED");
        assertThat(console.awaitExit()).isEqualTo(Console.Exit.TEAM_STOPPED);
        assertThat(console.console.farewell(Console.Exit.TEAM_STOPPED)).contains("the team has stopped");
    }

    @Test
    void inUpQuitSaysTheTeamRunsOnInThisProcess() throws Exception {
        console = ConsoleHarness.start(Map.of(), true, new CompletableFuture<>());
        console.type("quit\n");
        assertThat(console.awaitExit()).isEqualTo(Console.Exit.DETACHED);
        assertThat(console.screen.text())
                .as("up says it once the terminal is closed and Ctrl-C stops it again (UpConsoleIT)")
                .doesNotContain("Ctrl-C stops the team");
        assertThat(console.console.farewell(Console.Exit.DETACHED))
                .contains(
                        "the team keeps running in this process and its live log" + " follows. Ctrl-C stops the team");
    }

    private void writeLog(String role) throws Exception {
        StringBuilder log = new StringBuilder();
        for (Fixture.Line line : Fixture.load("mcp_sdk_alwaysload").lines()) {
            ObjectNode record = Json.object().put("ts", "t").put("dir", line.dir());
            record.set("msg", line.msg());
            log.append(record).append('\n');
        }
        Files.writeString(console.peers.log(role), log);
    }
}
