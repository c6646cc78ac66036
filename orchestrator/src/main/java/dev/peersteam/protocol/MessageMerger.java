package dev.peersteam.protocol;

import dev.peersteam.protocol.CliMessage.Assistant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Rebuilds whole assistant messages from the CLI's one-frame-per-block output: frames with the same message id
 * belong together; a frame of another id, or any non-assistant frame, completes the message before it.
 */
public final class MessageMerger {

    /** A complete assistant message. */
    public record AssistantMessage(String messageId, List<ContentBlock> content, boolean aborted) {}

    private String currentId;
    private final List<ContentBlock> blocks = new ArrayList<>();
    private boolean aborted;

    /** Feeds the next frame; returns the message it completed, if any. */
    public Optional<AssistantMessage> accept(CliMessage message) {
        if (message instanceof Assistant frame && frame.parentToolUseId() == null) {
            Optional<AssistantMessage> done =
                    frame.messageId() != null && frame.messageId().equals(currentId) ? Optional.empty() : flush();
            currentId = frame.messageId();
            blocks.addAll(frame.content());
            aborted |= frame.aborted();
            return done;
        }
        return message instanceof Assistant ? Optional.empty() : flush();
    }

    /** Completes the message in progress, if any (e.g. at end of stream). */
    public Optional<AssistantMessage> flush() {
        if (currentId == null && blocks.isEmpty()) {
            return Optional.empty();
        }
        AssistantMessage done = new AssistantMessage(currentId, List.copyOf(blocks), aborted);
        currentId = null;
        blocks.clear();
        aborted = false;
        return Optional.of(done);
    }
}
