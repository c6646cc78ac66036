package dev.peersteam.bench;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.peersteam.board.BoardEvent;
import dev.peersteam.board.TaskStatus;
import dev.peersteam.control.ControlClient;
import dev.peersteam.control.ControlRequest;
import dev.peersteam.control.ControlResponse;
import dev.peersteam.journal.JournalEntry;
import dev.peersteam.journal.JournalRecord;
import dev.peersteam.journal.JournalReplay;
import dev.peersteam.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A task graph run by a team of simulated agents under the real coordinator ({@code peers-team up}): a lead that puts
 * the graph on the board, and workers that take each task the board sends them, set it in progress, work for the
 * task's duration (the sim's {@code sleep: {from_text: ...}}, reading "takes N ms" from the task's details) and set
 * it done. Every task is assigned up front (the board has no claiming: a task goes to its assignee when its
 * dependencies are done); the assignment comes from {@link TaskDag#listSchedule}. All the tasks wait for a gate task
 * the lead sets done after creating them, so the clock starts with every task on the board. Times come from the
 * journal's board records (the coordinator's clock).
 */
final class MakespanBench {
    static final String LEAD = "lead";
    private static final String GO = "run the graph";
    private static final Pattern DONE_LINE = Pattern.compile(".*\\bboard: T(\\d+) done\\b.*");

    private MakespanBench() {}

    /** One task as the journal saw it (instants in ms after the gate). */
    record TaskTimes(int task, String role, long readyMs, long dispatchedMs, long startedMs, long doneMs) {}

    /**
     * One run: the makespan, the tasks' times, whether each task was started and done exactly once, how many tasks
     * were in progress at most at once, and the machine's load before and after.
     */
    record Run(
            long makespanMs,
            List<TaskTimes> tasks,
            int tasksDone,
            int startedTwice,
            int mostAtOnce,
            String loadBefore,
            String loadAfter,
            Duration wall) {}

    /** The team's names: the lead, then workers w1..wN. */
    static List<String> workers(int roles) {
        List<String> names = new ArrayList<>();
        for (int r = 1; r <= roles; r++) {
            names.add("w" + r);
        }
        return names;
    }

    /**
     * The board's ids: T1..T(roles) are the workers' warm-up tasks, T(roles+1) the gate, then the graph's tasks in
     * order.
     */
    static String gateId(int roles) {
        return "T" + (roles + 1);
    }

    /** Task {@code i} of the graph is board task T(roles+2+i). */
    static String boardId(int task, int roles) {
        return "T" + (task + roles + 2);
    }

