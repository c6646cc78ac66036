package dev.peersteam.agent.sim;

/**
 * The settings the host may change while the agent runs ({@code set_model}, {@code set_permission_mode}, handled on
 * the stdin reader thread) and that the turn thread reads.
 */
final class LiveSettings {
    private volatile String model;
    private volatile String permissionMode;

    LiveSettings(String model, String permissionMode) {
        this.model = model;
        this.permissionMode = permissionMode;
    }

    String model() {
        return model;
    }

    void model(String resolved) {
        model = resolved;
    }

    String permissionMode() {
        return permissionMode;
    }

    void permissionMode(String mode) {
        permissionMode = mode;
    }
}
