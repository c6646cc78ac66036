package dev.peersteam.architecture.broken.console;

import dev.peersteam.architecture.broken.protocol.StreamJsonCodec;

/** Breaks "only session and protocol encode frames" and "frames stay with their readers": a client writing frames. */
public final class FrameTap {
    public String tap(String frame) {
        return new StreamJsonCodec().encode(frame);
    }
}
