package dev.peersteam.agent.sim;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Compares a line of the simulated agent with the real CLI's line of the same kind: same field names, value types
 * and field order, recursively (arrays by their first elements). Values are not compared, except that a value in a
 * recognisable format (a UUID, a timestamp, a {@code toolu_} or {@code msg_} id) must have that format in both.
 */
final class Shapes {
    /** Fields the real CLI has that the simulation leaves out on purpose. */
    static final Set<String> OPTIONAL = Set.of(
            "messaging_socket_path", // a socket the sim does not serve
            "blocked_path"); // the real CLI names the path a command would touch; the sim cannot know

    private static final List<Pattern> FORMATS = List.of(
            Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"),
            Pattern.compile("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z"),
            Pattern.compile("toolu_\\w+"),
            Pattern.compile("msg_\\w+"));

    private Shapes() {}

    static void assertSameShape(JsonNode real, JsonNode sim, String where) {
        compare(real, sim, where, false);
    }

    /** Like {@link #assertSameShape}, but {@code sim} may have fewer fields (a plausible subset, e.g. initialize). */
    static void assertSubsetShape(JsonNode real, JsonNode sim, String where) {
        compare(real, sim, where, true);
    }

    private static void compare(JsonNode real, JsonNode sim, String where, boolean subset) {
        assertThat(sim).as(where + " missing").isNotNull();
        assertThat(sim.getNodeType())
                .as(where + " type, real " + real + " sim " + sim)
                .isEqualTo(real.getNodeType());
        if (real.isObject()) {
            List<String> realKeys = keys(real);
            List<String> simKeys = keys(sim);
            List<String> expected = new ArrayList<>(realKeys);
            expected.removeIf(key -> OPTIONAL.contains(key) && !sim.has(key));
            if (subset) {
                assertThat(realKeys).as(where + " keys").containsAll(simKeys);
                expected.retainAll(simKeys);
            }
            assertThat(simKeys).as(where + " keys, in order").containsExactlyElementsOf(expected);
            for (Map.Entry<String, JsonNode> field : real.properties()) {
                if (sim.has(field.getKey())) {
                    compare(field.getValue(), sim.get(field.getKey()), where + "." + field.getKey(), subset);
                }
            }
        } else if (real.isTextual()) {
            for (Pattern format : FORMATS) {
                if (format.matcher(real.asText()).matches()) {
                    assertThat(sim.asText()).as(where + " format").matches(format);
                }
            }
        } else if (real.isArray()
                && !real.isEmpty()
                && !sim.isEmpty()
                && real.get(0).isObject()) {
            compare(real.get(0), sim.get(0), where + "[0]", subset);
        }
    }

    private static List<String> keys(JsonNode node) {
        List<String> keys = new ArrayList<>();
        node.fieldNames().forEachRemaining(keys::add);
        return keys;
    }
}
