package dev.peersteam.board;

import dev.peersteam.team.ReservedNames;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;

/**
 * Who asks for a board change, and the team's role names (to validate assignees). The lead and the human manage
 * the board: they may change and (re)assign any task and reopen finished ones; other roles change only their own.
 */
public record Actor(String name, boolean lead, Set<String> roles) {
    public static final String HUMAN = ReservedNames.HUMAN;

    public Actor {
        Objects.requireNonNull(name, "name");
        // Keep the team file's order: error messages list the roles as people wrote them.
        roles = Collections.unmodifiableSet(new LinkedHashSet<>(roles));
    }

    public static Actor role(String name, boolean lead, Collection<String> roles) {
        return new Actor(name, lead, new LinkedHashSet<>(roles));
    }

    public static Actor human(Collection<String> roles) {
        return new Actor(HUMAN, false, new LinkedHashSet<>(roles));
    }

    public boolean isHuman() {
        return HUMAN.equals(name);
    }

    /** The lead and the human may change any task, assign, and reopen. */
    public boolean manages() {
        return lead || isHuman();
    }
}
