package dev.peersteam.transcript;

import static org.assertj.core.api.Assertions.assertThat;

import dev.peersteam.protocol.Json;
import dev.peersteam.testing.Fixture;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TranscriptTest {

    /** Feeds a recorded fixture through the transcript as if it were a traffic log. */
    private static List<String> render(String fixture) {
        Transcript transcript = new Transcript("qa");
        List<String> lines = new ArrayList<>();
        for (Fixture.Line line : Fixture.load(fixture).lines()) {
            String logged =
                    Json.object().put("dir", line.dir()).set("msg", line.msg()).toString();
            lines.addAll(transcript.accept(TrafficLine.decode(logged).orElseThrow()));
        }
        lines.addAll(transcript.flush());
        return lines;
    }

    @Test
    void aTeamToolRoundTripReadsAsPromptTextToolCallResultAndTurnEnd() {
        List<String> lines = render("mcp_sdk_alwaysload");
        assertThat(lines).contains("> CALL_MCP please");
        assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("qa uses send_message {\"to\":\"bob\""));
        assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("  -> delivered to bob: hi bob"));
        assertThat(lines)
                .anySatisfy(l -> assertThat(l)
                        .matches("-- turn done: \\$0\\.\\d{4} \\(session \\$0\\.\\d{4}\\), 2 model calls --"));
    }

    @Test
    void aMessageOfSeveralFramesIsShownWholeBeforeItsToolResult() {
        List<String> lines = render("mcp_sdk_alwaysload");
        int said = indexOf(lines, "qa: ");
        int uses = indexOf(lines, "qa uses send_message");
        int result = indexOf(lines, "  -> delivered to bob");
        assertThat(said).isLessThan(uses);
        assertThat(uses).isEqualTo(said + 1).isLessThan(result);
    }

    private static int indexOf(List<String> lines, String prefix) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith(prefix)) {
                return i;
            }
        }
        throw new AssertionError("no line starting with '" + prefix + "' in " + lines);
    }

    @Test
    void permissionDecisionsAndToolErrorsAreShown() {
        List<String> lines = render("bash_deny");
        assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("qa uses Bash(touch"));
        assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("  denied Bash(touch"));
        assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("  error: "));

        assertThat(render("bash_allow")).anySatisfy(l -> assertThat(l).startsWith("  allowed Bash(touch"));
    }

    @Test
    void failedTurnsSayWhy() {
        assertThat(render("resume_bad"))
                .anySatisfy(l -> assertThat(l).startsWith("-- turn failed (No conversation found with session ID"));
        assertThat(render("interrupt")).anySatisfy(l -> assertThat(l).startsWith("  (interrupted by peers-team)"));
    }
}
