package dev.peersteam.coordinator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.peersteam.control.ControlRequest;
import dev.peersteam.control.ControlResponse;
import dev.peersteam.control.SessionState;
import dev.peersteam.control.TeamEvent;
import dev.peersteam.git.ChangeSet;
import dev.peersteam.git.ChangedPath;
import dev.peersteam.journal.JournalEntry;
import dev.peersteam.journal.JournalRecord;
import dev.peersteam.protocol.HostMessage;
import dev.peersteam.protocol.HostRequest;
import dev.peersteam.team.TeamSpec;
import dev.peersteam.testing.TestTeams;
import dev.peersteam.tools.ToolResult;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The delivery guarantees under the faults that broke them: a resumed session that already has a message, a crash
 * between the CLI taking a message and the journal saying so, drops and refusals by the CLI, roles that are gone,
 * reminders answered with notes, git that fails, a journal that cannot be written. Each test names what it breaks.
 */
class ExactlyOnceTest {
    @TempDir
    Path dir;

    private static final Coordinator.Settings HEADLESS = Coordinator.Settings.headless();
    private static final Coordinator.Settings UNTIL_DONE = new Coordinator.Settings(false, true);

    private TeamSpec team(String... roles) {
        return TestTeams.team(dir, null, roles);
    }

    private LoopHarness started(Coordinator.Settings settings, String... roles) {
        LoopHarness loop = new LoopHarness(dir).start(team(roles), settings, Recovery.none());
        for (String role : roles) {
            loop.ready(role);
        }
        return loop;
    }

    private static String sessionOf(LoopHarness loop, String role) {
        return loop.journaled().stream()
                .filter(r ->
                        r instanceof JournalRecord.SessionLaunched l && l.role().equals(role))
                .map(r -> ((JournalRecord.SessionLaunched) r).sessionId())
                .reduce((a, b) -> b)
                .orElseThrow();
    }

    @Test
    void aMessageTheSessionAlreadyHadIsDeliveredOnCompletedWithoutStartedAndTheTeamDoesNotHang() throws Exception {
        LoopHarness loop = new LoopHarness(dir).start(team("lead", "api"), UNTIL_DONE, Recovery.none());
        loop.ready("lead");
        loop.toolCall("lead", "c1", "create_task", "{\"title\":\"Build\",\"assignee\":\"api\"}");
        loop.ready("api");
        String task = loop.prompts("api").getFirst().uuid();

        loop.lifecycle("api", task, "completed"); // a resumed CLI that had this uuid: no turn runs for it

        assertThat(loop.journaled()).contains(new JournalRecord.MessageDelivered(task, "api"));
        String reminder = loop.prompts("api").getLast().uuid();
        assertThat(reminder).as("idle again at once: reminded of its task").isNotEqualTo(task);
        loop.lifecycle("api", reminder, "started");
        loop.toolCall("api", "u1", "update_task", "{\"id\":\"T1\",\"status\":\"done\",\"note\":\"built\"}");
        loop.turnEnds("api", 0.2);
        loop.handles("lead", loop.prompts("lead").getLast().uuid(), 0.1); // T1's end, told to the lead
        assertThat(loop.coordinator.phase())
                .as("nothing is left in flight: the until-done team ends")
                .isEqualTo(new TeamPhase.Stopping("every task is done", Coordinator.Outcome.DONE, false));
    }

    @Test
    void aMessageTheTranscriptShowsIsNotSentAgainAndTheSessionIsToldItsTurnWasCut() throws Exception {
        LoopHarness first = started(HEADLESS, "lead", "api");
        first.toolCall("lead", "r1", "send_message", "{\"to\":\"api\",\"text\":\"build the API\"}");
        String id = first.prompts("api").getFirst().uuid();
        // The CLI took it and wrote it to its transcript; the coordinator died before journaling "delivered".
        String apiSession = sessionOf(first, "api");
        first.history = (role, session, cwd) -> role.equals("api") && session.equals(apiSession)
                ? new SessionHistory.Found.Present(Set.of(id))
                : new SessionHistory.Found.Unknown();

        LoopHarness second = first.restart(team("lead", "api"), HEADLESS);
        second.ready("api");

        assertThat(second.launches).contains("api:" + apiSession);
        assertThat(second.prompts("api"))
                .as("not written again")
                .noneMatch(m -> m.uuid().equals(id));
        assertThat(second.journaled()).contains(new JournalRecord.MessageDelivered(id, "api"));
        assertThat(second.promptTexts("api"))
                .singleElement()
                .satisfies(text -> assertThat(text)
                        .startsWith("[from peers-team] Your session was restarted")
                        .contains("[from lead · " + id + "]"));
    }

