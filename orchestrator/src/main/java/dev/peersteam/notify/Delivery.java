package dev.peersteam.notify;

import java.io.IOException;

/** Hands one notice to one target, or says why it could not; blocking, on a thread of the target's own. */
@FunctionalInterface
interface Delivery {
    /**
     * @param dashboard the dashboard's address without its token, or null
     * @throws IOException with a short reason a person can act on
     */
    void deliver(Notice notice, String dashboard) throws IOException, InterruptedException;
}
