package dev.peersteam.architecture.broken.coordinator;

/** An entry point of the coordinator, with the settings a starter hands it. */
public final class Coordinator {
    public record Settings(boolean untilDone) {}

    public void post(String event) {
        new Member().take(event);
    }
}
