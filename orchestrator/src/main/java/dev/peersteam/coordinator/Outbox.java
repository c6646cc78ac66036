package dev.peersteam.coordinator;

import dev.peersteam.protocol.HostMessage;
import dev.peersteam.session.AgentChannel;
import java.util.ArrayList;
import java.util.List;

/**
 * Lines for agents, held back until the journal records of the same batch are on disk: nothing leaves the
 * coordinator that a crash could make it forget.
 */
final class Outbox {
    private record Line(AgentChannel channel, HostMessage message) {}

    private final List<Line> lines = new ArrayList<>();

    void add(AgentChannel channel, HostMessage message) {
        lines.add(new Line(channel, message));
    }

    void flush() {
        for (Line line : lines) {
            line.channel().send(line.message());
        }
        lines.clear();
    }
}
