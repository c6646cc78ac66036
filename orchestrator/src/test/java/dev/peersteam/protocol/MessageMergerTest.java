package dev.peersteam.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.peersteam.protocol.MessageMerger.AssistantMessage;
import dev.peersteam.testing.Fixture;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MessageMergerTest {
    @Test
    void framesWithTheSameMessageIdBecomeOneMessage() throws Exception {
        StreamJsonCodec codec = new StreamJsonCodec();
        MessageMerger merger = new MessageMerger();
        List<AssistantMessage> messages = new ArrayList<>();
        for (JsonNode line : Fixture.load("mcp_sdk_alwaysload").fromCli()) {
            merger.accept(codec.decode(line)).ifPresent(messages::add);
        }
        merger.flush().ifPresent(messages::add);

        assertThat(messages).hasSize(2);
        assertThat(messages.get(0).content()).hasSize(2);
        assertThat(messages.get(0).content().get(0)).isInstanceOf(ContentBlock.Text.class);
        assertThat(messages.get(0).content().get(1)).isInstanceOf(ContentBlock.ToolUse.class);
        assertThat(messages.get(1).content()).singleElement().isInstanceOf(ContentBlock.Text.class);
    }

    @Test
    void anInterruptedMessageIsMarkedAborted() throws Exception {
        StreamJsonCodec codec = new StreamJsonCodec();
        MessageMerger merger = new MessageMerger();
        List<AssistantMessage> messages = new ArrayList<>();
        for (JsonNode line : Fixture.load("interrupt").fromCli()) {
            merger.accept(codec.decode(line)).ifPresent(messages::add);
        }
        assertThat(messages).anySatisfy(m -> assertThat(m.aborted()).isTrue());
    }
}
