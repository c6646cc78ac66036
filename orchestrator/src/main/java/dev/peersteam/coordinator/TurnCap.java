package dev.peersteam.coordinator;

import dev.peersteam.board.CriticalPath;
import dev.peersteam.control.SessionState;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.SequencedSet;

/**
 * The team's {@code max_active}: at most that many sessions in a turn at once, so a big team stays within what the
 * account allows. A message to a session that is already in a turn goes out as always (the CLI queues it or folds it
 * in); one that would start a turn while the cap is reached stays in the role's mailbox, and the role is held back
 * until a turn ends somewhere. Nothing is dropped and each role's order is kept: the mailbox is the queue.
 */
final class TurnCap {
    private final int max;
    /** Held-back roles, oldest first. */
    private final SequencedSet<String> heldBack = new LinkedHashSet<>();

    /** @param max the cap; 0 for none */
    TurnCap(int max) {
        this.max = max;
    }

    /**
     * Whether a message may be written to {@code target} now: always when there is no cap or it is in a turn
     * already; else only when there is room and nobody is held back (those go first, in their order). When not, the
     * role joins the held-back roles.
     */
    boolean admit(Member target, Collection<Member> members) {
        if (max == 0 || inTurn(target)) {
            heldBack.remove(target.name());
            return true;
        }
        if (heldBack.isEmpty() && hasRoom(members)) {
            return true;
        }
        heldBack.add(target.name());
        return false;
    }

    /** Fewer sessions are in a turn than the cap allows. */
    boolean hasRoom(Collection<Member> members) {
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
