package dev.peersteam.protocol;

/** A stdout line that claims to be JSON but is not, or JSON that breaks the protocol's envelope. */
public final class ProtocolException extends Exception {
    public ProtocolException(String message, Throwable cause) {
        super(message, cause);
    }

    public ProtocolException(String message) {
        super(message);
    }
}
