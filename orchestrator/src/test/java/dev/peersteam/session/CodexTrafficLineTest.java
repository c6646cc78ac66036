package dev.peersteam.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.peersteam.protocol.CliMessage;
import dev.peersteam.protocol.ContentBlock;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A Codex role's traffic log (JSON-RPC, as recorded from codex 0.171.0) reads as a transcript, like a Claude role's. */
class CodexTrafficLineTest {
    @Test
    void promptsCommandsAndTheModelsTextAreReadFromARecordedCodexLog() throws IOException {
        List<TrafficLine.Content> contents = read("mixed_team.jsonl");

        assertThat(contents)
                .filteredOn(c -> c instanceof TrafficLine.Prompt)
                .extracting(c -> ((TrafficLine.Prompt) c).text())
                .anySatisfy(text -> assertThat(text).startsWith("[from lead · ").contains("Please write review.txt"));
        List<ContentBlock> blocks = contents.stream()
                .filter(c -> c instanceof TrafficLine.FromCli)
                .map(c -> ((TrafficLine.FromCli) c).message())
                .filter(m -> m instanceof CliMessage.Assistant)
                .flatMap(m -> ((CliMessage.Assistant) m).content().stream())
                .toList();
        assertThat(blocks)
                .anySatisfy(b -> assertThat(b).isInstanceOfSatisfying(ContentBlock.ToolUse.class, use -> {
                    assertThat(use.name()).isEqualTo("Bash");
                    assertThat(use.input().command())
                            .isEqualTo("printf 'looks good\\n' > review.txt && echo wrote-review");
                }))
                .anySatisfy(b -> assertThat(b).isEqualTo(new ContentBlock.Text("Review finished.")));
        assertThat(contents)
                .as("no JSON-RPC line is taken for a stream-json frame it cannot read")
                .noneMatch(c -> c instanceof TrafficLine.Unreadable);
    }

    @Test
    void anApprovalAndAnInterruptAreShown() throws IOException {
        List<TrafficLine.Content> contents = read("approval_interrupt_resume.jsonl");
        assertThat(contents)
                .anySatisfy(c -> assertThat(c)
                        .isInstanceOfSatisfying(
                                TrafficLine.PermissionAnswer.class,
                                a -> assertThat(a.allowed()).isTrue()))
                .anySatisfy(c -> assertThat(c).isInstanceOf(TrafficLine.Interrupt.class));
    }

    private static List<TrafficLine.Content> read(String fixture) throws IOException {
        try (InputStream in = CodexTrafficLineTest.class.getResourceAsStream("/fixtures/codex-0.171.0/" + fixture)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .lines()
                    .map(TrafficLine::decode)
                    .flatMap(Optional::stream)
                    .map(TrafficLine::content)
                    .toList();
        }
    }
}
