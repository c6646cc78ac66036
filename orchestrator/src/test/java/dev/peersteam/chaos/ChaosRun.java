package dev.peersteam.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.peersteam.cli.Main;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One chaos run: the team's {@code up} is started and SIGKILLed again and again at the plan's moments (some cycles
 * first SIGKILL or SIGSTOP an agent), then {@code up --until-done} must finish the board; then the guarantees are
 * checked where they matter: at the agents (their transcripts), on the board, and in the process table. Everything
 * the run produced stays in its folder: each {@code up}'s output ({@code up-NN.log}, {@code final.log}), the plan,
 * the report, and beside them the team's repository with the journal and the transcripts.
 *
 * <p>Whatever happens, every process the run started is ended before {@link #run} returns.
 */
public final class ChaosRun {
    private static final Pattern TASK_DONE = Pattern.compile("board: (T\\d+) done\\b");
    private static final Duration KILLED_EXIT = Duration.ofSeconds(15);

    private final ChaosTeam team;
    private final ChaosSettings settings;
    private final Path dir;
    private final PrintStream out;
    private final ChaosReport report;
    private final ProcessSweep sweep = new ProcessSweep();
    private final Set<ProcessHandle> stopped = ConcurrentHashMap.newKeySet();
    private final Set<String> sessions = ConcurrentHashMap.newKeySet();
    private final Set<String> tasksDone = new HashSet<>();
    private final List<UpProcess> ups = new ArrayList<>();

    private ChaosRun(ChaosTeam team, ChaosSettings settings, Path dir, PrintStream out) {
        this.team = team;
        this.settings = settings;
        this.dir = dir;
        this.out = out;
        this.report = new ChaosReport(settings.seed(), dir);
    }

    /** Runs the plan of {@code settings.seed()} against {@code team}; {@code dir} receives the evidence. */
    public static ChaosReport run(ChaosTeam team, ChaosSettings settings, Path dir, PrintStream out)
            throws IOException, InterruptedException {
        return new ChaosRun(team, settings, dir, out).run();
    }

    private ChaosReport run() throws IOException, InterruptedException {
        long t0 = System.nanoTime();
        out.println("chaos: seed " + settings.seed() + " (run it again with -Dchaos.seed=" + settings.seed()
                + "); evidence in " + dir);
        ChaosPlan plan = ChaosPlan.draw(
                settings.seed(),
                settings.kills(),
                settings.agentKills(),
                settings.stops(),
                (int) settings.stopFor().toMillis(),
                team.roles());
        Files.writeString(
                dir.resolve("plan.txt"),
                String.join("\n", plan.cycles().stream().map(Object::toString).toList()) + "\n");
        try {
            for (ChaosPlan.Cycle cycle : plan.cycles()) {
                cycle(cycle);
            }
            finish();
            check();
        } catch (IOException | RuntimeException e) {
            report.problem("the chaos run itself failed: " + e);
            e.printStackTrace(out);
        } finally {
            cleanUp();
            report.elapsed = Duration.ofNanos(System.nanoTime() - t0);
            report.write(dir.resolve("chaos-report.txt"));
        }
        out.print(report.summary());
        return report;
    }

    // ---- one up, struck down

    private void cycle(ChaosPlan.Cycle cycle) throws IOException, InterruptedException {
        String name = String.format("up-%02d", cycle.index() + 1);
        try (UpProcess up = start(name + ".log", "up", "--no-console", team.teamFile())) {
            StringBuilder story = new StringBuilder();
            if (cycle.index() == 0 && settings.firstStrikeAfter() != null) {
                if (up.awaitLine(0, settings.firstStrikeAfter(), settings.readyGuard()) < 0) {
                    stuckOrExited(up, name, "the first up never got to the line the run waits for");
                }
            }
            int from = up.lineCount();
            switch (cycle.fault()) {
                case ChaosPlan.AgentFault.None none -> {}
                case ChaosPlan.AgentFault.Kill kill -> {
                    killAgent(up, name, kill, story);
                    from = up.lineCount();
                }
                case ChaosPlan.AgentFault.Stop stop -> {
                    stopAgent(up, name, stop, story);
                    from = up.lineCount();
                }
            }
            strike(up, name, cycle.strike(), from, story);
            if (!up.isAlive()) {
                String code = exitText(up.waitFor(Duration.ofSeconds(1)));
                report.problem(
                        name + " ended by itself (exit code " + code + ") before it was killed; see " + name + ".log");
            }
            boolean ready = up.timeToReady().isPresent();
            sweep.trackAll(up.descendants());
            up.kill();
            report.coordinatorKills++;
            if (!ready) {
                report.killsBeforeReady++;
            }
            if (up.waitFor(KILLED_EXIT).isEmpty()) {
                report.stuck(name + ": the coordinator (pid " + up.pid() + ") did not die after SIGKILL");
            }
            afterwards(up, cycle.index() > 0);
            out.println("chaos: " + name + ": "
                    + (ready
                            ? "ready in " + ChaosReport.seconds(up.timeToReady().get())
                            : "killed before every role was ready")
                    + story + "; " + tasksDone.size() + " task(s) done so far");
        }
    }

    private UpProcess start(String log, String... args) throws IOException {
        UpProcess up = UpProcess.start(
                settings.java(),
                settings.jar(),
                team.repo(),
                team.env(),
                new HashSet<>(team.roles()),
                dir.resolve(log),
                sweep::track,
                args);
        ups.add(up);
        return up;
    }

    /** What an up's log says that outlives it: its sessions, the tasks done, how long it took to be ready. */
    private void afterwards(UpProcess up, boolean afterKill) {
        sessions.addAll(up.sessions());
        for (String line : up.lines()) {
            Matcher done = TASK_DONE.matcher(line);
            if (done.find()) {
                tasksDone.add(done.group(1));
            }
        }
        if (afterKill) {
            up.timeToReady().ifPresent(report::readyAfterKill);
        }
    }

    private void stuckOrExited(UpProcess up, String name, String what) {
        if (up.isAlive()) {
            report.stuck(
                    name + ": " + what + " within " + settings.readyGuard().toSeconds() + " s; see " + name + ".log");
        }
    }

    /** SIGKILL of one agent while it works; the coordinator must bring the role back. */
    private void killAgent(UpProcess up, String name, ChaosPlan.AgentFault.Kill kill, StringBuilder story)
            throws InterruptedException {
        if (!up.awaitReady(settings.readyGuard())) {
            stuckOrExited(up, name, "not every role was ready");
            return;
        }
        boolean working = awaitWorking(up, kill.role());
        Thread.sleep(kill.pauseMillis());
        ProcessHandle agent = up.agent(kill.role()).orElse(null);
        if (agent == null || !agent.isAlive()) {
            story.append("; ").append(kill.role()).append("'s agent was gone already");
            return;
        }
        sweep.trackAll(agent.descendants().toList());
        int mark = up.lineCount();
        agent.destroyForcibly();
        awaitExit(agent);
        report.agentKills++;
        if (working) {
            report.agentKillsMidTurn++;
        }
        // The coordinator sees the exit, waits out its back-off and starts the role again: a new pid, then ready.
        int restarted = up.awaitLine(
                mark,
                l -> l.matches("^\\S+ " + kill.role() + "\\s+is starting \\(pid (?!" + agent.pid() + "\\b).*"),
                settings.readyGuard());
        int readyAgain = restarted < 0
                ? -1
                : up.awaitLine(
                        restarted, l -> l.matches("^\\S+ " + kill.role() + "\\s+is idle.*"), settings.readyGuard());
        if (readyAgain < 0) {
            stuckOrExited(
                    up,
                    name,
                    kill.role() + " was not ready again after its agent (pid " + agent.pid() + ") was killed");
        }
        story.append("; killed ")
                .append(kill.role())
                .append("'s agent ")
                .append(working ? "mid-turn" : "while idle")
                .append(readyAgain < 0 ? " (it did not come back)" : " (it came back)");
    }

    /** SIGSTOP of one agent while it works, for longer than a turn, then SIGCONT. */
    private void stopAgent(UpProcess up, String name, ChaosPlan.AgentFault.Stop stop, StringBuilder story)
            throws IOException, InterruptedException {
        if (!up.awaitReady(settings.readyGuard())) {
            stuckOrExited(up, name, "not every role was ready");
            return;
        }
        boolean working = awaitWorking(up, stop.role());
        ProcessHandle agent = up.agent(stop.role()).orElse(null);
        if (agent == null || !agent.isAlive()) {
            story.append("; ").append(stop.role()).append("'s agent was gone already");
            return;
        }
        stopped.add(agent);
        Signals.stop(agent);
        try {
            Thread.sleep(stop.stopMillis());
        } finally {
            Signals.resume(agent);
            stopped.remove(agent);
        }
        report.stops++;
        story.append("; stopped ")
                .append(stop.role())
                .append("'s agent ")
                .append(working ? "mid-turn" : "while idle")
                .append(" for ")
                .append(stop.stopMillis())
                .append(" ms");
    }

    /** Waits until the role shows it is in a turn (a tool call, a text, busy); false when it stayed quiet. */
    private boolean awaitWorking(UpProcess up, String role) throws InterruptedException {
        return up.awaitLine(
                        up.lineCount(),
                        l -> l.matches("^\\S+ " + role + "\\s+(uses |says: |is busy).*"),
                        settings.strikeGuard())
                >= 0;
    }

    private void strike(UpProcess up, String name, ChaosPlan.Strike strike, int from, StringBuilder story)
            throws InterruptedException {
        switch (strike) {
            case ChaosPlan.Strike.AfterLines lines -> {
                boolean came = up.awaitLines(from + lines.lines(), settings.strikeGuard(), settings.readyGuard());
                if (!came && up.timeToReady().isEmpty() && !up.awaitReady(settings.readyGuard())) {
                    // quiet before every role is ready: a start that hangs, unless it gets there after all
                    stuckOrExited(up, name, "not every role was ready");
                }
                Thread.sleep(lines.pauseMillis());
                story.append("; killed after ")
                        .append(came ? lines.lines() + " lines" : "the log went quiet")
                        .append(" + ")
                        .append(lines.pauseMillis())
                        .append(" ms");
            }
            case ChaosPlan.Strike.AfterReady ready -> {
                if (!up.awaitReady(settings.readyGuard())) {
                    stuckOrExited(up, name, "not every role was ready");
                }
                Thread.sleep(ready.delayMillis());
                story.append("; killed ").append(ready.delayMillis()).append(" ms after ready");
            }
            case ChaosPlan.Strike.InToolCall tool -> {
                if (!up.awaitReady(settings.readyGuard())) {
                    stuckOrExited(up, name, "not every role was ready");
                }
                int at = up.lineCount();
                boolean came = true;
                for (int i = 0; i < tool.nth() && came; i++) {
                    int found = up.awaitLine(at, l -> l.matches("^\\S+ \\S+\\s+uses .*"), settings.strikeGuard());
                    came = found >= 0;
                    at = found + 1;
                }
                Thread.sleep(tool.pauseMillis());
                story.append("; killed ")
                        .append(came ? "in tool call " + tool.nth() : "when no tool call came")
                        .append(" + ")
                        .append(tool.pauseMillis())
                        .append(" ms");
            }
        }
    }

    // ---- the end: up --until-done, then the checks

    private void finish() throws IOException, InterruptedException {
        try (UpProcess up = start("final.log", "up", "--until-done", "--no-console", team.teamFile())) {
            long t0 = System.nanoTime();
            OptionalInt code = up.waitFor(settings.finalGuard());
            report.finalRun = Duration.ofNanos(System.nanoTime() - t0);
            if (code.isEmpty()) {
                report.stuck("the last up --until-done did not end within "
                        + settings.finalGuard().toSeconds() + " s; see final.log");
                sweep.trackAll(up.descendants());
                up.kill();
                up.waitFor(KILLED_EXIT);
            } else {
                report.finalExit = code.getAsInt();
                if (code.getAsInt() != 0) {
                    report.problem("the last up --until-done exited with " + code.getAsInt() + "; see final.log");
                }
            }
            afterwards(up, true);
            out.println("chaos: final up --until-done: exit " + exitText(code) + " after "
                    + ChaosReport.seconds(report.finalRun) + "; " + tasksDone.size() + " task(s) done");
        }
    }

    private void check() throws IOException {
        JournalFacts journal = JournalFacts.read(team.journal());
        TakenLedger taken = TakenLedger.read(team.configDir(), team.worktrees());
        StdinWrites stdin = StdinWrites.read(team.repo().resolve(".peers").resolve("logs"));
        ExactlyOnce.check(journal, taken, stdin, report);
        report.resent = stdin.resent(journal);
        checkBoard();
        Set<String> marks = new HashSet<>(sessions);
        marks.addAll(journal.sessionIds());
        taken.sessionFiles()
                .values()
                .forEach(files ->
                        files.forEach(f -> marks.add(f.getFileName().toString().replace(".jsonl", ""))));
        marks.add(team.repo() + "/");
        marks.add(dir + "/");
        List<ProcessHandle> left = sweep.alive(marks);
        for (ProcessHandle p : left) {
            report.problem("LEFT BEHIND: " + ProcessSweep.describe(p) + " is alive after the last up ended");
        }
    }

    private void checkBoard() throws IOException {
        StringWriter board = new StringWriter();
        StringWriter errors = new StringWriter();
        int code = Main.run(
                new PrintWriter(board, true),
                new PrintWriter(errors, true),
                "board",
                "--json",
                "-C",
                team.repo().toString());
        if (code != 0) {
            report.problem("peers-team board failed (" + code + "): " + errors);
            return;
        }
        JsonNode tasks = new ObjectMapper().readTree(board.toString()).path("tasks");
        List<String> open = new ArrayList<>();
        for (JsonNode task : tasks) {
            report.tasks++;
            if (task.path("status").asText().equals("done")) {
                report.tasksDone++;
            } else {
                open.add(task.path("id").asText() + " " + task.path("status").asText());
            }
        }
        if (report.tasks == 0) {
            report.problem("the board is empty: the lead's plan never reached it");
        } else if (!open.isEmpty()) {
            report.problem("the board is not done: " + open);
        }
    }

    // ---- leave nothing behind

    private void cleanUp() {
        for (ProcessHandle p : stopped) {
            try {
                Signals.resume(p);
            } catch (IOException | InterruptedException e) {
                // it is killed below anyway
            }
        }
        ups.forEach(UpProcess::close);
        Set<String> marks = new HashSet<>(sessions);
        marks.add(team.repo() + "/");
        marks.add(dir + "/");
        ProcessSweep.killAll(sweep.alive(marks));
    }

    private static String exitText(OptionalInt code) {
        return code.isPresent() ? Integer.toString(code.getAsInt()) : "none yet";
    }

    private static void awaitExit(ProcessHandle process) {
        try {
            process.onExit().get(KILLED_EXIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            // reported as a leftover at the end if it really stays
        }
    }
}
