package dev.peersteam.agent.sim;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The agent's own control requests to the host ({@code can_use_tool}, {@code mcp_message}): sends them with fresh
 * UUID request ids, as the real CLI does, and completes each one's future when the stdin reader sees the answer.
 * Answers to ids it no longer waits for are ignored (the real CLI ignores a late answer to a cancelled request).
 */
final class HostRequests {
    private final FrameWriter writer;
    private final Frames frames;
    private final Map<String, CompletableFuture<HostAnswer>> pending = new ConcurrentHashMap<>();
    private volatile String closedReason;

    HostRequests(FrameWriter writer, Frames frames) {
        this.writer = writer;
        this.frames = frames;
    }

    CompletableFuture<HostAnswer> send(ObjectNode request) {
        String id = UUID.randomUUID().toString();
        CompletableFuture<HostAnswer> answer = new CompletableFuture<>();
        pending.put(id, answer);
        String closed = closedReason;
        if (closed != null) {
            pending.remove(id);
            answer.complete(new HostAnswer.Failure(closed));
            return answer;
        }
        writer.write(frames.controlRequest(id, request));
        return answer;
    }

    /** Called by the stdin reader with the host's {@code control_response}. */
    void answered(String requestId, HostAnswer answer) {
        CompletableFuture<HostAnswer> waiting = pending.remove(requestId);
        if (waiting != null) {
            waiting.complete(answer);
        }
    }

    /** Withdraws every open request with a {@code control_cancel_request}, as the real CLI does on interrupt. */
    void cancelAll() {
        for (String id : List.copyOf(pending.keySet())) {
            CompletableFuture<HostAnswer> waiting = pending.remove(id);
            if (waiting != null) {
                writer.write(frames.controlCancel(id));
                waiting.complete(new HostAnswer.Failure("cancelled"));
            }
        }
    }

    /** No answer can come any more (stdin closed, or exiting): fails open and future requests with {@code reason}. */
    void close(String reason) {
        closedReason = reason;
        for (String id : List.copyOf(pending.keySet())) {
            CompletableFuture<HostAnswer> waiting = pending.remove(id);
            if (waiting != null) {
                waiting.complete(new HostAnswer.Failure(reason));
            }
        }
    }
}
