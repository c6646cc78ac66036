package dev.peersteam.tools;

/** A call of one of the team tools, with its arguments checked. */
public sealed interface ToolCall {
    record SendMessage(String to, String text) implements ToolCall {}

    record ListPeers() implements ToolCall {}
}
