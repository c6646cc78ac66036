package dev.peersteam.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import dev.peersteam.testing.ModelReply;
import dev.peersteam.testing.ModelRequest;
import dev.peersteam.testing.Script;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The fake model of the real-{@code claude} chaos team: what a lead and two workers would do, decided afresh from the
 * whole conversation at every request, so that a session resumed after any kill goes on where its transcript says it
 * was (as a model asked to "check what is done and continue" would). The lead plans the tasks, then sends numbered
 * notes; a worker does each task it was given (start it, tell the other worker, write its file, finish it) and answers
 * each note. A step counts as done when its tool call has a result that is not an error, or when it was tried twice
 * (a repeated refusal, e.g. "already in progress" after a redo, must not loop). Every reply streams slowly, so a kill
 * often lands inside a model call.
 */
public final class ScriptedTeamWork {
    private static final Duration SLOW = Duration.ofMillis(40);
    private static final Pattern DISPATCHED = Pattern.compile("Task (T\\d+) is yours");
    private static final Pattern REMINDED = Pattern.compile("(T\\d+) \"[^\"]*\" \\((?:assigned|todo|in_progress)\\)");
    private static final Pattern NOTE = Pattern.compile("\\[from lead] (Note #\\d+)");

    private ScriptedTeamWork() {}

    /** One task of the plan. */
    public record PlannedTask(String title, String assignee, List<String> dependsOn) {}

    /** The lead and the workers {@code w1}, {@code w2}, by role; {@code worktrees} says where each works. */
    public static Script team(List<PlannedTask> plan, int notes, Map<String, Path> worktrees) {
        return Script.byRole(Map.of(
                "lead",
                lead(plan, notes),
                "w1",
                worker("w1", "w2", worktrees.get("w1")),
                "w2",
                worker("w2", "w1", worktrees.get("w2"))));
    }

    static Script lead(List<PlannedTask> plan, int notes) {
        return request -> {
            if (!request.isMainLoop() || !request.containsText("[from human]")) {
                return slow(ModelReply.text("ok"));
            }
            if (hostGone(request)) {
                return slow(ModelReply.text("The team's tools do not answer; I stop here."));
            }
            for (PlannedTask task : plan) {
                if (!done(
                        request,
                        u -> u.name().endsWith("create_task")
                                && text(u, "title").equals(task.title()))) {
                    return slow(ModelReply.toolUse(
                            "mcp__peers__create_task",
                            Map.of(
                                    "title",
                                    task.title(),
                                    "assignee",
                                    task.assignee(),
                                    "depends_on",
                                    task.dependsOn())));
                }
            }
            for (int n = 1; n <= notes; n++) {
                String note = "Note #" + n + ": please confirm you read this.";
                if (!done(request, sent(note))) {
                    return slow(ModelReply.toolUse(
                            "mcp__peers__send_message", Map.of("to", n % 2 == 1 ? "w1" : "w2", "text", note)));
                }
            }
            return slow(ModelReply.text("The plan is on the board and every note is sent."));
        };
    }

    static Script worker(String me, String other, Path worktree) {
        return request -> {
            if (!request.isMainLoop()) {
                return slow(ModelReply.text("ok"));
            }
            if (hostGone(request)) {
                return slow(ModelReply.text("The team's tools do not answer; I stop here."));
            }
            for (String task : tasksGiven(request)) {
                ModelReply next = nextStep(request, me, other, worktree, task);
                if (next != null) {
                    return slow(next);
                }
            }
            Matcher note = NOTE.matcher(allUserText(request));
            while (note.find()) {
                String reply = "Re " + note.group(1) + ": read.";
                if (!done(request, sent(reply))) {
                    return slow(ModelReply.toolUse("mcp__peers__send_message", Map.of("to", "lead", "text", reply)));
                }
            }
            return slow(ModelReply.text("Nothing left for " + me + "."));
        };
    }

