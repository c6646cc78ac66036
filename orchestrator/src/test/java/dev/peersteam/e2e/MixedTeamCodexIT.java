package dev.peersteam.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.peersteam.journal.JournalEntry;
import dev.peersteam.journal.JournalRecord;
import dev.peersteam.journal.JournalReplay;
import dev.peersteam.testing.ClaudeCliForTests;
import dev.peersteam.testing.CodexCliForTests;
import dev.peersteam.testing.CodexTraffic;
import dev.peersteam.testing.CoordinatorProcess;
import dev.peersteam.testing.FakeAnthropicApi;
import dev.peersteam.testing.FakeOpenAiApi;
import dev.peersteam.testing.FakeOpenAiApi.Reply;
import dev.peersteam.testing.ModelReply;
import dev.peersteam.testing.ModelRequest;
import dev.peersteam.testing.Script;
import dev.peersteam.testing.TestRepos;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A mixed team, end to end with both real CLIs: a Claude lead (real {@code claude} against the fake Anthropic API)
 * puts a task on the board for a Codex reviewer (real {@code codex app-server} against the fake OpenAI Responses
 * API) and sends it a message; the reviewer writes a file in its own worktree with its shell tool, answers through
 * {@code send_message} and marks the task done with {@code update_task}: the same team tools, journal and
 * acknowledgements as between two Claude roles.
 */
class MixedTeamCodexIT {
    private static final Duration TURN = Duration.ofSeconds(60);

    @TempDir
    Path temp;

    @Test
    void aClaudeLeadAndACodexReviewerWorkThroughTheTeamTools() throws Exception {
        Path repo = TestRepos.init(temp.resolve("repo"));
        Path review = repo.resolve("worktrees/reviewer/review.txt");
        Files.writeString(repo.resolve("team.yaml"), """
                name: mixed
                goal: "Get the greeting reviewed."
                defaults:
                  model: claude-sonnet-4-5
                  permission_mode: acceptEdits
                roles:
                  lead:
                    lead: true
                    prompt: "You coordinate."
                  reviewer:
                    agent: codex
                    model: gpt-fake
                    permission_mode: dontAsk
                    prompt: "You review."
                """);
        Script lead = request -> {
            if (request.containsText("REVIEW-DONE")) {
                return ModelReply.text("Thanks, reviewer.");
            }
            List<String> used =
                    request.toolUses().stream().map(ModelRequest.ToolUse::name).toList();
            if (!used.contains("mcp__peers__create_task")) {
                return ModelReply.toolUse(
                        "mcp__peers__create_task", Map.of("title", "Review the greeting", "assignee", "reviewer"));
            }
            if (!used.contains("mcp__peers__send_message")) {
                return ModelReply.toolUse(
                        "mcp__peers__send_message",
                        Map.of("to", "reviewer", "text", "Please write review.txt for task T1."));
            }
            return ModelReply.text("Asked the reviewer; waiting.");
        };
        java.util.function.Function<FakeOpenAiApi.Request, Reply> reviewer = request -> {
            if (!request.contains("Please write review.txt")) {
                return Reply.text("Waiting for the lead's word.");
            }
            List<String> calls = request.calls();
            if (!calls.contains("exec_command")) {
                return Reply.shell("printf 'looks good\\n' > review.txt && echo wrote-review");
            }
            if (!calls.contains("peers.send_message")) {
                return Reply.team("send_message", Map.of("to", "lead", "text", "REVIEW-DONE: review.txt is written"));
            }
            if (!calls.contains("peers.update_task")) {
                return Reply.team("update_task", Map.of("id", "T1", "status", "done"));
            }
            return Reply.text("Review finished.");
        };

        try (FakeAnthropicApi claudeApi = FakeAnthropicApi.start(Script.byRole(Map.of("lead", lead)));
                FakeOpenAiApi openAi = FakeOpenAiApi.start(reviewer)) {
            Map<String, String> env = new HashMap<>(ClaudeCliForTests.environmentFor(claudeApi, temp.resolve("home")));
            env.put("PEERS_TEAM_CLAUDE", ClaudeCliForTests.binary().toString());
            CodexCliForTests.addTo(env, openAi, CodexCliForTests.freshHome());

            try (CoordinatorProcess up = CoordinatorProcess.start(repo, env, "up", "team.yaml")) {
                FakeOpenAiApi.Request offered = openAi.awaitRequest(r -> true, TURN);
                assertThat(offered.toolNames())
                        .as("the team tools are offered to codex in the peers namespace")
                        .contains("peers.send_message", "peers.update_task", "exec_command");
                claudeApi.awaitRequest(
                        r -> r.teamRole().orElse("").equals("lead") && r.containsText("REVIEW-DONE"), TURN);
                up.awaitLine(line -> line.contains("reviewer") && line.contains("board: T1 done"), TURN);
                up.awaitLine(line -> line.contains("reviewer") && line.contains("turn done"), TURN);
                CodexTraffic.keep(repo, "reviewer", "mixed_team");
                assertThat(review).hasContent("looks good");
                assertThat(repo.resolve("worktrees/lead/review.txt")).doesNotExist();
                FakeOpenAiApi.Request afterShell =
                        openAi.awaitRequest(r -> r.lastOutput().contains("wrote-review"), TURN);
                assertThat(afterShell.lastOutput()).contains("exited with code 0");
                openAi.awaitRequest(r -> r.calls().contains("peers.update_task"), TURN);
                up.terminate();
                assertThat(up.waitFor(Duration.ofSeconds(30))).isEqualTo(143);
                claudeApi.assertNoFailures();
                openAi.assertNoFailures();
            }
        }

        List<JournalRecord> journal = JournalReplay.entries(repo.resolve(".peers/journal.jsonl")).stream()
                .map(JournalEntry::record)
                .toList();
        JournalRecord.MessagePosted ask = posted(journal, "lead", "reviewer");
        JournalRecord.MessagePosted answer = posted(journal, "reviewer", "lead");
        assertThat(journal)
                .as("both messages journaled and delivered, whichever kind took them")
                .contains(
                        new JournalRecord.MessageDelivered(ask.id(), "reviewer"),
                        new JournalRecord.MessageDelivered(answer.id(), "lead"));
        assertThat(journal.indexOf(ask))
                .isLessThan(journal.indexOf(new JournalRecord.MessageDelivered(ask.id(), "reviewer")));
        assertThat(repo.resolve(".peers/logs/reviewer.jsonl"))
                .content()
                .contains("thread/start")
                .contains("item/tool/call");
        assertThat(repo.resolve(".peers/codex-threads")).isNotEmptyDirectory();
    }

    private static JournalRecord.MessagePosted posted(List<JournalRecord> journal, String from, String to) {
        return journal.stream()
                .filter(r ->
                        r instanceof JournalRecord.MessagePosted m && m.from().equals(from) && m.to().equals(to))
                .map(r -> (JournalRecord.MessagePosted) r)
                .findFirst()
                .orElseThrow(() -> new AssertionError("no message " + from + " -> " + to + " in " + journal));
    }
}
