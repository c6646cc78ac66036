package dev.peersteam.agent.sim;

import java.util.concurrent.CompletableFuture;

/** How the turn thread waits for something (an answer from the host, a process): abortably inside a turn. */
interface Waiter {
    <T> T await(CompletableFuture<T> future) throws TurnAborted;

    /**
     * Outside a turn (the {@code initialize} handshake) nothing can abort the wait; it ends when the host answers, or
     * when no answer can come any more (stdin closed, exiting), which {@link HostRequests#close} reports.
     */
    Waiter UNTIL_DONE = new Waiter() {
        @Override
        public <T> T await(CompletableFuture<T> future) {
            return future.join();
        }
    };
}
