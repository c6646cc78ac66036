package dev.peersteam.agent.sim;

/** A behaviour script that cannot be used; the message names the file, line and column. */
public final class ScriptException extends Exception {
    public ScriptException(String message) {
        super(message);
    }

    public ScriptException(String message, Throwable cause) {
        super(message, cause);
    }
}
