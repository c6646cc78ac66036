package dev.peersteam.git;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class GitTest {
    @TempDir
    Path tmp;

    GitFixture fx;

    @BeforeEach
    void setUp() {
        fx = new GitFixture(tmp);
    }

    @Test
    void argumentsReachGitVerbatim() {
        Path repo = fx.repo("r");
        String message = "it's \"quoted\"  ${HOME} $(echo no) *";
        fx.git.run(repo, "commit", "-q", "--allow-empty", "-m", message);

        assertThat(fx.git.run(repo, "log", "-1", "--format=%s")).isEqualTo(message);
    }

    @Test
    void aFailureNamesTheCommandTheDirectoryAndWhatGitSaid() {
        Path repo = fx.repo("r");

        assertThatThrownBy(() -> fx.git.run(repo, "rev-parse", "--verify", "no-such-ref"))
                .isInstanceOf(GitException.class)
                .hasMessageContaining("`git rev-parse --verify no-such-ref` failed (exit 128)")
                .hasMessageContaining(repo.toString())
                .hasMessageContaining("fatal: Needed a single revision");
    }

    @Test
    void aMissingDirectoryIsNamed() {
        Path missing = tmp.resolve("missing");

        assertThatThrownBy(() -> fx.git.run(missing, "status"))
                .isInstanceOf(GitException.class)
                .hasMessage("cannot run git in " + missing + ": there is no such directory");
    }

    @Test
    void executeReportsTheExitCodeInsteadOfThrowing() {
        Path repo = fx.repo("r");

        GitResult result = fx.git.execute(repo, List.of("rev-parse", "--verify", "--quiet", "nope"));

        assertThat(result.ok()).isFalse();
        assertThat(result.exitCode()).isEqualTo(1);
    }

    @Test
    void stdinIsClosedNotInherited() {
        Path repo = fx.repo("r");

        // With an inherited or open stdin this would wait for input; closed, it hashes the empty blob.
        assertThat(fx.git.run(repo, "hash-object", "--stdin")).isEqualTo("e69de29bb2d1d6434b8b29ae775ad8c2e48c5391");
    }

    @Test
    void gitNeverPrompts() {
        Path repo = fx.repo("r");

        assertThat(fx.git.run(repo, "-c", "alias.env=!env", "env")).contains("GIT_TERMINAL_PROMPT=0");
    }

    @Test
    void pathsAreListedUnquoted() {
        Path repo = fx.repo("r");
        fx.commit(repo, "grüße.txt", "x", "Umlaut");

        assertThat(fx.git.run(repo, "ls-files")).contains("grüße.txt");
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void aCommandThatRunsTooLongIsKilledWithItsChildren() {
        Path repo = fx.repo("r");
        Git impatient = new Git(Duration.ofSeconds(1), Map.of("GIT_CONFIG_GLOBAL", "/dev/null"));

        // git -> sh -> sleep: killing only git would leave sleep holding the output pipe for 60 s.
        assertThatThrownBy(() -> impatient.run(repo, "-c", "alias.slow=!sleep 60; echo late", "slow"))
                .isInstanceOf(GitException.class)
                .hasMessageContaining("timed out");
    }
}
