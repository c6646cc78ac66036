package dev.peersteam.testing;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The fake model's behaviour: one reply per request. Called concurrently (one thread per HTTP request), so keep
 * state thread-safe. If it throws, the fake answers HTTP 500 and records the failure
 * ({@link FakeAnthropicApi#failures()}).
 *
 * <pre>{@code
 * Script alice = req -> req.isToolResultTurn()
 *         ? ModelReply.text("done")
 *         : ModelReply.toolUse("mcp__peers__send_message", Map.of("to", "bob", "text", "hi"));
 * Script team = Script.byRole(Map.of(
 *         "alice", alice,
 *         "bob", Script.sequence(ModelReply.text("hello alice"), ModelReply.text("bye"))));
 * }</pre>
 */
@FunctionalInterface
public interface Script {
    ModelReply reply(ModelRequest request) throws Exception;

    /** Always the same reply. */
    static Script always(ModelReply reply) {
        return request -> reply;
    }

    /**
     * The given replies, one per main-loop request ({@link ModelRequest#isMainLoop()}), in order; fails when they run
     * out. Side requests get {@code text("ok")} without consuming a reply.
     */
    static Script sequence(ModelReply... replies) {
        List<ModelReply> list = List.of(replies);
        AtomicInteger next = new AtomicInteger();
        return request -> {
            if (!request.isMainLoop()) {
                return ModelReply.text("ok");
            }
            int i = next.getAndIncrement();
            if (i >= list.size()) {
                throw new IllegalStateException("script sequence exhausted: it had " + list.size()
                        + " replies, this is main-loop request " + (i + 1) + ": " + request.summary());
            }
            return list.get(i);
        };
    }

    /**
     * Routes each request to the script whose key occurs in its system prompt (first match in the map's iteration
     * order, so pass a {@link LinkedHashMap} when keys overlap); fails when none matches.
     */
    static Script byMarker(Map<String, ? extends Script> scriptsByMarker) {
        Map<String, Script> copy = new LinkedHashMap<>(scriptsByMarker);
        return request -> {
            String system = request.systemText();
            for (Map.Entry<String, Script> e : copy.entrySet()) {
                if (system.contains(e.getKey())) {
                    return e.getValue().reply(request);
                }
            }
            throw new IllegalStateException(
                    "no script for this request: its system prompt contains none of the markers " + copy.keySet() + ": "
                            + request.summary());
        };
    }

    /**
     * Routes each request by the role in the system prompt line {@code You are the role "alice" in team "demo"}
     * ({@link ModelRequest#teamRole()}); fails for a request without a role or with an unknown one.
     */
    static Script byRole(Map<String, ? extends Script> scriptsByRole) {
        Map<String, Script> copy = Map.copyOf(scriptsByRole);
        return request -> {
            String role = request.teamRole()
                    .orElseThrow(() -> new IllegalStateException(
                            "no script for this request: its system prompt has no 'You are the role \"…\"' line: "
                                    + request.summary()));
            Script script = copy.get(role);
            if (script == null) {
                throw new IllegalStateException("no script for role \"" + role + "\" (scripted roles: " + copy.keySet()
                        + "): " + request.summary());
            }
            return script.reply(request);
        };
    }
}