    @Test
    void aMessageTheTranscriptLacksIsSentAgainWithItsOwnId() throws Exception {
        LoopHarness first = started(HEADLESS, "lead", "api");
        first.control((new ControlRequest.Send("api", "one")));
        String id = first.prompts("api").getFirst().uuid();
        first.history = (role, session, cwd) -> new SessionHistory.Found.Present(Set.of());

        LoopHarness second = first.restart(team("lead", "api"), HEADLESS);
        second.ready("api");

        assertThat(second.prompts("api"))
                .singleElement()
                .satisfies(m -> assertThat(m.uuid()).isEqualTo(id));
    }

    @Test
    void aSessionWithoutATranscriptIsNotResumedButStartedAnewWithItsMessages() throws Exception {
        LoopHarness first = started(HEADLESS, "lead", "api");
        first.control((new ControlRequest.Send("api", "one")));
        first.history = (role, session, cwd) -> new SessionHistory.Found.Absent();

        LoopHarness second = first.restart(team("lead", "api"), HEADLESS);
        second.ready("api");

        assertThat(second.launches).containsExactly("lead:null", "api:null");
        assertThat(second.promptTexts("api")).containsExactly("[from human] one");
    }

    @Test
    void aTurnTheJournalSawStartAndNeverEndIsToldToTheResumedSession() throws Exception {
        LoopHarness first = started(HEADLESS, "lead", "api");
        first.control(new ControlRequest.Send("api", "build it"));
        String id = first.prompts("api").getFirst().uuid();
        first.lifecycle("api", id, "started");

        LoopHarness second = first.restart(team("lead", "api"), HEADLESS);
        second.ready("api");

        assertThat(second.prompts("api")).noneMatch(m -> m.uuid().equals(id));
        assertThat(second.promptTexts("api"))
                .singleElement()
                .satisfies(text -> assertThat(text).contains("[from human · " + id + "]"));
    }

    @Test
    void aTurnThatEndedWellIsNotToldAgain() throws Exception {
        LoopHarness first = started(HEADLESS, "lead", "api");
        first.control(new ControlRequest.Send("api", "build it"));
        first.handles("api", first.prompts("api").getFirst().uuid(), 0.1);

        LoopHarness second = first.restart(team("lead", "api"), HEADLESS);
        second.ready("api");

        assertThat(second.prompts("api")).isEmpty();
    }

    @Test
    void aMessageTheCliDropsIsWrittenAgainThenGivenUpAndTheSenderIsTold() throws Exception {
        LoopHarness loop = started(HEADLESS, "lead", "api");
        loop.toolCall("lead", "r1", "send_message", "{\"to\":\"api\",\"text\":\"x\"}");
        String id = loop.prompts("api").getFirst().uuid();
        for (int drop = 1; drop < Messenger.MAX_DROPS; drop++) {
            loop.lifecycle("api", id, drop % 2 == 0 ? "discarded" : "cancelled");
            assertThat(loop.prompts("api")).as("written again").hasSize(drop + 1);
        }
        loop.lifecycle("api", id, "cancelled");

        assertThat(loop.prompts("api")).hasSize(Messenger.MAX_DROPS);
        assertThat(loop.journaled())
                .anySatisfy(r -> assertThat(r)
                        .isInstanceOfSatisfying(
                                JournalRecord.MessageFailed.class,
                                f -> assertThat(f.id()).isEqualTo(id)));
        assertThat(loop.toolResult("lead", "r1").path("body").path("status").asText())
                .isEqualTo("failed");
        assertThat(loop.recovered().undelivered())
                .as("not sent again by the next run")
                .isEmpty();
    }

