package dev.peersteam.session;

import dev.peersteam.protocol.CliMessage;
import java.util.List;

/** What an agent process reports to its owner. Posted from the session's reader thread, in stdout order. */
public sealed interface SessionEvent {
    String role();

    record Received(String role, CliMessage message) implements SessionEvent {}

    /** A stdout line that looked like JSON but was not; logged and skipped so one bad line costs nothing else. */
    record Garbled(String role, String line, String problem) implements SessionEvent {}

    /** The process ended; always the last event of a session. */
    record Exited(String role, int exitCode, List<String> stderrTail) implements SessionEvent {}
}
