package dev.peersteam.permission;

/** The answer to a {@code can_use_tool} request. */
public sealed interface Verdict {
    record Allow(String reason) implements Verdict {}

    /** {@code message} goes back to the model as the tool's error result, so it must say what to do instead. */
    record Deny(String message) implements Verdict {}

    /** The rules do not settle it: a person must decide (or the headless default applies). */
    record Ask(String why) implements Verdict {}
}
