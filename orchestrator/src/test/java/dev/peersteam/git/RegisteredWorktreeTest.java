package dev.peersteam.git;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class RegisteredWorktreeTest {
    private static final String SHA = "7beb674e64a27ed79b31523e75764e1a684c1850";

    @Test
    void parsesNulTerminatedPorcelainIncludingAPathWithANewline() {
        String output = String.join(
                        "\0",
                        "worktree /r",
                        "HEAD " + SHA,
                        "branch refs/heads/main",
                        "",
                        "worktree /r/wt/odd\nname",
                        "HEAD " + SHA,
                        "detached",
                        "",
                        "worktree /r/wt/qa",
                        "HEAD " + SHA,
                        "branch refs/heads/peers/qa",
                        "locked",
                        "",
                        "worktree /r/wt/gone",
                        "HEAD " + SHA,
                        "branch refs/heads/peers/gone",
                        "prunable gitdir file points to non-existent location",
                        "")
                + "\0";

        assertThat(RegisteredWorktree.parsePorcelain(output, '\0'))
                .containsExactly(
                        new RegisteredWorktree(Path.of("/r"), SHA, "main", false, false, false),
                        new RegisteredWorktree(Path.of("/r/wt/odd\nname"), SHA, null, false, false, false),
                        new RegisteredWorktree(Path.of("/r/wt/qa"), SHA, "peers/qa", false, true, false),
                        new RegisteredWorktree(Path.of("/r/wt/gone"), SHA, "peers/gone", false, false, true));
    }

    @Test
    void parsesNewlineTerminatedPorcelainFromOlderGitWithReasonsAndUnknownKeys() {
        String output = """
                worktree /srv/bare.git
                bare

                worktree /srv/wt/qa
                HEAD %s
                branch refs/heads/peers/qa
                locked on a usb disk
                some-future-key value
                """.formatted(SHA);

        List<RegisteredWorktree> parsed = RegisteredWorktree.parsePorcelain(output, '\n');

        assertThat(parsed)
                .containsExactly(
                        new RegisteredWorktree(Path.of("/srv/bare.git"), null, null, true, false, false),
                        new RegisteredWorktree(Path.of("/srv/wt/qa"), SHA, "peers/qa", false, true, false));
        assertThat(parsed.get(0).detached()).isFalse();
    }

    @Test
    void nothingToParseIsAnEmptyList() {
        assertThat(RegisteredWorktree.parsePorcelain("", '\0')).isEmpty();
    }
}
