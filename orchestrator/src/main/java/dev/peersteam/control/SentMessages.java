package dev.peersteam.control;

import java.util.List;

/** The answer to {@link ControlRequest.Send}: one entry per role the message went to (several for {@code all}). */
public record SentMessages(List<SentMessage> sent) implements ControlReply {

    public SentMessages {
        sent = sent == null ? List.of() : List.copyOf(sent);
    }
}
