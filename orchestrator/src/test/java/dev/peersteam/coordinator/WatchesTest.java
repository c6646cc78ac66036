package dev.peersteam.coordinator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.peersteam.control.TeamEvent;
import dev.peersteam.git.BranchState;
import dev.peersteam.git.ChangeKind;
import dev.peersteam.git.ChangeSet;
import dev.peersteam.git.ChangedPath;
import dev.peersteam.git.CommitInfo;
import dev.peersteam.git.NewCommits;
import dev.peersteam.journal.Journal;
import dev.peersteam.journal.JournalReplay;
import dev.peersteam.protocol.HostMessage;
import dev.peersteam.protocol.Json;
import dev.peersteam.team.AgentKind;
import dev.peersteam.team.RoleSpec;
import dev.peersteam.team.SharedFile;
import dev.peersteam.team.TeamSpec;
import dev.peersteam.team.Watches;
import dev.peersteam.testing.ScriptedChannel;
import dev.peersteam.tools.ToolResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Watches and shared files in the loop, with scripted sessions and a repository that says what the test wants:
 * commit notices (after the author's turn, only new commits, batched while the watcher is busy, bounded), task
 * notices (with the branch, and the watcher's right to fail the task), shared files (owner commits go to everyone
 * else, a non-owner's change is told to it once per change).
 */
class WatchesTest {
    @TempDir
    Path dir;

    private final Map<String, ScriptedChannel> channels = new LinkedHashMap<>();
    private final List<TeamEvent> events = new ArrayList<>();
    private final AtomicInteger ids = new AtomicInteger();
    private Journal journal;
    private Coordinator coordinator;
    private Coordinator.Settings settings = Coordinator.Settings.headless();
    private String goal;

    /** Background jobs: run at once (the default), or held until the test lets them go. */
    private boolean holdJobs;

    private final List<Runnable> heldJobs = new ArrayList<>();
    private final Background background = new Background() {
        @Override
        public <T> void run(String what, Supplier<T> work, Consumer<T> onLoop) {
            Runnable job = () -> {
                T result = work.get();
                coordinator.post(new Event.Completed(what, () -> onLoop.accept(result)));
            };
            if (holdJobs) {
                heldJobs.add(job);
            } else {
                job.run();
            }
        }
    };

    /** Per role, its branch's commits, oldest first; the branch head is the last one's sha, else "base". */
    private final Map<String, List<CommitInfo>> branches = new HashMap<>();
    /** Per role, what it changed: path → content fingerprint. */
    private final Map<String, Map<String, String>> changed = new HashMap<>();

    private final List<String> looks = new ArrayList<>();
    /** "role:path:owner": the role has path exactly as on the owner's branch. */
    private final java.util.Set<String> takenOver = new java.util.HashSet<>();

    private final RepositoryView repository = new RepositoryView() {
        @Override
        public ChangeSet changes(String role) {
            Map<String, String> paths = changed.getOrDefault(role, Map.of());
            return new ChangeSet(
                    "base",
                    "base0123456789",
                    "head",
                    paths.keySet().stream()
                            .sorted()
                            .map(p -> ChangedPath.of(p, ChangeKind.MODIFIED))
                            .toList(),
                    paths);
        }

        @Override
        public String summary(String role, ChangedPath change) {
            return "+1 -0";
        }

        @Override
        public ToolResult merge(String role, String into) {
            return new ToolResult("merged", false);
        }

        @Override
        public String branchHead(String role) {
            List<CommitInfo> commits = branches.getOrDefault(role, List.of());
            return commits.isEmpty() ? "base" : commits.getLast().sha();
        }

        @Override
        public NewCommits commitsSince(String role, String since, int max, int patchLimit) {
            looks.add(role + " since " + since);
            List<CommitInfo> commits = branches.getOrDefault(role, List.of());
            int from = 0;
            for (int i = 0; i < commits.size(); i++) {
                if (commits.get(i).sha().equals(since)) {
                    from = i + 1;
                }
            }
            List<CommitInfo> news = commits.subList(from, commits.size());
            List<CommitInfo> newest = news.subList(Math.max(0, news.size() - max), news.size());
            return new NewCommits(branchHead(role), news.size(), newest);
        }

        @Override
        public String commitPatch(String sha, List<String> paths, int limit) {
            return "diff --git a/" + paths.getFirst() + " b/" + paths.getFirst() + "\n+contract line of " + sha + "\n";
        }

        @Override
        public boolean sameAsOnBranch(String role, String path, String otherRole) {
            return takenOver.contains(role + ":" + path + ":" + otherRole);
        }

        @Override
        public BranchState branchState(String role) {
            return new BranchState(
                    "peers/" + role,
                    branchHead(role) + "00000000",
                    branches.getOrDefault(role, List.of()).size(),
                    " app.txt | 1 +\n 1 file changed, 1 insertion(+)",
                    List.of("notes.txt"));
        }
    };

    @BeforeEach
    void openJournal() {
        journal = Journal.open(dir.resolve(".peers/journal.jsonl"), JournalReplay.empty(), Clock.systemUTC());
    }

    private static RoleSpec role(String name, boolean lead, Watches watches) {
        return new RoleSpec(
                name,
                lead,
                "You are " + name + ".",
                null,
                AgentKind.CLAUDE,
                null,
                "acceptEdits",
                List.of("Read"),
                null,
                null,
                null,
                null,
                watches);
    }

    private static Watches commits(String... roles) {
        return new Watches(List.of(roles), List.of());
    }

    private static Watches tasks(String... roles) {
        return new Watches(List.of(), List.of(roles));
    }

    private void startTeam(List<SharedFile> shared, RoleSpec... roles) throws Exception {
        for (RoleSpec role : roles) {
            Files.createDirectories(dir.resolve("worktrees").resolve(role.name()));
        }
        TeamSpec team = new TeamSpec(
                dir.resolve("team.yaml"),
                "test",
                dir,
                null,
                dir.resolve("worktrees"),
                goal,
                null,
                List.of(),
                List.of(),
                List.of(roles),
                shared);
        coordinator = new Coordinator(
                team,
                settings,
                Recovery.none(),
                new Coordinator.Edges(
                        journal,
                        (role, sessionId, resume, sink) -> {
                            ScriptedChannel channel = new ScriptedChannel(role.name(), sink, 100 + channels.size());
                            channels.put(role.name(), channel);
                            return channel;
                        },
                        SessionHistory.UNKNOWN,
                        (delay, action) -> {},
                        repository,
                        background),
                events::add,
                () -> "m" + ids.incrementAndGet());
        coordinator.start();
        step(); // the branch heads, read at the start, come back
        for (RoleSpec role : roles) {
            ready(role.name());
        }
    }

    private ScriptedChannel ch(String role) {
        return channels.get(role);
    }

    private void step() {
        coordinator.runPending();
    }

    /** Steps until nothing is left to do (background results come back through the loop). */
    private void settle() {
        for (int i = 0; i < 5; i++) {
            step();
        }
    }

    private void ready(String role) {
        String id = ch(role).sentOf(HostMessage.ControlRequest.class).getFirst().requestId();
        ch(role).says("{\"type\":\"control_response\",\"response\":{\"subtype\":\"success\",\"request_id\":\"" + id
                + "\",\"response\":{}}}");
        step();
    }

    private void turnStarts(String role) {
        ch(role).says("{\"type\":\"system\",\"subtype\":\"init\",\"session_id\":\"sess-" + role + "\",\"tools\":[],"
                + "\"mcp_servers\":[]}");
        step();
    }

    private void turnEnds(String role) {
        ch(role).says("{\"type\":\"result\",\"subtype\":\"success\",\"is_error\":false,\"session_id\":\"sess-" + role
                + "\",\"total_cost_usd\":0.01,\"queued_turn_count\":0}");
        settle();
    }

    /** The role's session takes up every message written to it, works, and ends its turn. */
    private void works(String role) {
        for (HostMessage.UserMessage m : prompts(role)) {
            lifecycle(role, m.uuid());
        }
        turnStarts(role);
        turnEnds(role);
    }

    private void lifecycle(String role, String uuid) {
        ch(role).says("{\"type\":\"command_lifecycle\",\"command_uuid\":\"" + uuid + "\",\"state\":\"started\","
                + "\"session_id\":\"s\"}");
        step();
    }

    private void toolCall(String role, String requestId, String tool, String argsJson) {
        ch(role).says("{\"type\":\"control_request\",\"request_id\":\"" + requestId + "\",\"request\":{\"subtype\":"
                + "\"mcp_message\",\"server_name\":\"peers\",\"message\":{\"method\":\"tools/call\",\"params\":{"
                + "\"name\":\"" + tool + "\",\"arguments\":" + argsJson + "},\"jsonrpc\":\"2.0\",\"id\":7}}}");
        settle();
    }

    private JsonNode toolResult(String role, String requestId) throws Exception {
        List<HostMessage> answers = ch(role).answersTo(requestId);
        assertThat(answers).as("answers to " + requestId).hasSize(1);
        JsonNode result = ch(role).answerBody(requestId).path("mcp_response").path("result");
        String text = result.path("content").get(0).path("text").asText();
        return Json.object()
                .put("isError", result.path("isError").asBoolean())
                .set("body", text.startsWith("{") ? Json.MAPPER.readTree(text) : Json.MAPPER.valueToTree(text));
    }

    private List<HostMessage.UserMessage> prompts(String role) {
        return ch(role).sentOf(HostMessage.UserMessage.class);
    }

    private List<String> texts(String role) {
        return prompts(role).stream()
                .map(m -> ScriptedChannel.unframed(m.text()))
                .toList();
    }

    private void commit(String role, String sha, String subject, String patch) {
        branches.computeIfAbsent(role, r -> new ArrayList<>())
                .add(new CommitInfo(
                        sha,
                        subject,
                        "",
                        false,
                        List.of("src/" + sha + ".txt"),
                        " src/" + sha + ".txt | 1 +\n 1 file changed, 1 insertion(+)",
                        patch,
                        patch == null ? 20_000 : patch.length()));
    }

    private static String patch(String sha) {
        return "diff --git a/src/" + sha + ".txt b/src/" + sha + ".txt\n+line of " + sha + "\n";
    }

    @Test
    void aCommitOfAWatchedRoleReachesTheWatcherAfterTheAuthorsTurnWithItsDiff() throws Exception {
        startTeam(List.of(), role("builder", true, Watches.NONE), role("reviewer", false, commits("builder")));
        turnStarts("builder");
        commit("builder", "c1aaaaaaaaaaaa", "Add the greeting", patch("c1"));
        assertThat(prompts("reviewer")).as("nothing before the turn ends").isEmpty();
        turnEnds("builder");

        assertThat(texts("reviewer"))
                .singleElement()
                .satisfies(text -> assertThat(text)
                        .startsWith("[from watch] 1 new commit by builder on peers/builder:")
                        .contains("commit c1aaaaaaaa: Add the greeting")
                        .contains("```diff\ndiff --git a/src/c1.txt b/src/c1.txt\n+line of c1\n```")
                        .contains("You watch the commits of builder"));
        assertThat(texts("builder"))
                .as("the author is not told of its own commits")
                .isEmpty();

        works("reviewer");
        turnStarts("builder");
        turnEnds("builder");
        assertThat(prompts("reviewer")).as("no new commit, no notice").hasSize(1);
        assertThat(looks).containsExactly("builder since base", "builder since c1aaaaaaaaaaaa");
    }

    @Test
    void commitsMadeBeforeTheCoordinatorStartedAreNotAnnouncedAgain() throws Exception {
        commit("builder", "old1", "Old work", patch("old1"));
        startTeam(List.of(), role("builder", true, Watches.NONE), role("reviewer", false, commits("builder")));
        turnStarts("builder");
        turnEnds("builder");
        assertThat(prompts("reviewer")).isEmpty();
        assertThat(looks).containsExactly("builder since old1");

        commit("builder", "new1", "New work", patch("new1"));
        turnStarts("builder");
        turnEnds("builder");
        assertThat(texts("reviewer"))
                .singleElement()
                .satisfies(t -> assertThat(t).contains("New work").doesNotContain("Old work"));
    }

    @Test
    void commitsThatLandWhileTheWatcherIsBusyReachItAsOneMessageWhenItsTurnEnds() throws Exception {
        startTeam(
                List.of(),
                role("backend", true, Watches.NONE),
                role("frontend", false, Watches.NONE),
                role("reviewer", false, commits("backend", "frontend")));
        turnStarts("reviewer");
        commit("backend", "b1", "Backend one", patch("b1"));
        turnStarts("backend");
        turnEnds("backend");
        commit("backend", "b2", "Backend two", patch("b2"));
        commit("frontend", "f1", "Frontend one", patch("f1"));
        turnStarts("backend");
        turnEnds("backend");
        turnStarts("frontend");
        turnEnds("frontend");
        assertThat(prompts("reviewer")).as("held while the reviewer works").isEmpty();

        turnEnds("reviewer");
        assertThat(texts("reviewer"))
                .singleElement()
                .satisfies(t -> assertThat(t)
                        .startsWith("[from watch] 2 new commits by backend on peers/backend:")
                        .contains("commit b1: Backend one")
                        .contains("commit b2: Backend two")
                        .contains("1 new commit by frontend on peers/frontend:")
                        .contains("commit f1: Frontend one")
                        .contains("You watch the commits of backend and frontend"));
    }

    @Test
    void aWatcherBusyForLongGetsTheNewestCommitsListedAndTheRestCounted() throws Exception {
        startTeam(List.of(), role("builder", true, Watches.NONE), role("reviewer", false, commits("builder")));
        turnStarts("reviewer");
        for (int turn = 0; turn < 3; turn++) {
            for (int i = 1; i <= 20; i++) {
                commit("builder", "t" + turn + "c" + i, "Turn " + turn + " commit " + i, patch("x"));
            }
            turnStarts("builder");
            turnEnds("builder");
        }
        turnEnds("reviewer");
        assertThat(texts("reviewer"))
                .singleElement()
                .satisfies(t -> assertThat(t)
                        .startsWith(
                                "[from watch] 60 new commits by builder on peers/builder (the 20 newest below; see the 40"
                                        + " before them with `git log peers/builder`):")
                        .contains("commit t2c1:")
                        .doesNotContain("commit t1c20:"));
    }

    @Test
    void diffsBeyondTheBudgetAreLeftOutWithTheirStatAndWhereToSeeThem() throws Exception {
        startTeam(List.of(), role("builder", true, Watches.NONE), role("reviewer", false, commits("builder")));
        String big = "diff --git a/big b/big\n" + "+x\n".repeat(3_000); // 9 KB
        commit("builder", "s1", "Nine KB", big);
        commit("builder", "s2", "Another nine KB", big);
        commit("builder", "s3", "Too big to read", null);
        turnStarts("builder");
        turnEnds("builder");

        String text = texts("reviewer").getFirst();
        assertThat(text)
                .contains("commit s1: Nine KB (1 file changed, 1 insertion(+))\n```diff\n")
                .contains("commit s2: Another nine KB (1 file changed, 1 insertion(+))\n src/s2.txt | 1 +\n"
                        + " 1 file changed, 1 insertion(+)\n(diff not included: 9.0 KB; see it with `git show s2`)")
                .contains("(diff not included: 20.0 KB; see it with `git show s3`)")
                .contains("`peers-team diff builder` shows all of a role's work against the base");
        assertThat(text.length()).isLessThan(WatchMessages.PATCH_BUDGET + 2_000);
    }

    @Test
    void aTaskOfAWatchedRoleInReviewReachesItsWatcherWithTheBranchAndTheWatcherMayFailIt() throws Exception {
        startTeam(
                List.of(),
                role("builder", true, Watches.NONE),
                role("qa", false, tasks("builder")),
                role("docs", false, Watches.NONE));
        commit("builder", "abc1234567", "Greeting", patch("abc"));
        toolCall(
                "builder",
                "c1",
                "create_task",
                "{\"title\":\"Greeting\",\"details\":\"Say hello.\",\"assignee\":" + "\"builder\"}");
        toolCall("builder", "u1", "update_task", "{\"id\":\"T1\",\"status\":\"in_progress\"}");
        assertThat(prompts("qa")).as("in progress is no news for QA").isEmpty();
        toolCall("builder", "u2", "update_task", "{\"id\":\"T1\",\"status\":\"review\",\"note\":\"on peers/builder\"}");

        assertThat(texts("qa"))
                .singleElement()
                .satisfies(t -> assertThat(t)
                        .startsWith("[from watch] Task T1 \"Greeting\" of builder is review.")
                        .contains("Details: Say hello.")
                        .contains("- builder: on peers/builder")
                        .contains(
                                "Branch peers/builder is at abc1234567, 1 commit ahead of the team's base:\n app.txt | 1 +")
                        .contains("Not committed yet (so not on the branch): notes.txt.")
                        .contains("update_task {\"id\":\"T1\",\"status\":\"failed\""));
        assertThat(prompts("docs")).isEmpty();

        toolCall("docs", "d1", "update_task", "{\"id\":\"T1\",\"status\":\"failed\"}");
        assertThat(toolResult("docs", "d1").path("isError").asBoolean())
                .as("docs watches nothing")
                .isTrue();

        toolCall("qa", "f0", "update_task", "{\"id\":\"T1\",\"status\":\"in_progress\"}");
        assertThat(toolResult("qa", "f0").path("body").asText()).contains("As a watcher of builder's tasks");
        toolCall("qa", "f1", "update_task", "{\"id\":\"T1\",\"status\":\"failed\",\"note\":\"says helo\"}");
        assertThat(toolResult("qa", "f1").path("body").path("status").asText()).isEqualTo("failed");
        assertThat(texts("builder"))
                .anySatisfy(t -> assertThat(t).isEqualTo("[from board] T1 \"Greeting\" is failed (by qa): says helo"));
    }

    @Test
    void theWatcherIsNotToldOfItsOwnMoveAndAQuickReviewThenDoneIsToldOnce() throws Exception {
        startTeam(List.of(), role("lead", true, tasks("builder")), role("builder", false, Watches.NONE));
        toolCall("lead", "c1", "create_task", "{\"title\":\"Build\",\"assignee\":\"builder\"}");
        toolCall("lead", "u1", "update_task", "{\"id\":\"T1\",\"status\":\"done\"}");
        assertThat(texts("lead")).as("the lead moved it itself").isEmpty();

        turnStarts("lead");
        toolCall("lead", "c2", "create_task", "{\"title\":\"Build more\",\"assignee\":\"builder\"}");
        toolCall("builder", "u2", "update_task", "{\"id\":\"T2\",\"status\":\"review\"}");
        toolCall("builder", "u3", "update_task", "{\"id\":\"T2\",\"status\":\"done\"}");
        turnEnds("lead");
        assertThat(texts("lead"))
                .as("the lead is still to take up the board's news of T2's end")
                .noneMatch(t -> t.startsWith("[from watch]"));
        works("lead");
        assertThat(texts("lead"))
                .filteredOn(t -> t.startsWith("[from watch]"))
                .singleElement()
                .satisfies(t -> assertThat(t)
                        .contains("Task T2 \"Build more\" of builder is done.")
                        .doesNotContain("is review"));
    }

    @Test
    void aTaskSeenInReviewIsNotSentAgainWhenItIsDoneWithNothingNewOnItsBranch() throws Exception {
        startTeam(List.of(), role("builder", true, Watches.NONE), role("qa", false, tasks("builder")));
        toolCall("builder", "c1", "create_task", "{\"title\":\"Greeting\",\"assignee\":\"builder\"}");
        toolCall("builder", "u1", "update_task", "{\"id\":\"T1\",\"status\":\"review\"}");
        assertThat(texts("qa")).singleElement().satisfies(t -> assertThat(t).contains("is review"));
        works("qa");
        toolCall("builder", "u2", "update_task", "{\"id\":\"T1\",\"status\":\"done\"}");
        assertThat(prompts("qa")).as("done, and the branch is where QA saw it").hasSize(1);

        toolCall("builder", "c2", "create_task", "{\"title\":\"Farewell\",\"assignee\":\"builder\"}");
        toolCall("builder", "u3", "update_task", "{\"id\":\"T2\",\"status\":\"review\"}");
        works("qa");
        commit("builder", "fix1", "Fix after review", patch("fix1"));
        toolCall("builder", "u4", "update_task", "{\"id\":\"T2\",\"status\":\"done\"}");
        assertThat(texts("qa"))
                .as("done with a new commit since QA saw it in review")
                .hasSize(3)
                .last()
                .satisfies(t -> assertThat(t).contains("Task T2 \"Farewell\" of builder is done."));
    }

    @Test
    void anOwnersCommitToASharedFileGoesToEveryOtherRoleWithItsDiff() throws Exception {
        startTeam(
                List.of(new SharedFile("api", List.of("backend"))),
                role("backend", true, Watches.NONE),
                role("frontend", false, Watches.NONE),
                role("reviewer", false, commits("backend")));
        branches.computeIfAbsent("backend", r -> new ArrayList<>())
                .add(new CommitInfo(
                        "k1",
                        "Contract: login",
                        "",
                        false,
                        List.of("api/openapi.yaml", "src/server.py"),
                        " 2 files changed",
                        "whole patch",
                        11));
        turnStarts("backend");
        turnEnds("backend");

        for (String other : List.of("frontend", "reviewer")) {
            assertThat(texts(other))
                    .filteredOn(t -> t.startsWith("[from shared]"))
                    .singleElement()
                    .satisfies(t -> assertThat(t)
                            .startsWith("[from shared] backend changed the shared file "
                                    + "api/openapi.yaml in commit k1 \"Contract: login\" on peers/backend:")
                            .contains("+contract line of k1")
                            .contains("`git show peers/backend:api/openapi.yaml`"));
        }
        assertThat(texts("reviewer")).anySatisfy(t -> assertThat(t).startsWith("[from watch] 1 new commit"));
        assertThat(texts("backend")).isEmpty();
    }

    @Test
    void aRoleThatChangesASharedFileItDoesNotOwnIsToldOnceUntilItChangesItAgain() throws Exception {
        startTeam(
                List.of(new SharedFile("api/openapi.yaml", List.of("backend"))),
                role("backend", true, Watches.NONE),
                role("frontend", false, Watches.NONE));
        changed.put("frontend", Map.of("api/openapi.yaml", "fp1", "web/app.js", "fpA"));
        turnStarts("frontend");
        turnEnds("frontend");
        assertThat(texts("frontend"))
                .singleElement()
                .satisfies(t -> assertThat(t)
                        .startsWith("[from shared] You changed api/openapi.yaml, a shared file owned by backend.")
                        .contains("`git checkout base012345 -- api/openapi.yaml`")
                        .contains("propose the change to backend with send_message"));
        assertThat(events)
                .anySatisfy(e -> assertThat(e)
                        .isEqualTo(new TeamEvent.Warning(
                                "frontend",
                                "shared: frontend changed api/openapi.yaml (owned by backend); told it to propose the change to the"
                                        + " owner")));

        works("frontend");
        assertThat(prompts("frontend")).as("the same change: told once").hasSize(1);
        changed.put("frontend", Map.of("api/openapi.yaml", "fp2"));
        works("frontend");
        assertThat(prompts("frontend")).as("changed again").hasSize(2);

        changed.put("frontend", Map.of("api/openapi.yaml", "fp-backend"));
        takenOver.add("frontend:api/openapi.yaml:backend");
        works("frontend");
        assertThat(prompts("frontend"))
                .as("merged from the owner's branch, not changed")
                .hasSize(2);

        changed.put("backend", Map.of("api/openapi.yaml", "fp3"));
        turnStarts("backend");
        turnEnds("backend");
        assertThat(texts("backend")).as("the owner may").noneMatch(t -> t.startsWith("[from shared]"));
    }

    @Test
    void anUntilDoneTeamDoesNotStopWhileANoticeIsStillBeingPrepared() throws Exception {
        settings = new Coordinator.Settings(false, true);
        goal = "Commit the last piece";
        startTeam(List.of(), role("builder", true, Watches.NONE), role("reviewer", false, commits("builder")));
        holdJobs = true;
        commit("builder", "z1", "Last commit", patch("z1"));
        works("builder");
        assertThat(ch("builder").inputClosed).as("git is still looking").isFalse();

        holdJobs = false;
        List.copyOf(heldJobs).forEach(Runnable::run);
        settle();
        assertThat(texts("reviewer"))
                .singleElement()
                .satisfies(t -> assertThat(t).contains("Last commit"));
        assertThat(ch("builder").inputClosed)
                .as("the reviewer has a message to work on")
                .isFalse();
        works("reviewer");
        assertThat(ch("builder").inputClosed)
                .as("now everyone is idle with nothing on its way")
                .isTrue();
    }
}
