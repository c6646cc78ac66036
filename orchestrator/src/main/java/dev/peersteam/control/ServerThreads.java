package dev.peersteam.control;

import java.util.concurrent.atomic.AtomicInteger;

/** The server's connection threads (virtual), counted, so that a flood can be seen to leave nothing behind. */
final class ServerThreads {
    private final AtomicInteger live = new AtomicInteger();

    void start(String name, Runnable work) {
        live.incrementAndGet();
        try {
            Thread.ofVirtual().name(name).start(() -> {
                try {
                    work.run();
                } finally {
                    live.decrementAndGet();
                }
            });
        } catch (RuntimeException | Error e) {
            live.decrementAndGet();
            throw e;
        }
    }

    int live() {
        return live.get();
    }
}
