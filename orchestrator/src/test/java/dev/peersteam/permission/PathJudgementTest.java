package dev.peersteam.permission;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.peersteam.protocol.Json;
import dev.peersteam.protocol.ToolInput;
import dev.peersteam.runtime.RealPaths;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Path-taking tools judged on the canonical path, over a real file system with symlinks: {@code ..}, links out of
 * the worktree, dangling links, Glob patterns that climb, searches that would cover {@code .peers}.
 */
class PathJudgementTest {
    @TempDir
    Path temp;

    private Path repo;
    private Path worktree;
    private Path peers;
    private final RealPaths paths = new RealPaths();

    @BeforeEach
    void layout() throws Exception {
        repo = Files.createDirectories(temp.resolve("repo"));
        worktree = Files.createDirectories(repo.resolve("worktrees/qa"));
        Files.createDirectories(worktree.resolve("src/main"));
        Files.writeString(worktree.resolve("src/main/A.java"), "class A {}");
        Files.createDirectories(worktree.resolve(".git-like"));
        peers = Files.createDirectories(repo.resolve(".peers"));
        Files.writeString(peers.resolve("journal.jsonl"), "{}\n");
        Files.writeString(repo.resolve("secret.txt"), "secret");
        Files.createSymbolicLink(worktree.resolve("up"), repo); // a link out of the worktree
        Files.createSymbolicLink(worktree.resolve("state"), peers); // a link to the coordinator's files
        Files.createSymbolicLink(worktree.resolve("dangling"), temp.resolve("outside/new.txt"));
        Files.createSymbolicLink(worktree.resolve("loop1"), worktree.resolve("loop2"));
        Files.createSymbolicLink(worktree.resolve("loop2"), worktree.resolve("loop1"));
    }

    private PermissionPolicy policy(String mode, String... rules) {
        return new PermissionPolicy(
                "qa",
                List.of(rules),
                mode,
                worktree,
                CoordinatorFiles.of(peers, peers.resolve("control.sock"), paths),
                paths);
    }

    private static ToolInput in(String... keyValues) {
        ObjectNode node = Json.object();
        for (int i = 0; i < keyValues.length; i += 2) {
            node.put(keyValues[i], keyValues[i + 1]);
        }
        return ToolInput.of(node);
    }

    @Test
    void aGrepWhosePathClimbsOutOfItsRuleIsNotAllowed() {
        PermissionPolicy policy = policy("default", "Grep(" + worktree + "/src/**)");
        assertThat(policy.decide("Grep", in("pattern", "x", "path", worktree + "/src/main")))
                .isInstanceOf(Decision.Allow.class);
        assertThat(policy.decide("Grep", in("pattern", "x", "path", worktree + "/src")))
                .as("dir/** covers dir itself")
                .isInstanceOf(Decision.Allow.class);
        assertThat(policy.decide("Grep", in("pattern", "secret", "path", worktree + "/src/../../../")))
                .as("the attack of issue 11: the canonical path is the worktrees folder")
                .isNotInstanceOf(Decision.Allow.class);
        assertThat(policy.decide("Grep", in("pattern", "secret", "path", worktree + "/src/../../../../")))
                .as("the repository root holds .peers: denied outright")
                .isInstanceOf(Decision.Deny.class);
        assertThat(policy.decide("Grep", in("pattern", "x", "path", worktree + "/src/../../../worktrees/qa/src")))
                .as("a detour that ends inside the rule is fine")
                .isInstanceOf(Decision.Allow.class);
    }

    @Test
    void theOldStarRuleNoLongerMatchesAcrossDotDot() {
        PermissionPolicy policy = policy("default", "Grep(" + worktree + "/src/*)");
        assertThat(policy.decide("Grep", in("pattern", "x", "path", worktree + "/src/main")))
                .isInstanceOf(Decision.Allow.class);
        assertThat(policy.decide("Grep", in("pattern", "x", "path", worktree + "/src/../../../")))
                .isNotInstanceOf(Decision.Allow.class);
    }

