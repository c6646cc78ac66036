package dev.peersteam.web;

/**
 * What {@code POST /api/ACTION} answers: {@code ok} with the sentence to show, or not, with why. Null parts are left
 * out of the JSON.
 */
record Answer(boolean ok, String message, String error) {

    static Answer done(String message) {
        return new Answer(true, message, null);
    }

    static Answer failed(String error) {
        return new Answer(false, null, error);
    }
}
