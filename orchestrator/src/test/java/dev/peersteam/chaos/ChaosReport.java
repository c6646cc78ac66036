package dev.peersteam.chaos;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What a chaos run did and found. {@link #problems()} empty means every guarantee held; each problem is a whole
 * sentence with its evidence (message, files and lines), and {@link #summary()} starts with the seed and the folder
 * that holds the journal, the transcripts and every {@code up}'s output.
 */
public final class ChaosReport {
    private final long seed;
    private final Path dir;
    private final List<String> problems = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private final List<Duration> readyAfterKill = new ArrayList<>();
    int coordinatorKills;
    int killsBeforeReady;
    int agentKills;
    int agentKillsMidTurn;
    int stops;
    int messages;
    int lost;
    int twice;
    int resent;
    int warnedResends;
    int stuck;
    int tasks;
    int tasksDone;
    Integer finalExit;
    Duration finalRun;
    Duration elapsed;

    ChaosReport(long seed, Path dir) {
        this.seed = seed;
        this.dir = dir;
    }

    void problem(String text) {
        problems.add(text);
    }

    /** A hang: a guard ran out. */
    void stuck(String text) {
        stuck++;
        problems.add("STUCK: " + text);
    }

    void note(String text) {
        notes.add(text);
    }

    void readyAfterKill(Duration time) {
        readyAfterKill.add(time);
    }

    public long seed() {
        return seed;
    }

    public Path dir() {
        return dir;
    }

    public List<String> problems() {
        return List.copyOf(problems);
    }

    public int coordinatorKills() {
        return coordinatorKills;
    }

    /** Coordinator kills that struck before every role of that {@code up} was ready (while sessions started). */
    public int killsBeforeReady() {
        return killsBeforeReady;
    }

    /** The exit code of the last {@code up --until-done}; null when it never ended. */
    public Integer finalExit() {
        return finalExit;
    }

    public int agentKills() {
        return agentKills;
    }

    public int agentKillsMidTurn() {
        return agentKillsMidTurn;
    }

    public int stops() {
        return stops;
    }

    public int messages() {
        return messages;
    }

    public int lost() {
        return lost;
    }

    public int twice() {
        return twice;
    }

    /** Messages the coordinator wrote to an agent's stdin more than once (re-sent after a crash). */
    public int resent() {
        return resent;
    }

    /**
     * Messages sent again after a notice that the session lost its record of the turn that had handled them (killed
     * right after the turn, before its transcript had it): by design the model sees them twice, warned to check first.
     */
    public int warnedResends() {
        return warnedResends;
    }

    /** Hangs: an {@code up} whose roles never became ready, a restart that never came, a last run that never ended. */
    public int stuck() {
        return stuck;
    }

    public int tasks() {
        return tasks;
    }

    public int tasksDone() {
        return tasksDone;
    }

    /** From an {@code up} that follows a kill until every role is ready, for each such {@code up} that got there. */
    public List<Duration> readyAfterKill() {
        return List.copyOf(readyAfterKill);
    }

    public Duration elapsed() {
        return elapsed;
    }

    public Duration finalRun() {
        return finalRun;
    }

    public String summary() {
        StringBuilder text = new StringBuilder();
        text.append("chaos seed ")
                .append(seed)
                .append(" (run it again with -Dchaos.seed=")
                .append(seed)
                .append("); evidence in ")
                .append(dir)
                .append('\n');
        text.append(String.format(
                Locale.ROOT,
                "coordinator kills %d (%d before every role was ready), agent kills %d (%d mid-turn), agent stops %d;"
                        + " messages %d: lost %d, handled twice %d, re-sent by the coordinator %d (%d after a lost-record"
                        + " warning); stuck %d;"
                        + " tasks %d/%d done; last up --until-done exit %s in %s; ready after a kill: %s;"
                        + " whole run %s%n",
                coordinatorKills,
                killsBeforeReady,
                agentKills,
                agentKillsMidTurn,
                stops,
                messages,
                lost,
                twice,
                resent,
                warnedResends,
                stuck,
                tasksDone,
                tasks,
                finalExit == null ? "none" : finalExit.toString(),
                seconds(finalRun),
                readiness(),
                seconds(elapsed)));
        notes.forEach(n -> text.append("  note: ").append(n).append('\n'));
        if (problems.isEmpty()) {
            text.append("no problems: every message was taken exactly once, the board is done, nothing hung, no"
                    + " process was left behind\n");
        } else {
            text.append(problems.size()).append(" problem(s):\n");
            problems.forEach(p -> text.append("- ").append(p).append('\n'));
        }
        return text.toString();
    }

    /** Median and p99 of the time to ready after a kill. */
    public String readiness() {
        if (readyAfterKill.isEmpty()) {
            return "never measured";
        }
        return String.format(
                Locale.ROOT,
                "median %s, p99 %s (%d ups)",
                seconds(percentile(readyAfterKill, 50)),
                seconds(percentile(readyAfterKill, 99)),
                readyAfterKill.size());
    }

    /** The nearest-rank percentile. */
    public static Duration percentile(List<Duration> values, int p) {
        List<Duration> sorted = values.stream().sorted().toList();
        int rank = (int) Math.ceil(p / 100.0 * sorted.size());
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1)));
    }

    static String seconds(Duration d) {
        return d == null ? "—" : String.format(Locale.ROOT, "%.2f s", d.toNanos() / 1e9);
    }

    void write(Path file) throws IOException {
        Files.writeString(file, summary());
    }
}