    @Test
    void aRefusedMessageIsGivenUp() throws Exception {
        LoopHarness loop = started(HEADLESS, "lead", "api");
        loop.toolCall("lead", "r1", "send_message", "{\"to\":\"api\",\"text\":\"x\"}");
        loop.lifecycle("api", loop.prompts("api").getFirst().uuid(), "refused");

        assertThat(loop.toolResult("lead", "r1").path("body").path("status").asText())
                .isEqualTo("failed");
        assertThat(loop.prompts("api")).hasSize(1);
    }

    @Test
    void anUnknownLifecycleStateIsReportedOnceAndTheMessageStaysOnItsWay() throws Exception {
        LoopHarness loop = started(HEADLESS, "lead", "api");
        loop.control((new ControlRequest.Send("api", "x")));
        String id = loop.prompts("api").getFirst().uuid();
        loop.lifecycle("api", id, "teleported");
        loop.lifecycle("api", id, "teleported");
        loop.lifecycle("api", id, "started");

        assertThat(loop.events)
                .filteredOn(e -> e instanceof TeamEvent.Warning w && w.text().contains("teleported"))
                .hasSize(1);
        assertThat(loop.journaled()).contains(new JournalRecord.MessageDelivered(id, "api"));
    }

    @Test
    void aTaskOfARoleNoLongerInTheTeamGoesBackToTheLeadUnassigned() throws Exception {
        LoopHarness first = started(HEADLESS, "lead", "api", "old");
        first.toolCall("lead", "c1", "create_task", "{\"title\":\"Migrate\",\"assignee\":\"old\"}");

        LoopHarness second = first.restart(team("lead", "api"), HEADLESS); // "old" was removed from the team file
        second.ready("lead");
        second.ready("api");

        JsonAssert.task(second.control(new ControlRequest.Board()), "T1", "todo", null);
        assertThat(second.promptTexts("lead"))
                .anySatisfy(text -> assertThat(text)
                        .startsWith("[from board] old is not in the team file any more")
                        .contains("T1"));
        assertThat(second.coordinator.outcome()).isNull();
    }

    @Test
    void aRoleThatAnswersEachReminderWithANoteIsRemindedOnceAndUntilDoneEndsStuck() throws Exception {
        LoopHarness loop = new LoopHarness(dir).start(team("lead", "api"), UNTIL_DONE, Recovery.none());
        loop.ready("lead");
        loop.toolCall("lead", "c1", "create_task", "{\"title\":\"Build\",\"assignee\":\"api\"}");
        loop.ready("api");
        loop.handles("api", loop.prompts("api").getFirst().uuid(), 0.1); // the task; a turn that forgets it
        for (int turn = 1; turn <= 5 && loop.coordinator.outcome() == null; turn++) {
            List<HostMessage.UserMessage> prompts = loop.prompts("api");
            HostMessage.UserMessage last = prompts.getLast();
            loop.lifecycle("api", last.uuid(), "started");
            loop.toolCall("api", "n" + turn, "update_task", "{\"id\":\"T1\",\"note\":\"still waiting\"}");
            loop.turnEnds("api", 0.1 + turn);
        }
        assertThat(loop.promptTexts("api"))
                .filteredOn(t -> t.startsWith("[from board] Reminder"))
                .as("its own notes are no news")
                .hasSize(1);
        assertThat(((TeamPhase.Stopping) loop.coordinator.phase()).outcome()).isEqualTo(Coordinator.Outcome.STUCK);
    }

    @Test
    void aMergeThatFailsInGitIsAnsweredWithTheReason() throws Exception {
        LoopHarness loop = new LoopHarness(dir);
        loop.repository = new RepositoryView() {
            @Override
            public Optional<ChangeSet> changes(String role) {
                return Optional.of(new ChangeSet(role, "base", "head", List.of()));
            }

            @Override
            public String summary(String role, ChangedPath change) {
                return "";
            }

            @Override
            public ToolResult merge(String role, String into) {
                throw new IllegalStateException("fatal: invalid reference: " + into);
            }
        };
        loop.start(team("lead", "api"), HEADLESS, Recovery.none());
        loop.ready("lead");
        loop.backgroundFinishes();
        loop.toolCall("lead", "m1", "merge", "{\"role\":\"api\",\"into\":\"no-such-branch\"}");
        assertThat(loop.ch("lead").answersTo("m1")).as("git is still working").isEmpty();
        loop.backgroundFinishes();

        assertThat(loop.toolResult("lead", "m1").path("body").asText())
                .contains("merging peers/api into no-such-branch failed")
                .contains("invalid reference: no-such-branch");
    }

