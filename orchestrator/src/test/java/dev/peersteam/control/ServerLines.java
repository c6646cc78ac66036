package dev.peersteam.control;

/** For tests that read a connection by hand: any line the server writes, as the record it stands for. */
final class ServerLines {
    private ServerLines() {}

    /**
     * An event, an error, or an {@code ok} whose body is read as {@code okBody}; fails the test on a line that is none
     * of these.
     */
    static ServerLine decode(String line, Class<? extends ControlReply> okBody) {
        ControlCodec codec = new ControlCodec();
        if (codec.decodeStreamLine(line) instanceof Decoded.Valid<StreamLine>(StreamLine.Event event)) {
            return new ServerLine.Event(event.event());
        }
        return switch (codec.decodeResponse(line, okBody)) {
            case Decoded.Valid<ControlResponse> valid -> valid.value();
            case Decoded.Invalid<ControlResponse> invalid ->
                throw new AssertionError("not a server line: " + line + " (" + invalid.error() + ")");
        };
    }
}
