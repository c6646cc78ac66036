package dev.peersteam.agent.sim;

/**
 * Faults the simulated agent injects on purpose, for tests of the coordinator. Every field is optional: {@code null}
 * means "not set here", so a script's global faults, its role's faults and the command-line options can be layered
 * with {@link #overriddenBy}; except for {@code crashAfterTurns}, a value of 0 switches a fault off.
 *
 * @param crashAfterTurns after this many completed turns (0: at once), the next turn writes its first frame and the
 *     process dies with exit code {@link #CRASH_EXIT_CODE}, as if killed mid-turn
 * @param garbageEvery after every this many frames, write a line that is not JSON and a line that starts with
 *     {@code {} but does not parse
 * @param slowMs delay before each frame
 * @param hugeLineBytes the first turn starts with one text block of exactly this many bytes
 * @param exitOnStart exit with this code at once, before reading anything
 */
public record Faults(
        Integer crashAfterTurns, Integer garbageEvery, Integer slowMs, Integer hugeLineBytes, Integer exitOnStart) {

    /** What a process killed by SIGKILL reports (128 + 9). */
    public static final int CRASH_EXIT_CODE = 137;

    public static final Faults NONE = new Faults(null, null, null, null, null);

    /** This layer with every field that {@code other} sets replaced by {@code other}'s value. */
    public Faults overriddenBy(Faults other) {
        return new Faults(
                pick(other.crashAfterTurns, crashAfterTurns),
                pick(other.garbageEvery, garbageEvery),
                pick(other.slowMs, slowMs),
                pick(other.hugeLineBytes, hugeLineBytes),
                pick(other.exitOnStart, exitOnStart));
    }

    int garbage() {
        return orZero(garbageEvery);
    }

    int slow() {
        return orZero(slowMs);
    }

    int hugeLine() {
        return orZero(hugeLineBytes);
    }

    private static Integer pick(Integer preferred, Integer fallback) {
        return preferred != null ? preferred : fallback;
    }

    private static int orZero(Integer value) {
        return value == null ? 0 : value;
    }
}
