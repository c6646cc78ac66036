package dev.peersteam.control;

/**
 * The body of an {@code ok} answer: one record per kind of request ({@link ControlRequest.Call#replyType()}). On the
 * wire a body carries no type of its own; the client knows which request it asked and reads the body as that one's.
 */
public sealed interface ControlReply
        permits CoordinatorInfo,
                PsReply,
                BoardView,
                TaskView,
                SentMessages,
                Interrupted,
                Decided,
                Stopping,
                VerbOutput {}
