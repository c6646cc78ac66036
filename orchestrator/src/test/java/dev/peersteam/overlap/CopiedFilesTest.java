package dev.peersteam.overlap;

import static dev.peersteam.git.ChangeKind.ADDED;
import static dev.peersteam.git.ChangeKind.MODIFIED;
import static org.assertj.core.api.Assertions.assertThat;

import dev.peersteam.git.ChangedPath;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CopiedFilesTest {
    @TempDir
    Path repo;

    @Test
    void copiedFilesAndFoldersAreLeftOutWhenAddedOnly() {
        CopiedFiles copied = CopiedFiles.of(List.of(".env", "./config/local"), List.of());

        assertThat(copied.test(ChangedPath.of(".env", ADDED))).isTrue();
        assertThat(copied.test(ChangedPath.of("config/local/db.yml", ADDED))).isTrue();
        assertThat(copied.test(ChangedPath.of("config/local/db.yml", MODIFIED))).isFalse();
        assertThat(copied.test(ChangedPath.of(".env.example", ADDED))).isFalse();
        assertThat(copied.test(ChangedPath.of("config/localx", ADDED))).isFalse();
        assertThat(CopiedFiles.none().test(ChangedPath.of(".env", ADDED))).isFalse();
    }

    @Test
    void worktreeIncludeLinesFollowGitignoreRules() {
        CopiedFiles copied = CopiedFiles.of(
                List.of(),
                List.of("# secrets", "", ".env*", "!.env.example", "/local.properties", "cache/", "conf/*.key"));

        assertThat(copied.isCopied(".env")).isTrue();
        assertThat(copied.isCopied(".env.local")).isTrue();
        assertThat(copied.isCopied("sub/.env")).as("no slash: any depth").isTrue();
        assertThat(copied.isCopied(".env.example")).as("negated").isFalse();
        assertThat(copied.isCopied("local.properties")).isTrue();
        assertThat(copied.isCopied("app/local.properties")).as("anchored").isFalse();
        assertThat(copied.isCopied("cache/a/b")).isTrue();
        assertThat(copied.isCopied("x/cache/a")).isTrue();
        assertThat(copied.isCopied("cache")).as("folder only").isFalse();
        assertThat(copied.isCopied("conf/a.key")).isTrue();
        assertThat(copied.isCopied("x/conf/a.key")).as("a middle slash anchors").isFalse();
        assertThat(copied.isCopied("src/Main.java")).isFalse();
    }

    @Test
    void forTeamReadsTheWorktreeIncludeFileIfThere() throws Exception {
        assertThat(CopiedFiles.forTeam(repo, List.of(".env")).isCopied("secret.key"))
                .isFalse();

        Files.writeString(repo.resolve(".worktreeinclude"), "*.key\r\n");

        CopiedFiles copied = CopiedFiles.forTeam(repo, List.of(".env"));
        assertThat(copied.isCopied("secret.key")).isTrue();
        assertThat(copied.isCopied(".env")).isTrue();
    }

    @Test
    void aHostileWorktreeIncludeLineIsMatchedWithoutBacktracking() throws Exception {
        String hostile = "**?".repeat(40) + "!"; // 120 wildcard characters: a regex took exponential time
        Files.writeString(repo.resolve(".worktreeinclude"), hostile + "\n");
        CopiedFiles copied = CopiedFiles.forTeam(repo, List.of());
        assertThat(copied.isCopied("a".repeat(3000))).isFalse();
        assertThat(copied.isCopied("a".repeat(200) + "!")).isTrue();
    }

    @Test
    void onlyTheStartOfAnOversizedWorktreeIncludeIsReadAndAFifoNotAtAll() throws Exception {
        String filler = "# filler\n".repeat(CopiedFiles.MAX_INCLUDE_BYTES / 9 + 1);
        Files.writeString(repo.resolve(".worktreeinclude"), "early.key\n" + filler + "late.key\n");
        CopiedFiles copied = CopiedFiles.forTeam(repo, List.of());
        assertThat(copied.isCopied("early.key")).isTrue();
        assertThat(copied.isCopied("late.key")).isFalse();

        Files.delete(repo.resolve(".worktreeinclude"));
        Process mkfifo =
                new ProcessBuilder("mkfifo", repo.resolve(".worktreeinclude").toString()).start();
        assertThat(mkfifo.waitFor()).isZero();
        assertThat(CopiedFiles.forTeam(repo, List.of(".env")).isCopied(".env")).isTrue();
    }
}