    @Test
    void nothingLeavesTheLoopWhenTheJournalCannotBeWritten() throws Exception {
        LoopHarness loop = started(HEADLESS, "lead", "api");
        loop.journal.close(); // every sync from now on fails
        CompletableFuture<ControlResponse> reply = loop.ask(new ControlRequest.Send("api", "lost?"));
        loop.step();

        assertThat(reply.getNow(null))
                .as("the person hears of the failure")
                .isInstanceOfSatisfying(
                        ControlResponse.Error.class,
                        e -> assertThat(e.message()).contains("cannot write the journal"));
        assertThat(loop.prompts("api"))
                .as("no agent got what the journal does not hold")
                .isEmpty();
        assertThat(loop.ch("api").terminated).as("the sessions are ended").isTrue();
        loop.ch("lead").exits(143);
        loop.ch("api").exits(143);
        loop.step();
        assertThat(loop.coordinator.outcome()).isEqualTo(Coordinator.Outcome.FAILED);
    }

    @Test
    void theEndOfASessionsInputLeavesOnlyAfterTheRecordThatExplainsIt() throws Exception {
        TeamSpec team = new TeamSpec(
                dir.resolve("team.yaml"),
                "t",
                dir,
                null,
                dir.resolve("worktrees"),
                null,
                null,
                List.of(),
                List.of(),
                List.of(
                        TestTeams.role("lead", true, List.of()),
                        new dev.peersteam.team.RoleSpec(
                                "api",
                                false,
                                "",
                                null,
                                dev.peersteam.team.AgentKind.CLAUDE,
                                null,
                                "acceptEdits",
                                List.of(),
                                null,
                                0.5)));
        LoopHarness loop = new LoopHarness(dir).start(team, HEADLESS, Recovery.none());
        loop.ready("lead");
        loop.ready("api");
        loop.turnStarts("api");
        loop.turnEnds("api", 0.6); // over its budget

        assertThat(loop.ch("api").inputClosed).isTrue();
        assertThat(loop.journaled())
                .as("durable by the time the input closed")
                .anySatisfy(r -> assertThat(r).isInstanceOf(JournalRecord.RoleStopped.class));
    }

    @Test
    void aMessageToARoleThatIsStoppingIsRefusedNotPromised() throws Exception {
        LoopHarness loop = started(HEADLESS, "lead", "api");
        loop.control(new ControlRequest.Down(false));
        loop.toolCall("lead", "r1", "send_message", "{\"to\":\"api\",\"text\":\"x\"}");

        assertThat(loop.ch("lead").answersTo("r1"))
                .as("the team is stopping: the call was answered before lead's input closed")
                .hasSize(1);
        assertThat(loop.prompts("api")).isEmpty();
    }

    @Test
    void openToolCallsAreAnsweredBeforeTheInputCloses() throws Exception {
        LoopHarness loop = new LoopHarness(dir);
        loop.repository = new RepositoryView() {
            @Override
            public Optional<ChangeSet> changes(String role) {
                return Optional.of(new ChangeSet(role, "base", "head", List.of()));
            }

            @Override
            public String summary(String role, ChangedPath change) {
                return "";
            }

            @Override
            public ToolResult merge(String role, String into) {
                return new ToolResult("Merged", false);
            }
        };
        loop.start(team("lead", "api"), HEADLESS, Recovery.none());
        loop.ready("lead");
        loop.ready("api");
        loop.backgroundFinishes();
        loop.toolCall("lead", "m1", "merge", "{\"role\":\"api\"}");
        loop.control(new ControlRequest.Down(false));

        assertThat(loop.toolResult("lead", "m1").path("body").asText()).contains("the team is stopping");
        int answer =
                loop.ch("lead").sent.indexOf(loop.ch("lead").answersTo("m1").getFirst());
        assertThat(answer).isGreaterThanOrEqualTo(0);
        assertThat(loop.ch("lead").inputClosed).isTrue();
        loop.backgroundFinishes();
        assertThat(loop.ch("lead").answersTo("m1")).as("still only one answer").hasSize(1);
    }

