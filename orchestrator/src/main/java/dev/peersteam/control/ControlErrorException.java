package dev.peersteam.control;

/**
 * An error answer as an exception: a client's call was answered, or its stream ended, with an error line; or a
 * handler fails its future with it to answer with that code instead of {@code internal}.
 */
public final class ControlErrorException extends Exception {
    private final ControlResponse.Error error;

    public ControlErrorException(ControlResponse.Error error) {
        super(error.code() + ": " + error.message());
        this.error = error;
    }

    public ControlErrorException(String code, String message) {
        this(new ControlResponse.Error(code, message));
    }

    public ControlResponse.Error error() {
        return error;
    }
}
