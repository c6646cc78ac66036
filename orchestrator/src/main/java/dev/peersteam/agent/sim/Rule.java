package dev.peersteam.agent.sim;

import java.util.List;
import java.util.Locale;

/**
 * One rule of a role's behaviour: when a message matches {@code on} (and the optional filters), the agent runs the
 * {@code steps} as its turn. A role's rules are tried in file order and the first match wins.
 *
 * @param on what kind of message starts the rule
 * @param from only messages from this role (the {@code [from ROLE]} prefix), or null for any sender
 * @param contains only messages whose text contains this (ignoring case), or null
 * @param once the rule fires at most once per process (stops two scripted roles from answering each other forever)
 */
public record Rule(Trigger on, String from, String contains, boolean once, List<Step> steps) {

    public Rule {
        steps = List.copyOf(steps);
    }

    public enum Trigger {
        /** The first turn of the session (the first message it ever gets; not again after a resume). */
        START,
        /** Any message. */
        MESSAGE,
        /** A message that carries a task id such as {@code T3}. */
        TASK;

        String yamlName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    boolean matches(Incoming message, boolean firstTurn) {
        boolean kind = switch (on) {
            case START -> firstTurn;
            case MESSAGE -> true;
            case TASK -> message.taskId().isPresent();
        };
        return kind
                && (from == null || from.equalsIgnoreCase(message.from()))
                && (contains == null
                        || message.text().toLowerCase(Locale.ROOT).contains(contains.toLowerCase(Locale.ROOT)));
    }
}
