package dev.peersteam.agent.codex;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The command inside codex's shell wrapper, as the permission rules must see it. */
class CodexCommandLineTest {
    @Test
    void theRecordedWrapperGivesTheModelsCommand() {
        // as codex 0.171.0 reported it (fixtures/codex-0.171.0/approval_interrupt_resume.jsonl)
        assertThat(CodexCommandLine.inner("/bin/bash -lc \"printf 'approved\\\\n' > approved.txt && echo made-it\""))
                .isEqualTo("printf 'approved\\n' > approved.txt && echo made-it");
    }

    @Test
    void quotingIsUndoneNotInterpreted() {
        assertThat(CodexCommandLine.inner("/bin/bash -lc 'echo '\\''hi'\\'' $HOME'"))
                .isEqualTo("echo 'hi' $HOME");
        assertThat(CodexCommandLine.inner("bash -lc \"echo \\\"x\\\" \\$(id) \\`y\\`\""))
                .isEqualTo("echo \"x\" $(id) `y`");
    }

    @Test
    void anythingElseIsLeftAsItIs() {
        assertThat(CodexCommandLine.inner("rm -rf /")).isEqualTo("rm -rf /");
        assertThat(CodexCommandLine.inner("/bin/bash -lc \"unterminated")).isEqualTo("\"unterminated");
        assertThat(CodexCommandLine.inner("/bin/bash -lc ls; rm x")).isEqualTo("ls; rm x");
    }
}