    @Test
    void symlinksAreFollowedBeforeTheRuleIsMatched() {
        PermissionPolicy policy = policy("acceptEdits", "Read(src/**)");
        assertThat(policy.decide("Read", in("file_path", worktree + "/up/secret.txt")))
                .as("reads outside through a link in the worktree")
                .isInstanceOf(Decision.Ask.class);
        assertThat(policy.decide("Write", in("file_path", worktree + "/up/secret.txt", "content", "x")))
                .as("acceptEdits does not reach through the link")
                .isInstanceOf(Decision.Ask.class);
        assertThat(policy.decide("Write", in("file_path", worktree + "/dangling", "content", "x")))
                .as("a dangling link writes its target, outside")
                .isInstanceOf(Decision.Ask.class);
        assertThat(policy.decide("Write", in("file_path", worktree + "/loop1", "content", "x")))
                .as("a link loop cannot be resolved, so no rule can allow it")
                .isInstanceOf(Decision.Ask.class);
        assertThat(policy.decide("Write", in("file_path", worktree + "/src/main/B.java", "content", "x")))
                .isInstanceOf(Decision.Allow.class);
        assertThat(policy.decide("Write", in("file_path", "src/new/dir/C.java", "content", "x")))
                .as("relative paths start at the worktree; missing folders are fine")
                .isInstanceOf(Decision.Allow.class);
        assertThat(policy.decide("Read", in("file_path", "src/main/A.java"))).isInstanceOf(Decision.Allow.class);
    }

    @Test
    void acceptEditsNeverEditsGitOrClaudeSettingsInsideTheWorktree() {
        PermissionPolicy policy = policy("acceptEdits");
        assertThat(policy.decide("Write", in("file_path", worktree + "/.claude/settings.json", "content", "{}")))
                .isInstanceOf(Decision.Ask.class);
        assertThat(policy.decide("Edit", in("file_path", worktree + "/.git", "old_string", "a", "new_string", "b")))
                .isInstanceOf(Decision.Ask.class);
        assertThat(policy.decide("Write", in("file_path", worktree + "/.git/hooks/pre-commit", "content", "x")))
                .isInstanceOf(Decision.Ask.class);
        assertThat(policy.decide("Write", in("file_path", worktree + "/.git-like/x", "content", "x")))
                .isInstanceOf(Decision.Allow.class);
        assertThat(policy.decide("NotebookEdit", in("notebook_path", worktree + "/n.ipynb", "new_source", "x")))
                .isInstanceOf(Decision.Allow.class);
        assertThat(policy.decide("Write", in("file_path", worktree + "/../backend/x.java", "content", "x")))
                .isInstanceOf(Decision.Ask.class);
    }

    @Test
    void globPatternsThatClimbAreJudgedWhereTheyReallyStart() {
        PermissionPolicy policy = policy("default", "Glob(" + worktree + "/**)");
        assertThat(policy.decide("Glob", in("pattern", "src/**/*.java"))).isInstanceOf(Decision.Allow.class);
        assertThat(policy.decide("Glob", in("pattern", "**/*.java"))).isInstanceOf(Decision.Allow.class);
        assertThat(policy.decide("Glob", in("pattern", "../../*.txt")))
                .as("two levels up is the repository: it holds .peers")
                .isInstanceOf(Decision.Deny.class);
        assertThat(policy.decide("Glob", in("pattern", "../*")))
                .as("one level up is outside the rule")
                .isInstanceOf(Decision.Ask.class);
        assertThat(policy.decide("Glob", in("pattern", "/etc/*"))).isInstanceOf(Decision.Ask.class);
        assertThat(policy.decide("Glob", in("pattern", "src/*/../../../*")))
                .as("'..' after a wildcard cannot be placed")
                .isInstanceOf(Decision.Ask.class);
        assertThat(policy.decide("Glob", in("pattern", "{..,src}/*"))).isInstanceOf(Decision.Ask.class);
        assertThat(policy.decide("Glob", in("pattern", "*.java", "path", worktree + "/up")))
                .isNotInstanceOf(Decision.Allow.class);
        assertThat(policy.decide("Glob", in("pattern", "up/*.txt")))
                .as("a link in the literal part of the pattern is followed")
                .isNotInstanceOf(Decision.Allow.class);
    }

