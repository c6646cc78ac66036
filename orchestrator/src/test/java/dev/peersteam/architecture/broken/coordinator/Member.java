package dev.peersteam.architecture.broken.coordinator;

/** A coordinator internal (public here only so that {@code runtime.Wiring} can break the rule). */
public final class Member {
    public void take(String event) {}
}
