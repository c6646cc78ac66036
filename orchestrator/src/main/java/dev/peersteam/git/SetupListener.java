package dev.peersteam.git;

/** Hears about the progress of {@link WorktreeSetup}; called on the thread that runs the setup. */
public interface SetupListener {
    /** Hears nothing. */
    SetupListener NONE = new SetupListener() {
        @Override
        public void started(String role, SetupStep step) {}

        @Override
        public void finished(String role, SetupStep step, boolean ok) {}
    };

    void started(String role, SetupStep step);

    void finished(String role, SetupStep step, boolean ok);
}
