package dev.peersteam.control;

/** The outcome of decoding one line: the value, or the error to answer with. Decoding never throws. */
public sealed interface Decoded<T> {

    record Valid<T>(T value) implements Decoded<T> {}

    record Invalid<T>(ControlResponse.Error error) implements Decoded<T> {}
}