    @Test
    void searchesWithNoPathSearchTheWorktree() {
        PermissionPolicy policy = policy("default");
        assertThat(policy.decide("Grep", in("pattern", "TODO"))).isInstanceOf(Decision.Allow.class);
        assertThat(policy.decide("Glob", in("pattern", "**/*.java"))).isInstanceOf(Decision.Allow.class);
        assertThat(policy.decide("LS", in())).isInstanceOf(Decision.Allow.class);
        assertThat(policy.decide("Grep", in("pattern", "x", "path", "~/"))).isInstanceOf(Decision.Ask.class);
        assertThat(policy.decide("Read", in("file_path", "~/.ssh/id_rsa"))).isInstanceOf(Decision.Ask.class);
    }

    @Test
    void theCoordinatorsFilesAreDeniedHoweverTheyAreReached() {
        PermissionPolicy policy = policy("acceptEdits", "Read", "Edit", "Write", "Grep", "Glob", "LS");
        List<ToolInput> reads = List.of(
                in("file_path", peers + "/journal.jsonl"),
                in("file_path", worktree + "/../../.peers/journal.jsonl"),
                in("file_path", worktree + "/state/journal.jsonl"),
                in("file_path", "state/control.sock"),
                in("file_path", "up/.peers/logs/qa.jsonl"));
        for (ToolInput read : reads) {
            assertThat(policy.decide("Read", read)).as(read.toString()).isInstanceOf(Decision.Deny.class);
        }
        assertThat(policy.decide("Write", in("file_path", worktree + "/state/journal.jsonl", "content", "x")))
                .isInstanceOf(Decision.Deny.class);
        assertThat(policy.decide("Edit", in("file_path", "up/.peers/team.json", "old_string", "a")))
                .isInstanceOf(Decision.Deny.class);
        assertThat(policy.decide("Grep", in("pattern", "x", "path", repo.toString())))
                .as("a search of the repository root would read .peers")
                .isInstanceOf(Decision.Deny.class);
        assertThat(policy.decide("Grep", in("pattern", "x", "glob", ".peers/*")))
                .isInstanceOf(Decision.Deny.class);
        assertThat(policy.decide("Glob", in("pattern", "../../.p*/*"))).isInstanceOf(Decision.Deny.class);
        assertThat(policy.decide("LS", in("path", worktree + "/state"))).isInstanceOf(Decision.Deny.class);
        assertThat(((Decision.Deny) policy.decide("Read", reads.getFirst())).message())
                .contains("coordinator's files")
                .contains("no rule or approval allows it");
        assertThat(policy.decide("Read", in("file_path", repo + "/secret.txt")))
                .as("bare Read still allows the rest")
                .isInstanceOf(Decision.Allow.class);
    }

    @Test
    void bashRedirectsAreJudgedOnTheirCanonicalTarget() {
        PermissionPolicy policy = policy("acceptEdits", "Bash(git status:*)");
        assertThat(policy.decide("Bash", in("command", "git status > out.txt"))).isInstanceOf(Decision.Allow.class);
        assertThat(policy.decide("Bash", in("command", "git status > up/secret.txt")))
                .isInstanceOf(Decision.Ask.class);
        assertThat(policy.decide("Bash", in("command", "git status > dangling")))
                .isInstanceOf(Decision.Ask.class);
        assertThat(policy.decide("Bash", in("command", "git status > state/x")))
                .as("a redirect into .peers through a link")
                .isInstanceOf(Decision.Deny.class);
        assertThat(policy.decide("Bash", in("command", "git status < src/main/A.java")))
                .as("reading inside the worktree")
                .isInstanceOf(Decision.Allow.class);
    }
}
