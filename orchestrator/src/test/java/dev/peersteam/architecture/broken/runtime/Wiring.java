package dev.peersteam.architecture.broken.runtime;

import dev.peersteam.architecture.broken.coordinator.Member;

/** Breaks "coordinator internals stay inside": it reaches past the entry points. */
public final class Wiring {
    public Member member() {
        return new Member();
    }
}
