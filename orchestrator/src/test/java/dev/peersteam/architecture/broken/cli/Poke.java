package dev.peersteam.architecture.broken.cli;

import dev.peersteam.architecture.broken.coordinator.Coordinator;

/** Breaks "clients steer through control": it talks to the coordinator object itself. */
public final class Poke {
    public void poke(Coordinator coordinator) {
        coordinator.post("hello");
    }
}
