package dev.peersteam.web;

/** The team could not do what the page asked, or could not be asked; {@code status} is the HTTP answer for it. */
final class LinkException extends RuntimeException {
    private final int status;

    LinkException(int status, String message) {
        super(message);
        this.status = status;
    }

    int status() {
        return status;
    }
}
