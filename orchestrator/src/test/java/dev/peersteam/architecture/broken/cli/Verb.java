package dev.peersteam.architecture.broken.cli;

import dev.peersteam.architecture.broken.console.Prompt;

/** Breaks "no package cycles": cli uses console, which uses cli. */
public final class Verb {
    public String run(Prompt prompt) {
        return prompt.ask();
    }
}
