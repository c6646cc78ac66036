package dev.peersteam.team;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Names no role may have, because the coordinator speaks or listens under them. A model reads every message as
 * {@code [from SENDER] text}: a role named {@code board} could send what reads exactly like a task from the board,
 * and a role named {@code human} like a word from the person. The coordinator's senders take their names from here,
 * so a new sender cannot be added without being reserved.
 */
public final class ReservedNames {
    private ReservedNames() {}

    /** The person: sender of their messages and the goal, and the target that reaches them. */
    public static final String HUMAN = "human";

    /** The target that reaches every role at once. */
    public static final String ALL = "all";

    /** Sender of the task board's messages: tasks handed out, tasks that ended, reminders. */
    public static final String BOARD = "board";

    /** Sender of commit and task notices to watching roles. */
    public static final String WATCH = "watch";

    /** Sender of notices about shared files (contracts) that changed or were changed by a role not owning them. */
    public static final String SHARED = "shared";

    /** Sender of alerts when two roles touch the same files, or a claimed file. */
    public static final String OVERLAP = "overlap";

    /** Sender of the coordinator's own notices to a role (a resumed session whose turn was cut off). */
    public static final String PEERS_TEAM = "peers-team";

    /** The coordinator as the actor of the board changes it makes itself ("by coordinator"). */
    public static final String COORDINATOR = "coordinator";

    /** How the live log and the console call the person ("backend -> you: ..."). */
    public static final String YOU = "you";

    /** A reserved name and why it is reserved. */
    public record Reserved(String name, String why) {}

    /** Every reserved name, with why, in the order error messages list them. */
    public static final List<Reserved> ALL_RESERVED = List.of(
            new Reserved(HUMAN, "the person: their messages reach the team as [from human]"),
            new Reserved(ALL, "the message target that reaches every role"),
            new Reserved(BOARD, "the task board's messages arrive as [from board]"),
            new Reserved(WATCH, "commit and task notices arrive as [from watch]"),
            new Reserved(SHARED, "shared-file notices arrive as [from shared]"),
            new Reserved(OVERLAP, "overlap alerts arrive as [from overlap]"),
            new Reserved(PEERS_TEAM, "the coordinator's own notices arrive as [from peers-team]"),
            new Reserved(COORDINATOR, "the board names the coordinator as the author of the changes it makes"),
            new Reserved(YOU, "the live log and the console call the person 'you'"));

    /** Why {@code name} is reserved, or empty when it is free. */
    public static Optional<Reserved> find(String name) {
        return ALL_RESERVED.stream()
                .filter(reserved -> reserved.name().equals(name))
                .findFirst();
    }

    public static boolean isReserved(String name) {
        return find(name).isPresent();
    }

    /** "human, all, board, watch, shared, overlap, peers-team, coordinator, you". */
    public static String listed() {
        return ALL_RESERVED.stream().map(Reserved::name).collect(Collectors.joining(", "));
    }
}
