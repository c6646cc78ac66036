package dev.peersteam.notify;

import java.io.IOException;

/** Hands one notice to one target, or says why it could not; blocking, on a thread of the target's own. */
@FunctionalInterface
interface Delivery {
    /** @throws IOException with a short reason a person can act on */
    void deliver(Notice notice) throws IOException, InterruptedException;
}
