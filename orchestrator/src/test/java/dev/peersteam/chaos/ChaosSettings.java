package dev.peersteam.chaos;

import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Predicate;

/**
 * How hard a chaos run hits and how long it waits. The guards are hang guards only: generous, and a guard that runs
 * out is reported as a hang, never taken as the normal way for a step to end.
 *
 * @param seed the plan's seed (printed; {@code -Dchaos.seed} runs a plan again)
 * @param kills SIGKILLs of the coordinator, each followed by {@code up}
 * @param agentKills SIGKILLs of an agent process mid-turn (the coordinator restarts it)
 * @param stops SIGSTOPs of an agent for {@code stopFor}, then SIGCONT
 * @param stopFor how long a stopped agent stays stopped: longer than a turn
 * @param readyGuard how long an {@code up} may take until every role is ready (and a killed agent's restart)
 * @param strikeGuard how long to wait for a strike's moment (a line, a tool call) before striking anyway: a team
 *     that has gone quiet prints nothing more
 * @param finalGuard how long the last {@code up --until-done} may take to end
 * @param firstStrikeAfter a live-log line the first {@code up} must print before anything is hurt (e.g. the lead's
 *     plan is on the board: a script cannot redo a plan it lost); null for none
 * @param java the JDK's launcher for {@code up}
 * @param jar the packaged {@code peers-team.jar}
 */
public record ChaosSettings(
        long seed,
        int kills,
        int agentKills,
        int stops,
        Duration stopFor,
        Duration readyGuard,
        Duration strikeGuard,
        Duration finalGuard,
        Predicate<String> firstStrikeAfter,
        Path java,
        Path jar) {

    /** The seed from {@code -Dchaos.seed}, else a new one. */
    public static long seedFromProperty() {
        String given = System.getProperty("chaos.seed");
        return given == null || given.isBlank() ? new java.security.SecureRandom().nextLong() : Long.parseLong(given);
    }

    /** The number from {@code -Dchaos.NAME}, else {@code otherwise} (to run a longer or shorter plan by hand). */
    public static int intProperty(String name, int otherwise) {
        String given = System.getProperty("chaos." + name);
        return given == null || given.isBlank() ? otherwise : Integer.parseInt(given);
    }

    /** The java that runs this process. */
    public static Path thisJava() {
        return Path.of(ProcessHandle.current().info().command().orElse("java"));
    }
}
