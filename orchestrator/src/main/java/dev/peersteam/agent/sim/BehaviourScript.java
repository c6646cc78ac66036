package dev.peersteam.agent.sim;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A parsed behaviour script: per role, the rules that turn messages into steps, plus the per-turn cost and the
 * faults to inject. The file format is described in the {@linkplain dev.peersteam.agent.sim package documentation};
 * {@link ScriptLoader} reads it.
 *
 * @param costPerTurn what each turn adds to {@code total_cost_usd}, or null for the default
 * @param roles by role name; the role {@value #ANY_ROLE} applies to every role, after the role's own rules
 */
public record BehaviourScript(BigDecimal costPerTurn, Faults faults, Map<String, RoleScript> roles) {
    public static final String ANY_ROLE = "*";
    /** Used when no script is given: every message gets a short acknowledgement. */
    public static final BehaviourScript EMPTY = new BehaviourScript(null, Faults.NONE, Map.of());

    static final BigDecimal DEFAULT_COST_PER_TURN = new BigDecimal("0.01");

    public BehaviourScript {
        roles = Map.copyOf(roles);
    }

    /** One role's part of the script; {@code costPerTurn} may be null (then the script's applies). */
    public record RoleScript(BigDecimal costPerTurn, Faults faults, List<Rule> rules) {
        static final RoleScript NONE = new RoleScript(null, Faults.NONE, List.of());

        public RoleScript {
            rules = List.copyOf(rules);
        }
    }

    /** What one role does: its rules then those for every role; cost and faults layered script, "*", role. */
    public Behaviour forRole(String role) {
        RoleScript any = roles.getOrDefault(ANY_ROLE, RoleScript.NONE);
        RoleScript own = roles.getOrDefault(role, RoleScript.NONE);
        List<Rule> rules = new ArrayList<>(own.rules());
        rules.addAll(any.rules());
        BigDecimal cost = own.costPerTurn() != null
                ? own.costPerTurn()
                : any.costPerTurn() != null
                        ? any.costPerTurn()
                        : costPerTurn != null ? costPerTurn : DEFAULT_COST_PER_TURN;
        return new Behaviour(
                role, rules, cost, faults.overriddenBy(any.faults()).overriddenBy(own.faults()));
    }

    /** The resolved behaviour of one role. */
    public record Behaviour(String role, List<Rule> rules, BigDecimal costPerTurn, Faults faults) {
        public Behaviour {
            rules = List.copyOf(rules);
        }
    }
}
