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
import dev.peersteam.control.Stopping;
import dev.peersteam.control.TaskView;
import dev.peersteam.control.Usd;
import dev.peersteam.journal.Journal;
import dev.peersteam.journal.JournalRecord;
import dev.peersteam.journal.JournalReplay;
import dev.peersteam.json.Json;
import dev.peersteam.runtime.PeersDir;
import dev.peersteam.runtime.TeamInfo;
import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a person sees from each verb that asks the coordinator, run through {@link Main#run} against a control server
 * that answers with fixed replies. The writers buffer like {@link Main#main}'s (a {@code PrintWriter} on a stream): a
 * verb that prints without flushing shows nothing here either.
 */
class VerbOutputTest {
    @TempDir
    Path repo;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final BlockingQueue<ControlRequest> asked = new LinkedBlockingQueue<>();
    private Function<ControlRequest.Call<?>, ControlResponse> answers = VerbOutputTest::answer;
    private ControlServer server;
    /** Quick verbs' command lines the coordinator ran, and how many were typed. */
    final AtomicInteger verbsRun = new AtomicInteger();

    int quickVerbsTyped;

    boolean coordinatorRunning = true;

    @BeforeEach
    void aTeamIsRunning() throws Exception {
        PeersDir peers = PeersDir.of(repo).create();
        new TeamInfo(
                        "shop",
                        "team.yaml",
                        repo.toString(),
                        "abc",
                        repo.resolve("worktrees").toString(),
                        "lead",
                        List.of(
                                new TeamInfo.RoleInfo(
                                        "lead",
                                        true,
                                        "peers/lead",
                                        repo.resolve("worktrees/lead").toString()),
                                new TeamInfo.RoleInfo(
                                        "qa",
                                        false,
                                        "peers/qa",
                                        repo.resolve("worktrees/qa").toString())))
                .write(peers.teamInfo());
        server = ControlServer.start(peers.socket(), new ControlHandler() {
            @Override
            public CompletionStage<ControlResponse> handle(ControlRequest.Call<?> request) {
                if (request instanceof ControlRequest.Verb verb) { // as up's coordinator runs them
                    verbsRun.incrementAndGet();
                    return new WarmVerbs(System.getenv()).answer(verb, CoordinatorHere.of(peers.root(), this));
                }
                asked.add(request);
                return CompletableFuture.completedFuture(answers.apply(request));
            }

            @Override
            public void subscribe(EventSink sink) {
                sink.close();
            }
        });
    }

    @AfterEach
    void stop() {
        server.close();
    }

    /**
     * Whether verbs are typed in the team's folder, so that the quick ones are run by the coordinator
     * ({@link WarmVerbs}), rather than given {@code -C DIR} from elsewhere, which runs them here.
     */
    boolean typedInTheTeam() {
        return false;
    }

    private int run(String... args) {
        out.reset();
        err.reset();
        if (typedInTheTeam()) {
            if (coordinatorRunning && WarmVerbs.NAMES.contains(args[0])) {
                quickVerbsTyped++;
            }
            return Main.run(
                    new PrintWriter(out, true, StandardCharsets.UTF_8),
                    new PrintWriter(err, true, StandardCharsets.UTF_8),
                    System.getenv(),
                    repo,
                    args);
        }
        String[] argv = new String[args.length + 2];
        argv[0] = args[0];
        argv[1] = "-C";
        argv[2] = repo.toString();
        System.arraycopy(args, 1, argv, 3, args.length - 1);
        // as Main.main builds them: println flushes, print does not
        return Main.run(
                new PrintWriter(out, true, StandardCharsets.UTF_8),
                new PrintWriter(err, true, StandardCharsets.UTF_8),
                argv);
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    private static ControlResponse answer(ControlRequest.Call<?> request) {
        return new ControlResponse.Ok(
                switch (request) {
                    case ControlRequest.Ps ps -> ps();
                    case ControlRequest.Assign assign ->
                        new TaskView(
                                "T3",
                                assign.text(),
                                "",
                                TaskStatus.ASSIGNED,
                                assign.role(),
                                assign.after(),
                                "human",
                                List.of(),
                                assign.after().isEmpty());
                    case ControlRequest.Send send ->
                        new SentMessages(List.of(
                                new SentMessage("lead", "m-1", SentMessage.Status.SENT),
                                new SentMessage("qa", "m-2", SentMessage.Status.QUEUED)));
                    case ControlRequest.Interrupt interrupt ->
                        new Interrupted(interrupt.role(), interrupt.role().equals("qa"), SessionState.IDLE);
                    case ControlRequest.Approve approve ->
                        approve.always()
                                ? new Decided(
                                        approve.requestId(),
                                        "qa",
                                        true,
                                        List.of("Bash(npm test)"),
                                        "approved always: Bash(npm test)")
                                : Decided.once(approve.requestId(), "qa", true);
                    case ControlRequest.Deny deny -> Decided.once(deny.requestId(), "qa", false);
                    case ControlRequest.Down down -> Stopping.now();
                    default -> throw new AssertionError("not asked by these tests: " + request);
                });
    }

    /** Two roles; the costs are what a sum in doubles would show as 0.41000000000000003. */
    private static PsReply ps() {
        return new PsReply(
                "shop",
                Usd.ofDollars(0.1).plus(Usd.ofDollars(0.31)),
                75,
                List.of(
                        new RoleRow(
                                "lead",
                                true,
                                SessionState.IDLE,
                                Usd.ofDollars(0.1),
                                0,
                                null,
                                null,
                                101L,
                                "s-lead",
                                null,
                                null,
                                List.of()),
                        new RoleRow(
                                "qa",
                                false,
                                SessionState.BUSY,
                                Usd.ofDollars(0.31),
                                2,
                                "T1",
                                "Test it",
                                102L,
                                "s-qa",
                                "Bash(npm test)",
                                null,
                                List.of(new PendingPermission("p1", "qa", "Bash", "Bash(rm -rf build)")))));
    }

    @Test
    void psShowsATableOfTheRolesWhatWaitsAndTheTeamsCost() {
        assertThat(run("ps")).isZero();
        assertThat(out()).isEqualTo("""
                        ROLE         STATE      TASK        COST QUEUED      PID  LAST TOOL
                        lead*        idle       -        $0.1000      0      101 \s
                        qa           busy       T1       $0.3100      2      102  Bash(npm test)
                            waiting for you: p1 Bash(rm -rf build)  (peers-team approve|deny p1)
                        team shop: $0.4100 in 75s (* = lead)
                        """);
        assertThat(err()).isEmpty();
    }

    @Test
    void psShowsWhereEachRoleRunsOnlyForATeamWithRolesOnOtherHosts() {
        RoleRow here = new RoleRow(
                "lead",
                true,
                SessionState.IDLE,
                Usd.ZERO,
                null,
                0,
                null,
                null,
                101L,
                "s-lead",
                null,
                null,
                List.of(),
                null,
                null);
        RoleRow there = new RoleRow(
                "worker",
                false,
                SessionState.BUSY,
                Usd.ZERO,
                null,
                1,
                "T1",
                "Build",
                102L,
                "s-w",
                "Bash(make)",
                null,
                List.of(),
                null,
                "me@build-1");

        assertThat(PsCommand.render(new PsReply("far", Usd.ZERO, 5, List.of(here, there))))
                .startsWith("""
                        ROLE         STATE      TASK        COST QUEUED      PID  HOST       LAST TOOL
                        lead*        idle       -        $0.0000      0      101  local     \s
                        worker       busy       T1       $0.0000      1      102  me@build-1 Bash(make)
                        """);
        assertThat(PsCommand.render(new PsReply("near", Usd.ZERO, 5, List.of(here))))
                .as("no HOST column when every role runs here")
                .startsWith("ROLE         STATE      TASK        COST QUEUED      PID  LAST TOOL\n");
    }

    @Test
    void psJsonNamesTheHostOfARemoteRoleOnly() throws Exception {
        RoleRow there = new RoleRow(
                "worker",
                false,
                SessionState.IDLE,
                Usd.ZERO,
                null,
                0,
                null,
                null,
                null,
                null,
                null,
                null,
                List.of(),
                null,
                "build-1");
        String json = Json.MAPPER.writeValueAsString(
                new PsReply("far", Usd.ZERO, 5, List.of(ps().roles().getFirst(), there)));
        assertThat(json).contains("\"host\":\"build-1\"");
        assertThat(json.split("\"host\"", -1))
                .as("one host key, for the remote role")
                .hasSize(2);
    }

    @Test
    void psJsonIsTheReplyWithItsWireKeysAndExactCosts() {
        assertThat(run("ps", "--json")).isZero();
        assertThat(out())
                .contains("\"team\" : \"shop\"")
                .contains("\"cost_usd\" : 0.41,")
                .contains("\"uptime_s\" : 75")
                .contains("\"task_title\" : \"Test it\"")
                .contains("\"last_tool\" : \"Bash(npm test)\"")
                .doesNotContain("0.41000000000000003");
    }

    @Test
    void assignSaysWhichTaskWentToWhomAndWhatItWaitsFor() {
        assertThat(run("assign", "qa", "test", "the", "login")).isZero();
        assertThat(out()).isEqualTo("T3 assigned to qa: test the login\n");
        assertThat(run("assign", "qa", "test it", "--after", "T1", "--after", "T2"))
                .isZero();
        assertThat(out()).isEqualTo("T3 assigned to qa (after T1, T2): test it\n");
    }

    @Test
    void sendSaysForEachRoleWhetherTheMessageWentOutOrWaits() {
        assertThat(run("send", "all", "stand-up")).isZero();
        assertThat(out()).isEqualTo("sent to lead (message m-1)\nqueued to qa (message m-2)\n");
    }

    @Test
    void interruptSaysWhetherThereWasATurnToStop() {
        assertThat(run("interrupt", "qa")).isZero();
        assertThat(out()).isEqualTo("interrupted qa\n");
        assertThat(run("interrupt", "lead")).isZero();
        assertThat(out()).isEqualTo("lead is idle; there was no turn to interrupt\n");
    }

    @Test
    void approveAndDenyNameTheRequestAndItsRole() {
        assertThat(run("approve", "p1")).isZero();
        assertThat(out()).isEqualTo("approved p1 for qa\n");
        assertThat(run("approve", "p1", "--always")).isZero();
        assertThat(out()).isEqualTo("approved p1 for qa (approved always: Bash(npm test))\n");
        assertThat(run("deny", "p1", "not", "here")).isZero();
        assertThat(out()).isEqualTo("denied p1 for qa\n");
        assertThat(asked).contains(new ControlRequest.Deny("p1", "not here"));
    }

    @Test
    void downSaysItStopsAndThatTheTeamHasStopped() {
        // no coordinator holds the lock here, so the wait for its exit ends at once
        assertThat(run("down")).isZero();
        assertThat(out()).isEqualTo("stopping the team ...\nthe team has stopped\n");
        assertThat(asked).contains(new ControlRequest.Down(false));
    }

    @Test
    void boardShowsTheTableFromTheJournalAndItsJsonHasExactKeys() throws Exception {
        PeersDir peers = PeersDir.of(repo);
        Instant at = Instant.parse("2026-01-02T03:04:05Z");
        try (Journal journal =
                Journal.open(peers.journal(), JournalReplay.read(peers.journal(), entry -> {}), Clock.systemUTC())) {
            journal.append(new JournalRecord.BoardChanged(
                    new BoardEvent.TaskCreated("T1", "Build the API", "", "lead", List.of(), "human", at)));
            journal.append(new JournalRecord.BoardChanged(
                    new BoardEvent.TaskCreated("T2", "Test it", "", "qa", List.of("T1"), "lead", at)));
            journal.sync();
        }
        assertThat(run("board")).isZero();
        assertThat(out()).isEqualTo("""
                        ID  STATUS    ASSIGNEE  TITLE          DEPS
                        T1  assigned  lead      Build the API
                        T2  assigned  qa        Test it        T1*
                        2 tasks: 2 assigned
                        """);
        assertThat(run("board", "--json")).isZero();
        assertThat(out())
                .contains("\"depends_on\" : [ \"T1\" ]")
                .contains("\"created_by\" : \"lead\"")
                .contains("\"ready\" : false");
    }

    @Test
    void anErrorAnswerIsTheMessageOnStderrWithItsExitCode() {
        answers = request -> new ControlResponse.Error(
                ControlResponse.Error.UNKNOWN_ROLE, "team shop has no role 'ux'; its roles are lead, qa");
        assertThat(run("interrupt", "ux")).isEqualTo(ExitCodes.INVALID);
        assertThat(out()).isEmpty();
        assertThat(err()).isEqualTo("peers-team: team shop has no role 'ux'; its roles are lead, qa\n");
    }

    @Test
    void withoutACoordinatorEveryVerbSaysHowToStartOne() {
        server.close();
        coordinatorRunning = false;
        for (String[] verb : new String[][] {{"ps"}, {"send", "qa", "x"}, {"interrupt", "qa"}, {"down"}}) {
            assertThat(run(verb)).as(verb[0]).isEqualTo(ExitCodes.NO_COORDINATOR);
            assertThat(out()).isEmpty();
            assertThat(err()).as(verb[0]).contains("no coordinator is running").contains("peers-team up team.yaml");
        }
    }
}
