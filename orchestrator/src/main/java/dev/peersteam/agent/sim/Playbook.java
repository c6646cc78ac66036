package dev.peersteam.agent.sim;

import dev.peersteam.agent.sim.BehaviourScript.Behaviour;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Chooses what a role does with a message: the steps of its first matching rule, with the variables filled in, or a
 * short acknowledgement when no rule matches. Used by the turn thread only.
 */
final class Playbook {
    private static final int ECHO_CHARS = 80;

    private final Behaviour behaviour;
    private final Set<Integer> fired = new HashSet<>();

    Playbook(Behaviour behaviour) {
        this.behaviour = behaviour;
    }

    /** The steps for {@code message}; {@code firstTurn} is true for the session's very first turn. */
    List<Step> stepsFor(Incoming message, boolean firstTurn) {
        Variables variables = Variables.of(message, behaviour.role());
        List<Rule> rules = behaviour.rules();
        for (int i = 0; i < rules.size(); i++) {
            Rule rule = rules.get(i);
            if (rule.matches(message, firstTurn) && !(rule.once() && fired.contains(i))) {
                fired.add(i);
                return rule.steps().stream().map(step -> step.expand(variables)).toList();
            }
        }
        return List.of(new Step.Say("Noted: " + firstLine(message.body())));
    }

    private static String firstLine(String text) {
        String line = text.strip().lines().findFirst().orElse("");
        return line.length() <= ECHO_CHARS ? line : line.substring(0, ECHO_CHARS) + "…";
    }
}