    /** The next tool call for {@code task}, or null when every step of it is done. */
    private static ModelReply nextStep(ModelRequest request, String me, String other, Path worktree, String task) {
        if (!done(request, updated(task, "in_progress"))) {
            return ModelReply.toolUse("mcp__peers__update_task", Map.of("id", task, "status", "in_progress"));
        }
        String fyi = "FYI: " + me + " works on " + task + ".";
        if (!done(request, sent(fyi))) {
            return ModelReply.toolUse("mcp__peers__send_message", Map.of("to", other, "text", fyi));
        }
        String file = "work/" + task + ".txt";
        if (!done(request, u -> u.name().equals("Write") && text(u, "file_path").endsWith(file))) {
            return ModelReply.toolUse(
                    "Write",
                    Map.of("file_path", worktree.resolve(file).toString(), "content", task + " by " + me + "\n"));
        }
        if (!done(request, updated(task, "done"))) {
            return ModelReply.toolUse(
                    "mcp__peers__update_task", Map.of("id", task, "status", "done", "note", file + " on peers/" + me));
        }
        return null;
    }

    private static Predicate<ModelRequest.ToolUse> updated(String task, String status) {
        return u -> u.name().endsWith("update_task")
                && text(u, "id").equals(task)
                && text(u, "status").equals(status);
    }

    private static Predicate<ModelRequest.ToolUse> sent(String text) {
        return u -> u.name().endsWith("send_message") && text(u, "text").equals(text);
    }

    /** The tasks the board gave this role (dispatched, or named in a reminder), in the order it heard of them. */
    private static Set<String> tasksGiven(ModelRequest request) {
        Set<String> tasks = new LinkedHashSet<>();
        String text = allUserText(request);
        for (Pattern pattern : List.of(DISPATCHED, REMINDED)) {
            Matcher m = pattern.matcher(text);
            while (m.find()) {
                tasks.add(m.group(1));
            }
        }
        return tasks;
    }

    /**
     * Whether the step made of the calls matching {@code which} is done: one was answered without an error, or two
     * were answered with one (a repeated refusal, e.g. "already in progress" after a redo, must not loop). A call
     * the host never answered (the CLI says it "was interrupted before a result was received") does not count.
     */
    private static boolean done(ModelRequest request, Predicate<ModelRequest.ToolUse> which) {
        Map<String, ModelRequest.ToolResult> results = request.toolResults();
        List<ModelRequest.ToolResult> answered = request.toolUses().stream()
                .filter(which)
                .map(u -> results.get(u.id()))
                .filter(r -> r != null && !unanswered(r))
                .toList();
        return answered.stream().anyMatch(r -> !r.isError()) || answered.size() >= 2;
    }

    /** The team's tools did not answer the last call: the host is gone (its coordinator was killed); end the turn. */
    private static boolean hostGone(ModelRequest request) {
        return request.lastToolResults().values().stream().anyMatch(ScriptedTeamWork::unanswered);
    }

    /**
     * A result the team's tools did not give: the host never answered ("interrupted before a result was received"),
     * or the CLI had no team tools to call ("No such tool available": its host died before answering
     * {@code tools/list}).
     */
    private static boolean unanswered(ModelRequest.ToolResult result) {
        return result.content().contains("interrupted before a result")
                || result.content().contains("No such tool available");
    }

    private static String text(ModelRequest.ToolUse use, String field) {
        JsonNode value = use.input().path(field);
        return value.isTextual() ? value.asText() : "";
    }

    private static String allUserText(ModelRequest request) {
        StringBuilder text = new StringBuilder();
        for (JsonNode message : request.conversation()) {
            if (message.path("role").asText().equals("user")) {
                text.append(dev.peersteam.testing.ScriptedChannel.unframedAll(
                                message.path("content").toString()))
                        .append('\n');
            }
        }
        return text.toString().replace("\\\"", "\"");
    }

    private static ModelReply slow(ModelReply reply) {
        return reply.streamedSlowly(SLOW);
    }
}
