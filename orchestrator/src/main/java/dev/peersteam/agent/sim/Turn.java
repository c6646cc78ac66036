package dev.peersteam.agent.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.peersteam.json.Json;
import java.math.BigDecimal;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A running turn as other threads see it: they can {@link #abort} it, and every wait of the turn thread ends as soon
 * as they do (no polling: the waits are on futures that the abort completes). Also collects what the turn's result reports: its
 * cost and permission denials.
 */
final class Turn implements Waiter {
    private final CompletableFuture<TurnAborted.Cause> abort = new CompletableFuture<>();
    private final ArrayNode permissionDenials = Json.MAPPER.createArrayNode();
    private BigDecimal cost;

    Turn(BigDecimal cost) {
        this.cost = cost;
    }

    /** What the turn adds to the session's cost: the per-turn default unless a {@code cost:} step changed it. */
    BigDecimal cost() {
        return cost;
    }

    void cost(BigDecimal usd) {
        cost = usd;
    }

    void abort(TurnAborted.Cause cause) {
        abort.complete(cause);
    }

    /** Throws if the turn was aborted; called between steps, so that quick steps notice an interrupt too. */
    void checkpoint() throws TurnAborted {
        if (abort.isDone()) {
            throw new TurnAborted(abort.join(), null);
        }
    }

    @Override
    public <T> T await(CompletableFuture<T> future) throws TurnAborted {
        CompletableFuture.anyOf(future, abort).exceptionally(e -> null).join();
        checkpoint(); // an abort wins over an answer that arrived at the same time
        return future.join();
    }

    /** Waits {@code millis} unless aborted first. */
    void pause(long millis) throws TurnAborted {
        try {
            TurnAborted.Cause cause = abort.get(millis, TimeUnit.MILLISECONDS);
            throw new TurnAborted(cause, null);
        } catch (TimeoutException e) {
            // slept the whole time
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TurnAborted(TurnAborted.Cause.EXIT, null);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e);
        }
    }

    void denied(String toolName, String toolUseId, JsonNode input) {
        permissionDenials
                .addObject()
                .put("tool_name", toolName)
                .put("tool_use_id", toolUseId)
                .set("tool_input", input);
    }

    ArrayNode permissionDenials() {
        return permissionDenials.deepCopy();
    }
}
