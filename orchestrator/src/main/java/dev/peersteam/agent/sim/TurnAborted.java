package dev.peersteam.agent.sim;

/**
 * Unwinds a turn that must stop: the host interrupted it (or denied a tool with {@code interrupt:true}), or the
 * process is exiting. {@code toolUseId} names the tool call the turn was in when it stopped, if any: the real CLI
 * then reports {@code aborted_tools} and a rejected tool result rather than {@code aborted_streaming}.
 */
final class TurnAborted extends Exception {
    enum Cause {
        INTERRUPT,
        EXIT
    }

    private final Cause cause;
    private final String toolUseId;

    TurnAborted(Cause cause, String toolUseId) {
        super(cause.name(), null, false, false);
        this.cause = cause;
        this.toolUseId = toolUseId;
    }

    Cause reason() {
        return cause;
    }

    String toolUseId() {
        return toolUseId;
    }

    /** The same abort, located in a tool call (unless already located in an inner one). */
    TurnAborted inTool(String id) {
        return toolUseId != null ? this : new TurnAborted(cause, id);
    }
}