    @Test
    void everyLaunchIsJournaledWithItsPidAndAResumeKeepsTheSession() throws Exception {
        LoopHarness loop = started(HEADLESS, "lead", "api");
        String session = sessionOf(loop, "api");
        loop.ch("api").exits(1);
        loop.step();
        loop.timersPass();

        List<JournalRecord.SessionLaunched> launches = loop.journaled().stream()
                .filter(r ->
                        r instanceof JournalRecord.SessionLaunched l && l.role().equals("api"))
                .map(JournalRecord.SessionLaunched.class::cast)
                .toList();
        assertThat(launches).hasSize(2);
        assertThat(launches.get(1).resumed()).isTrue();
        assertThat(launches.get(1).sessionId()).isEqualTo(session);
        assertThat(launches.get(1).pid()).isNotEqualTo(launches.get(0).pid());
        assertThat(loop.recovered().launches())
                .filteredOn(l -> l.role().equals("api"))
                .singleElement()
                .satisfies(l -> assertThat(l.pid()).isEqualTo(launches.get(1).pid()));
    }

    @Test
    void aRoleWhoseRestartsCannotLaunchEndsAsCrashedAndTheTeamEndsWhenNobodyRuns() throws Exception {
        LoopHarness loop = started(HEADLESS, "api");
        loop.ch("api").exits(1);
        loop.step();
        for (int attempt = 0;
                attempt < SessionSupervisor.MAX_CRASHES && loop.coordinator.outcome() == null;
                attempt++) {
            loop.nextStartFails = new IllegalStateException("no such program");
            loop.timersPass();
        }
        assertThat(loop.events)
                .anySatisfy(e -> assertThat(e)
                        .isInstanceOfSatisfying(
                                TeamEvent.StateChanged.class,
                                s -> assertThat(s.state()).isEqualTo(SessionState.CRASHED)));
        assertThat(loop.coordinator.outcome()).isEqualTo(Coordinator.Outcome.ALL_SESSIONS_ENDED);
    }

    @Test
    void theOpenTasksOfARoleThatCrashedForGoodGoBackToTheLead() throws Exception {
        LoopHarness loop = started(HEADLESS, "lead", "api");
        loop.toolCall("lead", "c1", "create_task", "{\"title\":\"Build\",\"assignee\":\"api\"}");
        for (int crash = 0; crash <= SessionSupervisor.MAX_CRASHES; crash++) {
            loop.ch("api").exits(1);
            loop.step();
            loop.timersPass();
        }
        JsonAssert.task(loop.control(new ControlRequest.Board()), "T1", "todo", null);
        assertThat(loop.promptTexts("lead"))
                .anySatisfy(t -> assertThat(t).startsWith("[from board] api ").contains("T1"));
    }

    @Test
    void aFailureInTheLoopStopsTheTeamInOrder() throws Exception {
        LoopHarness loop = started(HEADLESS, "lead", "api");
        loop.coordinator.post(new Event.Completed("a step with a bug", () -> {
            throw new IllegalStateException("boom");
        }));
        loop.step();

        assertThat(loop.events)
                .anySatisfy(e -> assertThat(e)
                        .isInstanceOfSatisfying(
                                TeamEvent.Warning.class,
                                w -> assertThat(w.text()).contains("boom").contains("peers-team up' resumes")));
        assertThat(loop.ch("lead").inputClosed).isTrue();
        assertThat(loop.ch("api").inputClosed).isTrue();
        loop.ch("lead").exits(0);
        loop.ch("api").exits(0);
        loop.step();
        assertThat(loop.coordinator.outcome()).isEqualTo(Coordinator.Outcome.FAILED);
    }

    @Test
    void theInterruptOfAStopGoesBeforeTheEndOfInput() throws Exception {
        LoopHarness loop = started(HEADLESS, "lead", "api");
        loop.turnStarts("api");
        loop.control((new ControlRequest.Down(false)));
        assertThat(loop.ch("api")
                        .sentOf(HostMessage.ControlRequest.class)
                        .getLast()
                        .request())
                .isInstanceOf(HostRequest.Interrupt.class);
        assertThat(loop.ch("api").inputClosed).isTrue();
    }

