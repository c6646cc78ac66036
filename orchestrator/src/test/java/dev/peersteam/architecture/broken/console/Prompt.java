package dev.peersteam.architecture.broken.console;

import dev.peersteam.architecture.broken.cli.Verb;

/** The other half of the cycle with {@link Verb}. */
public final class Prompt {
    public String ask() {
        return new Verb().getClass().getSimpleName();
    }
}
