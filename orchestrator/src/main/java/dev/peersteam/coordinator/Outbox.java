package dev.peersteam.coordinator;

import dev.peersteam.control.ControlResponse;
import dev.peersteam.control.TeamEvent;
import dev.peersteam.protocol.HostMessage;
import dev.peersteam.session.AgentChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * Every effect of a batch that leaves the loop — lines and end-of-input for agents, answers to people, events for
 * the live log and the console — held back until the journal records of the same batch are on disk. Nothing an
 * agent or a person learns can then be forgotten by a crash; and effects leave in the order they were made.
 */
final class Outbox {
    sealed interface Effect {
        /** A line for an agent's stdin. */
        record Send(AgentChannel channel, HostMessage message) implements Effect {}

        /** The end of an agent's stdin, after the lines queued before it. */
        record CloseInput(AgentChannel channel) implements Effect {}

        /** The answer to a person's request. */
        record Reply(CompletableFuture<ControlResponse> reply, ControlResponse response) implements Effect {}

        /** Something people should see. */
        record Publish(TeamEvent event) implements Effect {}
    }

    private final List<Effect> effects = new ArrayList<>();
    private final Consumer<TeamEvent> publish;

    Outbox(Consumer<TeamEvent> publish) {
        this.publish = publish;
    }

    void send(AgentChannel channel, HostMessage message) {
        effects.add(new Effect.Send(channel, message));
    }

    void closeInput(AgentChannel channel) {
        effects.add(new Effect.CloseInput(channel));
    }

    void reply(CompletableFuture<ControlResponse> reply, ControlResponse response) {
        effects.add(new Effect.Reply(reply, response));
    }

    void publish(TeamEvent event) {
        effects.add(new Effect.Publish(event));
    }

    /** Lets everything out; call only once the journal is synced. */
    void flush() {
        List<Effect> batch = List.copyOf(effects);
        effects.clear();
        for (Effect effect : batch) {
            switch (effect) {
                case Effect.Send(AgentChannel channel, HostMessage message) -> channel.send(message);
                case Effect.CloseInput(AgentChannel channel) -> channel.closeInput();
                case Effect.Reply(CompletableFuture<ControlResponse> reply, ControlResponse response) ->
                    reply.complete(response);
                case Effect.Publish(TeamEvent event) -> publish.accept(event);
            }
        }
    }

    /**
     * The journal cannot be written: nothing may leave that it does not record. Answers to people still go out (as
     * failures), so that no client waits forever; the rest is dropped.
     */
    void discard(String why) {
        List<Effect> batch = List.copyOf(effects);
        effects.clear();
        for (Effect effect : batch) {
            if (effect instanceof Effect.Reply(CompletableFuture<ControlResponse> reply, ControlResponse response)) {
                reply.complete(new ControlResponse.Error(ControlResponse.Error.INTERNAL, why));
            } else if (effect instanceof Effect.Publish(TeamEvent event)) {
                publish.accept(event);
            }
        }
    }
}