    @Test
    void aMessageOfTheCutTurnThatTheTranscriptLacksIsSentAgainWithItsId() throws Exception {
        LoopHarness first = started(HEADLESS, "lead", "api");
        first.control(new ControlRequest.Send("api", "build it"));
        String id = first.prompts("api").getFirst().uuid();
        first.lifecycle("api", id, "started"); // journaled delivered; then the CLI is SIGKILLed before its write
        first.history = (role, session, cwd) -> new SessionHistory.Found.Present(Set.of());

        LoopHarness second = first.restart(team("lead", "api"), HEADLESS);
        second.ready("api");

        assertThat(second.prompts("api"))
                .as("the session lost it: sent again, and no notice about a turn it does not remember")
                .singleElement()
                .satisfies(m -> assertThat(m.uuid()).isEqualTo(id));
    }

    @Test
    void aCrashedSessionWithoutATranscriptStartsAnewWithItsCutWork() throws Exception {
        LoopHarness loop = started(HEADLESS, "lead", "api");
        loop.control(new ControlRequest.Send("api", "build it"));
        String id = loop.prompts("api").getFirst().uuid();
        loop.lifecycle("api", id, "started");
        loop.history = (role, session, cwd) -> new SessionHistory.Found.Absent();
        loop.ch("api").exits(137); // killed before it wrote anything
        loop.step();
        loop.timersPass();
        loop.ready("api");

        assertThat(loop.launches).containsExactly("lead:null", "api:null", "api:null");
        assertThat(loop.prompts("api"))
                .singleElement()
                .satisfies(m -> assertThat(m.uuid()).isEqualTo(id));
    }

    @Test
    void aTurnThatEndedWellButWhoseRecordTheSessionLostIsSentAgainAfterAWarning() throws Exception {
        LoopHarness loop = started(HEADLESS, "lead", "api");
        loop.control(new ControlRequest.Send("api", "build it"));
        String id = loop.prompts("api").getFirst().uuid();
        loop.handles("api", id, 0.1); // a whole turn, then SIGKILL before the CLI wrote it to its transcript
        loop.history = (role, session, cwd) -> new SessionHistory.Found.Present(Set.of());
        loop.ch("api").exits(137);
        loop.step();
        loop.timersPass();
        loop.ready("api");

        List<HostMessage.UserMessage> prompts = loop.prompts("api");
        assertThat(prompts).hasSize(2);
        assertThat(dev.peersteam.testing.ScriptedChannel.unframed(prompts.get(0).text()))
                .as("first the warning, so that it checks before it acts again")
                .startsWith("[from peers-team] Your session was restarted and lost its record of its last turn")
                .contains("[from human · " + id + "]");
        assertThat(prompts.get(1).uuid())
                .as("then the message, with its own id")
                .isEqualTo(id);
    }

    @Test
    void aTurnThatEndedWellAndIsInTheTranscriptIsNotSentAgain() throws Exception {
        LoopHarness first = started(HEADLESS, "lead", "api");
        first.control(new ControlRequest.Send("api", "build it"));
        String id = first.prompts("api").getFirst().uuid();
        first.handles("api", id, 0.1);
        first.history = (role, session, cwd) -> new SessionHistory.Found.Present(Set.of(id));

        LoopHarness second = first.restart(team("lead", "api"), HEADLESS);
        second.ready("api");

        assertThat(second.prompts("api")).isEmpty();
    }

    @Test
    void theGoalIsJournaledBeforeAnySessionIsLaunched() throws Exception {
        LoopHarness loop =
                new LoopHarness(dir).start(TestTeams.team(dir, "ship it", "lead", "api"), HEADLESS, Recovery.none());
        List<JournalRecord> journaled = loop.journaled();
        int goal = journaled.indexOf(journaled.stream()
                .filter(r -> r instanceof JournalRecord.MessagePosted)
                .findFirst()
                .orElseThrow());
        int firstLaunch = journaled.indexOf(journaled.stream()
                .filter(r -> r instanceof JournalRecord.SessionLaunched)
                .findFirst()
                .orElseThrow());
        assertThat(goal)
                .as("a run that dies after its first launch is not fresh: the goal must be there")
                .isLessThan(firstLaunch);
    }

