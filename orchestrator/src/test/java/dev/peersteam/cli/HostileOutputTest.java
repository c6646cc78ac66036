package dev.peersteam.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.peersteam.board.BoardEvent;
import dev.peersteam.board.TaskStatus;
import dev.peersteam.control.ControlHandler;
import dev.peersteam.control.ControlRequest;
import dev.peersteam.control.ControlResponse;
import dev.peersteam.control.ControlServer;
import dev.peersteam.control.CoordinatorHere;
import dev.peersteam.control.Decided;
import dev.peersteam.control.EventSink;
import dev.peersteam.control.Interrupted;
import dev.peersteam.control.PendingPermission;
import dev.peersteam.control.PsReply;
import dev.peersteam.control.RoleRow;
import dev.peersteam.control.SentMessage;
import dev.peersteam.control.SentMessages;
import dev.peersteam.control.SessionState;
import dev.peersteam.control.TaskView;
import dev.peersteam.control.TeamEvent;
import dev.peersteam.control.Usd;
import dev.peersteam.journal.Journal;
import dev.peersteam.journal.JournalRecord;
import dev.peersteam.journal.JournalReplay;
import dev.peersteam.json.Json;
import dev.peersteam.runtime.PeersDir;
import dev.peersteam.runtime.TeamInfo;
import dev.peersteam.testing.TestRepos;
import dev.peersteam.testing.TrafficLogLines;
import dev.peersteam.text.HostileStrings;
import dev.peersteam.text.HostileStrings.Hostile;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every print point of the CLI, fed each string of the hostile corpus through its real code path: a team event into
 * the live log, a task title into {@code board}, answers of a coordinator into {@code ps} and the other verbs, an
 * assistant text into {@code logs}, a team file into {@code validate}, error messages into stderr, a file into
 * {@code diff}. Nothing printed may act on a terminal, and the escape must be visible.
 */
class HostileOutputTest {
    @TempDir
    Path tmp;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private ControlServer server;
    private final List<ControlRequest.Verb> verbsRun = new CopyOnWriteArrayList<>();
    private final List<ControlRequest> asked = new CopyOnWriteArrayList<>();

    static List<Hostile> hostile() {
        return HostileStrings.all();
    }

