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
}
