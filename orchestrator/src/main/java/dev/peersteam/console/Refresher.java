package dev.peersteam.console;

/**
 * Runs a refresh on a background thread when asked, never two at once: asks that come while one runs are folded
 * into one more run after it. No timer, no polling: it runs only when something changed.
 */
final class Refresher {
    private final Runnable refresh;
    private final Object lock = new Object();
    private boolean running; // guarded by lock
    private boolean again; // guarded by lock
    private boolean closed; // guarded by lock

    Refresher(Runnable refresh) {
        this.refresh = refresh;
    }

    void request() {
        synchronized (lock) {
            if (closed) {
                return;
            }
            if (running) {
                again = true;
                return;
            }
            running = true;
        }
        Thread.ofVirtual().name("console-refresh").start(this::loop);
    }

    void close() {
        synchronized (lock) {
            closed = true;
        }
    }

    private void loop() {
        while (true) {
            try {
                refresh.run();
            } catch (RuntimeException e) {
                // the picture stays as it was; the next change asks again
            }
            synchronized (lock) {
                if (!again || closed) {
                    running = false;
                    return;
                }
                again = false;
            }
        }
    }
}
