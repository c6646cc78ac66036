package dev.peersteam.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class MainTest {
    @Test
    void helpListsTheExamplesAndExitsZero() {
        StringWriter out = new StringWriter();
        int code = Main.run(new PrintWriter(out, true), new PrintWriter(new StringWriter(), true), "--help");
        assertThat(code).isZero();
        assertThat(out.toString()).contains("Usage: peers-team").contains("peers-team up team.yaml");
    }

    @Test
    void unknownVerbIsAUsageError() {
        StringWriter err = new StringWriter();
        int code = Main.run(new PrintWriter(new StringWriter(), true), new PrintWriter(err, true), "frobnicate");
        assertThat(code).isEqualTo(ExitCodes.INVALID);
        assertThat(err.toString()).contains("frobnicate");
    }

    @Test
    void versionNamesTheBuildJavaAndTheAgentCli() {
        StringWriter out = new StringWriter();
        int code = Main.run(new PrintWriter(out, true), new PrintWriter(new StringWriter(), true), "--version");
        assertThat(code).isZero();
        assertThat(out.toString())
                .as("the version the build filled in, not a placeholder")
                .containsPattern("peers-team \\d+\\.\\d+\\.\\d+")
                .doesNotContain("${")
                .contains("Java " + Runtime.version().feature())
                .contains("claude: ");
    }

    @Test
    void theLaunchersClassDataTrainingWalksTheQuickVerbsPathWithoutFailing() {
        // the launcher hides its output and drops the archive when it fails: only this test would tell
        StringWriter err = new StringWriter();
        int code = Main.run(new PrintWriter(new StringWriter(), true), new PrintWriter(err, true), "cds-training");
        assertThat(code).as(err.toString()).isZero();
    }

    @Test
    void completionDescribesEveryVerb() {
        StringWriter out = new StringWriter();
        int code =
                Main.run(new PrintWriter(out, true), new PrintWriter(new StringWriter(), true), "generate-completion");
        assertThat(code).isZero();
        assertThat(out.toString())
                .contains("complete -F")
                .contains("assign")
                .contains("approve")
                .contains("console")
                .contains("--until-done");
    }
}
