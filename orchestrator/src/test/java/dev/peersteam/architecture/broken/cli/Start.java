package dev.peersteam.architecture.broken.cli;

import dev.peersteam.architecture.broken.coordinator.Coordinator;

/** Keeps the rules: a verb that starts a team may hand it its settings. */
public final class Start {
    public Coordinator.Settings settings() {
        return new Coordinator.Settings(true);
    }
}
