package dev.peersteam.coordinator;

import dev.peersteam.board.CriticalPath;
import dev.peersteam.control.SessionState;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.SequencedSet;
import java.util.function.BooleanSupplier;

/**
 * The team's {@code max_active}: at most that many sessions in a turn at once, so a big team stays within what the
 * account allows; and none starts a turn while the team is paused ({@link Pacing}: the API's limit, the hourly
 * budget). A message to a session that is already in a turn goes out as always (the CLI queues it or folds it
 * in); one that would start a turn while the cap is reached stays in the role's mailbox, and the role is held back
 * until a turn ends somewhere. Nothing is dropped and each role's order is kept: the mailbox is the queue.
 */
final class TurnCap {
    private final int max;
    private final BooleanSupplier paused;
    /** Held-back roles, oldest first. */
    private final SequencedSet<String> heldBack = new LinkedHashSet<>();

    /**
     * @param max the cap; 0 for none
     * @param paused whether no new turn may start for now, whatever the cap
     */
    TurnCap(int max, BooleanSupplier paused) {
        this.max = max;
        this.paused = paused;
    }

    /**
     * Whether a message may be written to {@code target} now: always when it is in a turn already; else only when
     * the team is not paused and, under a cap, there is room and nobody else is held back (those go first, in their
     * order). When not, the role joins the held-back roles.
     */
    boolean admit(Member target, Collection<Member> members) {
        if (inTurn(target)) {
            heldBack.remove(target.name());
            return true;
        }
        // Roles held back go first; one of them that only now can take its messages (its session just became
        // ready) goes as soon as there is room, or it would wait for a turn to end elsewhere, perhaps forever.
        if (hasRoom(members) && (max == 0 || heldBack.isEmpty() || heldBack.contains(target.name()))) {
            heldBack.remove(target.name());
            return true;
        }
        heldBack.add(target.name());
        return false;
    }

    /** A turn may start: the team is not paused, and fewer sessions are in a turn than the cap allows. */
    boolean hasRoom(Collection<Member> members) {
        if (paused.getAsBoolean()) {
            return false;
        }
        return max == 0 || members.stream().filter(TurnCap::inTurn).count() < max;
    }

    boolean holdsAnyBack() {
        return !heldBack.isEmpty();
    }

    boolean isHeldBack(String role) {
        return heldBack.contains(role);
    }

    /**
     * The held-back roles to try now, in the order they should go: the one holding the task with the longest chain of
     * open work behind it first (the board cannot finish before that chain does), then the one waiting longest.
     */
    List<String> nextInLine(CriticalPath path) {
        List<String> order = new ArrayList<>(heldBack); // oldest first; the sort below is stable
        order.sort(Comparator.comparingInt(path::ofRole).reversed());
        return order;
    }

    /** A role that takes no more messages, or has none waiting, is not held back any more. */
    void forget(String role) {
        heldBack.remove(role);
    }

    /** In a turn, or about to be: busy, or idle with messages written that its CLI has not started yet. */
    private static boolean inTurn(Member member) {
        return member.state() == SessionState.BUSY
                || (member.state() == SessionState.IDLE && !member.mailbox.nothingInFlight());
    }
}