    /**
     * Runs the graph once with {@code roleOf} as the assignment; {@code maxActive} caps sessions in a turn (0: none).
     */
    static Run run(Context context, TaskDag dag, int[] roleOf, int roles, int maxActive, Duration timeout)
            throws IOException, InterruptedException {
        long wall0 = System.nanoTime();
        Path dir = context.dir("makespan-");
        Path script = dir.resolve("graph.yaml");
        Files.writeString(script, script(dag, roleOf, roles));
        Agents agents = new Agents(context);
        List<TeamRepo.Role> team = new ArrayList<>();
        team.add(new TeamRepo.Role(LEAD, agents.javaSim(script, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC")));
        for (String worker : workers(roles)) {
            team.add(new TeamRepo.Role(worker, agents.javaSim(script, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC")));
        }
        Path repo = TeamRepo.create(dir.resolve("repo"), context.env(), team);
        List<String> args = new ArrayList<>(List.of("up", "team.yaml"));
        if (maxActive > 0) {
            args.addAll(List.of("--max-active", Integer.toString(maxActive)));
        }
        String loadBefore;
        try (UpProcess up = UpProcess.start(context, repo, List.of(), args.toArray(String[]::new))) {
            List<String> names = team.stream().map(TeamRepo.Role::name).toList();
            up.awaitAllIdle(names, Duration.ofSeconds(120));
            try (ControlClient client = up.connect()) {
                // one short task each before the clock starts: a sim JVM's first turn loads and compiles code
                // that its later turns do not (a first-turn cost of the simulation, not of the scheduling)
                for (String worker : workers(roles)) {
                    if (!(client.request(new ControlRequest.Assign(worker, "warm-up: takes 10 ms", List.of()))
                            instanceof ControlResponse.Ok)) {
                        throw new IllegalStateException("the coordinator refused a warm-up task for " + worker);
                    }
                }
            }
            int from = awaitDone(up, 0, 1, roles, Duration.ofSeconds(60));
            loadBefore = Machine.currentLoadAverage();
            try (ControlClient client = up.connect()) {
                if (!(client.request(new ControlRequest.Send(LEAD, GO)) instanceof ControlResponse.Ok)) {
                    throw new IllegalStateException("the coordinator refused to send to the lead");
                }
            }
            awaitDone(up, from, roles + 2, roles + 1 + dag.size(), timeout);
            up.stop(Duration.ofSeconds(30));
        }
        String loadAfter = Machine.currentLoadAverage();
        return read(repo.resolve(".peers/journal.jsonl"), dag, roles, loadBefore, loadAfter, System.nanoTime() - wall0);
    }

    /**
     * Waits until board tasks T(first)..T(last) are done, reading {@code up}'s output from line {@code from}; returns
     * the line to read on from.
     */
    private static int awaitDone(UpProcess up, int from, int first, int last, Duration timeout)
            throws InterruptedException {
        Set<Integer> done = new HashSet<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        int at = from;
        while (done.size() < last - first + 1) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new IllegalStateException("only " + done.size() + " of T" + first + "..T" + last + " done within "
                        + timeout + "; last lines:\n" + up.tail(30));
            }
            up.awaitFrom(at, line -> DONE_LINE.matcher(line).matches(), Duration.ofNanos(left));
            for (int n = up.lineCount(); at < n; at++) {
                Matcher m = DONE_LINE.matcher(up.line(at));
                if (m.matches()) {
                    int id = Integer.parseInt(m.group(1));
                    if (id >= first && id <= last) {
                        done.add(id);
                    }
                }
            }
        }
        return at;
    }

    /** The behaviour script: the lead's plan (gate, graph, gate done) and the workers' way with a task. */
    static String script(TaskDag dag, int[] roleOf, int roles) {
        ObjectNode root = Json.object();
        root.put("cost_per_turn", 0.001);
        ObjectNode scripts = root.putObject("roles");
        ArrayNode leadRules = scripts.putObject(LEAD).putArray("rules");
        ObjectNode plan = leadRules.addObject();
        plan.put("on", "message").put("contains", GO).put("once", true);
        ArrayNode steps = plan.putArray("do");
        ObjectNode gate =
                steps.addObject().putObject("tool").put("name", "create_task").putObject("input");
        gate.put("title", "gate: the graph is on the board").put("assignee", LEAD);
        for (int t = 0; t < dag.size(); t++) {
            ObjectNode input = steps.addObject()
                    .putObject("tool")
                    .put("name", "create_task")
                    .putObject("input");
            input.put("title", "job " + t)
                    .put("details", "takes " + dag.durations()[t] + " ms")
                    .put("assignee", "w" + (roleOf[t] + 1));
            ArrayNode deps = input.putArray("depends_on");
            if (dag.dependsOn().get(t).isEmpty()) {
                deps.add(gateId(roles));
            }
            dag.dependsOn().get(t).forEach(d -> deps.add(boardId(d, roles)));
        }
        steps.addObject()
                .putObject("tool")
                .put("name", "update_task")
                .putObject("input")
                .put("id", gateId(roles))
                .put("status", "done");
        // the lead hears of every task that ends (it created them): a short turn each, as a real lead would have
        leadRules.addObject().put("on", "message").putArray("do").addObject().put("say", "ok");
        ObjectNode work = scripts.putObject("*").putArray("rules").addObject();
        work.put("on", "task").put("from", "board").put("contains", "is yours");
        ArrayNode workSteps = work.putArray("do");
        workSteps
                .addObject()
                .putObject("tool")
                .put("name", "update_task")
                .putObject("input")
                .put("id", "$task")
                .put("status", "in_progress");
        workSteps.addObject().putObject("sleep").put("from_text", "takes (\\d+) ms");
        workSteps
                .addObject()
                .putObject("tool")
                .put("name", "update_task")
                .putObject("input")
                .put("id", "$task")
                .put("status", "done")
                .put("note", "done");
        return root.toPrettyString(); // JSON is YAML
    }

    /** The run read back from the journal: times relative to the gate's done. */
    static Run read(Path journal, TaskDag dag, int roles, String loadBefore, String loadAfter, long wallNanos) {
        Map<String, Instant> dispatched = new HashMap<>();
        Map<String, Instant> started = new HashMap<>();
        Map<String, Instant> done = new HashMap<>();
        Map<String, String> role = new HashMap<>();
        Map<String, Integer> starts = new HashMap<>();
        Instant gate = null;
        for (JournalEntry entry : JournalReplay.entries(journal)) {
            if (!(entry.record() instanceof JournalRecord.BoardChanged(BoardEvent change))) {
                continue;
            }
            switch (change) {
                case BoardEvent.TaskDispatched d -> {
                    dispatched.putIfAbsent(d.id(), d.at());
                    role.put(d.id(), d.assignee());
                }
                case BoardEvent.TaskUpdated u
                when u.status() == TaskStatus.IN_PROGRESS -> {
                    started.putIfAbsent(u.id(), u.at());
                    starts.merge(u.id(), 1, Integer::sum);
                }
                case BoardEvent.TaskUpdated u
                when u.status() == TaskStatus.DONE -> {
                    if (u.id().equals(gateId(roles))) {
                        gate = u.at();
                    } else {
                        done.putIfAbsent(u.id(), u.at());
                    }
                }
                default -> {}
            }
        }
        if (gate == null) {
            throw new IllegalStateException("the gate task " + gateId(roles) + " was never done: " + journal);
        }
        long[] doneMs = new long[dag.size()];
        List<TaskTimes> times = new ArrayList<>();
        for (int t = 0; t < dag.size(); t++) {
            String id = boardId(t, roles);
            if (!done.containsKey(id) || !started.containsKey(id) || !dispatched.containsKey(id)) {
                continue; // counted as not done below
            }
            long ready = 0;
            for (int d : dag.dependsOn().get(t)) {
                ready = Math.max(ready, doneMs[d]);
            }
            doneMs[t] = ms(gate, done.get(id));
            times.add(new TaskTimes(
                    t, role.get(id), ready, ms(gate, dispatched.get(id)), ms(gate, started.get(id)), doneMs[t]));
        }
        long makespan = times.stream().mapToLong(TaskTimes::doneMs).max().orElse(0);
        int twice = (int) starts.values().stream().filter(n -> n > 1).count();
        return new Run(
                makespan,
                times,
                times.size(),
                twice,
                mostAtOnce(times),
                loadBefore,
                loadAfter,
                Duration.ofNanos(wallNanos));
    }

    private static long ms(Instant from, Instant to) {
        return Duration.between(from, to).toMillis();
    }

    /**
     * Per task whose worker was free when it was sent (no other task of that worker in progress then): the time from
     * its dispatch to its own in_progress (the relay, the agent's turn start, its tool call).
     */
    static List<Long> pickUps(Run run) {
        List<Long> overheads = new ArrayList<>();
        for (TaskTimes t : run.tasks()) {
            boolean workerBusy = run.tasks().stream()
                    .anyMatch(o -> o != t
                            && o.role().equals(t.role())
                            && o.startedMs() <= t.dispatchedMs()
                            && o.doneMs() > t.dispatchedMs());
            if (!workerBusy) {
                overheads.add(t.startedMs() - t.dispatchedMs());
            }
        }
        return overheads;
    }

    /** The most tasks in progress at one instant. */
    static int mostAtOnce(List<TaskTimes> tasks) {
        int most = 0;
        for (TaskTimes t : tasks) {
            int at = (int) tasks.stream()
                    .filter(o -> o.startedMs() <= t.startedMs() && o.doneMs() > t.startedMs())
                    .count();
            most = Math.max(most, at);
        }
        return most;
    }
}