    @Test
    void everyTurnThatEndedWellSinceTheTranscriptWasLastCheckedIsCheckedNotOnlyTheLast() throws Exception {
        // Found by the chaos bench (seed -5920741077840155748): a sim lead took two quick turns within its transcript's
        // lag and was SIGKILLed; only the last turn's message came again, the first was lost.
        LoopHarness loop = started(HEADLESS, "lead", "api");
        loop.control(new ControlRequest.Send("api", "first"));
        String first = loop.prompts("api").getFirst().uuid();
        loop.handles("api", first, 0.1);
        loop.control(new ControlRequest.Send("api", "second"));
        String second = loop.prompts("api").get(1).uuid();
        loop.handles("api", second, 0.2); // SIGKILL before the CLI wrote either turn to its transcript
        loop.history = (role, session, cwd) -> new SessionHistory.Found.Present(Set.of());
        loop.ch("api").exits(137);
        loop.step();
        loop.timersPass();
        loop.ready("api");

        List<HostMessage.UserMessage> prompts = loop.prompts("api");
        assertThat(prompts).hasSize(3);
        assertThat(dev.peersteam.testing.ScriptedChannel.unframed(prompts.get(0).text()))
                .startsWith("[from peers-team] Your session was restarted and lost its record")
                .contains("[from human · " + first + "]", "[from human · " + second + "]");
        assertThat(prompts.subList(1, 3))
                .extracting(HostMessage.UserMessage::uuid)
                .containsExactly(first, second);
    }

    @Test
    void aResumedCoordinatorChecksEveryFinishedTurnOfTheLastSessionNotOnlyTheLast() throws Exception {
        LoopHarness first = started(HEADLESS, "lead", "api");
        first.control(new ControlRequest.Send("api", "one"));
        String one = first.prompts("api").getFirst().uuid();
        first.handles("api", one, 0.1);
        first.control(new ControlRequest.Send("api", "two"));
        String two = first.prompts("api").get(1).uuid();
        first.handles("api", two, 0.2);
        first.history = (role, session, cwd) -> new SessionHistory.Found.Present(Set.of());

        LoopHarness second = first.restart(team("lead", "api"), HEADLESS);
        second.ready("api");

        assertThat(second.prompts("api"))
                .extracting(HostMessage.UserMessage::uuid)
                .as("the warning, then both messages")
                .hasSize(3)
                .endsWith(one, two);
    }

    @Test
    void turnsTheTranscriptHadAtTheLastStartAreNotCheckedAgain() throws Exception {
        LoopHarness loop = started(HEADLESS, "lead", "api");
        loop.control(new ControlRequest.Send("api", "one"));
        String one = loop.prompts("api").getFirst().uuid();
        loop.handles("api", one, 0.1);
        loop.history = (role, session, cwd) -> new SessionHistory.Found.Present(Set.of(one));
        loop.ch("api").exits(137);
        loop.step();
        loop.timersPass();
        loop.ready("api");
        assertThat(loop.prompts("api"))
                .as("the transcript has it: nothing again")
                .isEmpty();

        loop.control(new ControlRequest.Send("api", "two"));
        String two = loop.prompts("api").getFirst().uuid();
        loop.handles("api", two, 0.2);
        loop.ch("api").exits(137); // the transcript still has only the first
        loop.step();
        loop.timersPass();
        loop.ready("api");

        assertThat(loop.prompts("api"))
                .extracting(HostMessage.UserMessage::uuid)
                .as("the second turn's record was lost: the warning and that message, not the first again")
                .hasSize(2)
                .endsWith(two)
                .doesNotContain(one);
    }

    @Test
    void aNewSessionIsNotSentTheFinishedWorkOfTheConversationItReplaced() {
        String old = "11111111-1111-1111-1111-111111111111";
        List<JournalRecord> records = List.of(
                new JournalRecord.SessionLaunched("api", "s1", 1, false),
                new JournalRecord.MessagePosted(old, "lead", "api", "old work"),
                new JournalRecord.MessageDelivered(old, "api"),
                new JournalRecord.TurnEnded("api", "s1", 0.1, false, "success"),
                new JournalRecord.SessionLaunched("api", "s2", 2, false));
        Recovery.Fold fold = new Recovery.Fold();
        long seq = 0;
        for (JournalRecord record : records) {
            fold.accept(new JournalEntry(++seq, Instant.EPOCH, record));
        }
        assertThat(fold.recovery().finishedWork())
                .as("s2 is a new conversation: s1's turns are not checked against it")
                .doesNotContainKey("api");
    }
}
