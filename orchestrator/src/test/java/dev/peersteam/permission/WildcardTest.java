package dev.peersteam.permission;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class WildcardTest {

    @Test
    void pathPatternsFollowGitignore() {
        assertThat(Wildcard.path("/w/src/*").matches("/w/src/A.java")).isTrue();
        assertThat(Wildcard.path("/w/src/*").matches("/w/src/a/A.java")).isFalse();
        assertThat(Wildcard.path("/w/src/**").matches("/w/src/a/b/A.java")).isTrue();
        assertThat(Wildcard.path("/w/**/A.java").matches("/w/A.java"))
                .as("**/ may match no folder")
                .isTrue();
        assertThat(Wildcard.path("/w/**/A.java").matches("/w/x/y/A.java")).isTrue();
        assertThat(Wildcard.path("/w/**/A.java").matches("/w/xA.java")).isFalse();
        assertThat(Wildcard.path("/w/?.txt").matches("/w/a.txt")).isTrue();
        assertThat(Wildcard.path("/w/?.txt").matches("/w//.txt")).isFalse();
        assertThat(Wildcard.path("/w/a\\*b").matches("/w/a*b")).isTrue();
        assertThat(Wildcard.path("/w/a\\*b").matches("/w/axb")).isFalse();
    }

    @Test
    void commandPatternsLetStarCrossEverything() {
        assertThat(Wildcard.command("npm run *").matches("npm run test --x=/a b"))
                .isTrue();
        assertThat(Wildcard.command("git * main").matches("git push origin main"))
                .isTrue();
        assertThat(Wildcard.command("echo \\*").matches("echo *")).isTrue();
        assertThat(Wildcard.command("echo \\*").matches("echo a")).isFalse();
        assertThat(Wildcard.command("echo \\*").isLiteral()).isTrue();
    }

    @Test
    void pathologicalPatternsRunInLinearTime() {
        String stars = "*a".repeat(200) + "!"; // a backtracking matcher takes exponential time on this
        String text = "a".repeat(50_000);
        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
            assertThat(Wildcard.command(stars).matches(text)).isFalse();
            assertThat(Wildcard.path("/**/**/**/**/**/**/**/**/**/**/**/x!").matches("/a".repeat(20_000)))
                    .isFalse();
            assertThat(Wildcard.shellGlob("**?**?**?**?**?**?**?**?**?**?**?**?!")
                            .matches("x".repeat(50_000)))
                    .isFalse();
        });
    }
}