    @AfterEach
    void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    /** An agent program that exists, so validate's check of it passes. */
    private static final Map<String, String> ENVIRONMENT =
            Map.of("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"), "PEERS_TEAM_CLAUDE", "/bin/true");

    private int run(String... args) {
        out.getBuffer().setLength(0);
        err.getBuffer().setLength(0);
        return Main.run(new PrintWriter(out, true), new PrintWriter(err, true), ENVIRONMENT, args);
    }

    // --- the live log ------------------------------------------------------------------------------------------

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostile")
    void theLiveLogShowsWhateverAModelPutIntoAnEventAsEscapes(Hostile hostile) {
        String text = hostile.text();
        List<TeamEvent> events = List.of(
                new TeamEvent.StateChanged("backend", SessionState.BUSY, text),
                new TeamEvent.MessagePosted("m1", "backend", "qa", text),
                new TeamEvent.ToHuman("backend", text),
                new TeamEvent.Said("backend", text),
                new TeamEvent.ToolUsed("backend", "Bash(" + text + ")"),
                new TeamEvent.PermissionAsked("backend", "p1", "Bash(" + text + ")", "rules"),
                new TeamEvent.PermissionDecided("backend", "Bash(" + text + ")", true, text, "p1"),
                new TeamEvent.PermissionDecided("backend", "Bash(" + text + ")", false, text, "p1"),
                new TeamEvent.TurnEnded("backend", Usd.ofDollars(0.1), Usd.ofDollars(0.2), true, text),
                new TeamEvent.Exited("backend", 1, false, List.of(text, text)),
                new TeamEvent.Warning("backend", text),
                new TeamEvent.TaskChanged("backend", "T1", TaskStatus.TODO, "qa", text),
                new TeamEvent.Settled(null, TeamEvent.Settled.STUCK, text),
                new TeamEvent.Said(text, "a role name from nowhere"));
        for (TeamEvent event : events) {
            StringWriter printed = new StringWriter();
            new LiveLog(new PrintWriter(printed), Clock.systemUTC(), true).accept(event);
            HostileStrings.assertShown(printed.toString(), hostile, true);
        }
    }

    // --- board, logs: read from .peers/ -------------------------------------------------------------------------

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostile")
    void boardShowsATaskTitleAsEscapes(Hostile hostile) throws Exception {
        PeersDir peers = team();
        try (Journal journal =
                Journal.open(peers.journal(), JournalReplay.read(peers.journal(), entry -> {}), Clock.systemUTC())) {
            journal.append(new JournalRecord.BoardChanged(new BoardEvent.TaskCreated(
                    "T1", hostile.text(), hostile.text(), "qa", List.of(), "qa", Instant.now())));
            journal.sync();
        }
        assertThat(run("board", "-C", tmp.toString())).isZero();
        HostileStrings.assertShownAfterUtf8(out.toString(), hostile, true);

        assertThat(run("board", "--json", "-C", tmp.toString())).isZero();
        assertThat(out.toString().chars().filter(c -> c < 0x20 && c != '\n'))
                .as("JSON escapes C0 controls, ESC included")
                .isEmpty();
        assertThat(Json.MAPPER
                        .readTree(out.toString())
                        .path("tasks")
                        .get(0)
                        .path("title")
                        .asText())
                .as("--json is escaped by JSON and stays exact")
                .isEqualTo(hostile.afterUtf8());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostile")
    void logsShowsWhatTheModelSaidDidAndGotAsEscapes(Hostile hostile) throws Exception {
        PeersDir peers = team();
        Files.writeString(peers.log("qa"), TrafficLogLines.carrying(hostile.afterUtf8())); // a log file is UTF-8

        assertThat(run("logs", "-C", tmp.toString(), "qa")).isZero();
        HostileStrings.assertShownAfterUtf8(out.toString(), hostile, false);
        assertThat(out.toString()).contains("qa uses Bash(");
    }

    // --- verbs that ask the coordinator ------------------------------------------------------------------------

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostile")
    void psAndTheAnswersOfTheOtherVerbsShowTheCoordinatorsTextsAsEscapes(Hostile hostile) throws Exception {
        String text = hostile.text();
        coordinatorAnswering(text);
        String repo = tmp.toString();
        for (String[] verb : new String[][] {
            {"ps"},
            {"assign", "qa", "test it"},
            {"send", "qa", "hello"},
            {"approve", "p1"},
            {"deny", "p1"},
            {"interrupt", "qa"},
        }) {
            String[] argv = new String[verb.length + 2];
            argv[0] = verb[0];
            argv[1] = "-C";
            argv[2] = repo;
            System.arraycopy(verb, 1, argv, 3, verb.length - 1);
            assertThat(run(argv)).as(String.join(" ", verb) + ": " + err).isZero();
            HostileStrings.assertShownAfterUtf8(out.toString(), hostile, false);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostile")
    void quickVerbsTypedInTheTeamAreRunByTheCoordinatorWithTheArgumentsExactAndItsTextsAsEscapes(Hostile hostile)
            throws Exception {
        String text = hostile.text();
        coordinatorAnswering(text);
        List<String[]> verbs = List.of(
                new String[] {"ps"},
                new String[] {"assign", "qa", text},
                new String[] {"send", "qa", text},
                new String[] {"approve", "p1"},
                new String[] {"deny", "p1", text},
                new String[] {"interrupt", "qa"});
        for (String[] verb : verbs) {
            out.getBuffer().setLength(0);
            err.getBuffer().setLength(0);
            int exit = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), ENVIRONMENT, tmp, verb);
            assertThat(exit).as(verb[0] + ": " + err).isZero();
            HostileStrings.assertShownAfterUtf8(out.toString(), hostile, false);
        }
        assertThat(verbsRun).as("every one went to the coordinator").hasSize(verbs.size());
        // exact as far as UTF-8 can carry them, as over any socket (a lone surrogate is no character)
        String sent = hostile.afterUtf8();
        assertThat(verbsRun.get(1).argv()).as("the arguments arrive exact").containsExactly("assign", "qa", sent);
        assertThat(asked)
                .as("and each asked the team exactly once, with the text exact")
                .containsExactly(
                        new ControlRequest.Ps(),
                        new ControlRequest.Assign("qa", sent),
                        new ControlRequest.Send("qa", sent),
                        new ControlRequest.Approve("p1", false),
                        new ControlRequest.Deny("p1", sent),
                        new ControlRequest.Interrupt("qa"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostile")
    void errorMessagesFromTheCoordinatorAndFromArgumentsAreShownAsEscapes(Hostile hostile) throws Exception {
        coordinatorAnswering(hostile.text());
        assertThat(run("board", "-C", tmp.toString())).isZero(); // the team is there
        assertThat(run("down", "-C", tmp.toString())).isEqualTo(ExitCodes.INVALID);
        HostileStrings.assertShownAfterUtf8(err.toString(), hostile, false);

        assertThat(run("logs", "-C", tmp.toString(), hostile.text())).isEqualTo(ExitCodes.INVALID);
        HostileStrings.assertShown(err.toString(), hostile, false);
        assertThat(out.toString()).isEmpty();
    }

    // --- validate ----------------------------------------------------------------------------------------------

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostile")
    void validateShowsTheFoldersATeamLivesInAndTheTextInItAsEscapes(Hostile hostile) throws Exception {
        Assumptions.assumeTrue(hostile.text().indexOf('\0') < 0, "a folder name cannot hold NUL");
        // the team file's folder, as a clone of someone's repository may be named: printed in every line about it
        Path repo = TestRepos.init(
                tmp.resolve("r-" + hostile.afterUtf8().replace('/', '_')).resolve("repo"));
        Hostile inFolder =
                new Hostile(hostile.name(), hostile.text(), hostile.shows().replace('/', '_'));
        Files.writeString(repo.resolve("team.yaml"), "roles:\n  lead: {prompt: \"You lead.\"}\n");
        run("validate", repo.resolve("team.yaml").toString()); // a folder with a line break in its name is refused
        HostileStrings.assertShownAfterUtf8(out.toString() + err, inFolder, false);

        Files.writeString(repo.resolve("bad.yaml"), "roles:\n  lead: {prompt: x, colour: 1}\n");
        assertThat(run("validate", repo.resolve("bad.yaml").toString())).isEqualTo(ExitCodes.INVALID);
        HostileStrings.assertShownAfterUtf8(err.toString(), inFolder, false);

        // in the file itself: refused (controls, bidi), or shown as escapes
        String text = HostileStrings.yamlQuoted(hostile.text());
        Files.writeString(repo.resolve("team.yaml"), """
                name: %s
                goal: %s
                roles:
                  lead:
                    description: %s
                    prompt: %s
                """.formatted(text, text, text, text));
        if (run("validate", repo.resolve("team.yaml").toString()) == ExitCodes.OK) {
            HostileStrings.assertShownAfterUtf8(out.toString(), hostile, false);
        }
        HostileStrings.assertInert(out.toString() + err, "\n");
    }

    // --- diff: a file's content --------------------------------------------------------------------------------

    @Test
    void diffShowsAFilesContentAsEscapes() throws Exception {
        TeamRepo team = new TeamRepo(tmp, "main", "backend");
        List<Hostile> texts = HostileStrings.all().stream()
                .filter(h -> h.text().indexOf('\0') < 0) // git would call the file binary and show none of it
                .toList();
        StringBuilder content = new StringBuilder();
        texts.forEach(h -> content.append(h.afterUtf8()).append('\n'));
        team.commit("backend", "hostile.txt", content.toString(), "a file a model wrote");

        assertThat(team.run("diff", "-C", team.repo.toString(), "backend")).isZero();
        String printed = team.out.toString();
        HostileStrings.assertInert(printed, "\n");
        for (Hostile hostile : texts) {
            HostileStrings.assertShownAfterUtf8(printed, hostile, false);
        }
    }

    // --- helpers -----------------------------------------------------------------------------------------------

    private PeersDir team() {
        PeersDir peers = PeersDir.of(tmp).create();
        new TeamInfo(
                        "demo",
                        "team.yaml",
                        tmp.toString(),
                        "abc",
                        tmp.resolve("worktrees").toString(),
                        "qa",
                        List.of(new TeamInfo.RoleInfo(
                                "qa",
                                true,
                                "peers/qa",
                                tmp.resolve("worktrees/qa").toString())))
                .write(peers.teamInfo());
        return peers;
    }

    /** A coordinator whose every answer carries {@code text} where it may carry text from elsewhere. */
    private void coordinatorAnswering(String text) throws Exception {
        PeersDir peers = team();
        server = ControlServer.start(peers.socket(), new ControlHandler() {
            @Override
            public CompletionStage<ControlResponse> handle(ControlRequest.Call<?> request) {
                if (request instanceof ControlRequest.Verb verb) { // as up's coordinator runs them
                    verbsRun.add(verb);
                    return new WarmVerbs(ENVIRONMENT).answer(verb, CoordinatorHere.of(peers.root(), this));
                }
                asked.add(request);
                return CompletableFuture.completedFuture(answer(request, text));
            }

            @Override
            public void subscribe(EventSink sink) {
                sink.close();
            }
        });
    }

    private static ControlResponse answer(ControlRequest.Call<?> request, String text) {
        return switch (request) {
            case ControlRequest.Ps ps ->
                new ControlResponse.Ok(new PsReply(
                        text,
                        Usd.ofDollars(0.1),
                        5,
                        List.of(new RoleRow(
                                "qa",
                                true,
                                SessionState.BUSY,
                                Usd.ofDollars(0.1),
                                0,
                                text,
                                text,
                                1L,
                                null,
                                "Bash(" + text + ")",
                                null,
                                List.of(new PendingPermission("p1", "qa", "Bash", "Bash(" + text + ")"))))));
            case ControlRequest.Assign assign ->
                new ControlResponse.Ok(new TaskView(
                        "T1", text, "", TaskStatus.ASSIGNED, "qa", List.of(text), "human", List.of(), false));
            case ControlRequest.Send send ->
                new ControlResponse.Ok(new SentMessages(List.of(new SentMessage("qa", text, SentMessage.Status.SENT))));
            case ControlRequest.Approve approve -> new ControlResponse.Ok(Decided.once("p1", text, true));
            case ControlRequest.Deny deny -> new ControlResponse.Ok(Decided.once("p1", text, false));
            case ControlRequest.Interrupt interrupt ->
                new ControlResponse.Ok(new Interrupted(text, false, SessionState.IDLE));
            default -> new ControlResponse.Error(ControlResponse.Error.BAD_REQUEST, "refused: " + text);
        };
    }
}
