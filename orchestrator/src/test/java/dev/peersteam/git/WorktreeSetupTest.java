package dev.peersteam.git;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WorktreeSetupTest {
    @TempDir
    Path tmp;

    GitFixture fx;
    Path repo;
    GitRepo opened;
    Worktrees worktrees;
    final List<String> events = new ArrayList<>();
    final SetupListener recorder = new SetupListener() {
        @Override
        public void started(String role, SetupStep step) {
            events.add(role + " started " + step.describe());
        }

        @Override
        public void finished(String role, SetupStep step, boolean ok) {
            events.add(role + " finished " + step.describe() + (ok ? " ok" : " FAILED"));
        }
    };

    @BeforeEach
    void setUp() {
        fx = new GitFixture(tmp);
        repo = fx.repo("repo");
        fx.commit(repo, ".gitignore", ".env\n*.key\n/local/\n", "Ignore local files");
        opened = fx.open(repo);
        worktrees = new Worktrees(opened);
    }

    @Test
    void copiesListedFilesThenRunsTheCommandsInTheWorktree() {
        GitFixture.write(repo.resolve(".env"), "TOKEN=1\n");
        GitFixture.write(repo.resolve("local/config/app.json"), "{}");
        GitFixture.write(repo.resolve("local/config/extra.json"), "[]");
        Worktree qa = worktrees.ensure("qa", Path.of("worktrees"), null);
        WorktreeSetup setup = new WorktreeSetup(
                opened,
                List.of(".env", "local/config"),
                List.of("echo \"role=$PEERS_TEAM_ROLE repo=$PEERS_TEAM_REPO\" > made.txt && echo made", "pwd"));

        SetupReport report = setup.applyIfNeeded(qa, recorder);

        assertThat(qa.path().resolve(".env")).hasContent("TOKEN=1");
        assertThat(qa.path().resolve("local/config/app.json")).hasContent("{}");
        assertThat(qa.path().resolve("local/config/extra.json")).hasContent("[]");
        assertThat(qa.path().resolve("made.txt")).hasContent("role=qa repo=" + repo);
        assertThat(report.copied())
                .containsExactlyInAnyOrder(".env", "local/config/app.json", "local/config/extra.json");
        assertThat(report.commands())
                .extracting(SetupReport.CommandOutput::output)
                .containsExactly("made\n", qa.path() + "\n");
        assertThat(events)
                .containsExactly(
                        "qa started copy .env",
                        "qa finished copy .env ok",
                        "qa started copy local/config",
                        "qa finished copy local/config ok",
                        "qa started run echo \"role=$PEERS_TEAM_ROLE repo=$PEERS_TEAM_REPO\" > made.txt && echo made",
                        "qa finished run echo \"role=$PEERS_TEAM_ROLE repo=$PEERS_TEAM_REPO\" > made.txt && echo made ok",
                        "qa started run pwd",
                        "qa finished run pwd ok");
    }

    @Test
    void aReusedWorktreeIsLeftAlone() {
        Worktree qa = worktrees.ensure("qa", Path.of("worktrees"), null);
        WorktreeSetup setup = new WorktreeSetup(opened, List.of(), List.of("echo again >> runs.txt"));
        setup.applyIfNeeded(qa, SetupListener.NONE);

        Worktree reused = worktrees.ensure("qa", Path.of("worktrees"), null);
        SetupReport report = setup.applyIfNeeded(reused, recorder);

        assertThat(reused.created()).isFalse();
        assertThat(report).isEqualTo(SetupReport.nothing("qa"));
        assertThat(reused.path().resolve("runs.txt")).hasContent("again");
        assertThat(events).isEmpty();
    }

    @Test
    void aSetupThatFailedRunsAgainOnTheNextStartEvenOnAReusedWorktree() {
        Worktree qa = worktrees.ensure("qa", Path.of("worktrees"), null);
        String flaky = "echo try >> tries.txt; test -f fixed";
        WorktreeSetup setup = new WorktreeSetup(opened, List.of(), List.of(flaky));
        assertThatThrownBy(() -> setup.applyIfNeeded(qa, SetupListener.NONE))
                .isInstanceOf(WorktreeSetupException.class);

        GitFixture.write(qa.path().resolve("fixed"), "");
        Worktree reused = worktrees.ensure("qa", Path.of("worktrees"), null);
        setup.applyIfNeeded(reused, SetupListener.NONE);
        SetupReport third = setup.applyIfNeeded(reused, SetupListener.NONE);

        assertThat(reused.path().resolve("tries.txt")).hasContent("try\ntry");
        assertThat(third).isEqualTo(SetupReport.nothing("qa"));
        assertThat(fx.git.run(qa.path(), "status", "--porcelain", "--ignored"))
                .doesNotContain("peers-team-setup-pending");
    }

    @Test
    void aMissingFileToCopyIsAnErrorNamingIt() {
        Worktree qa = worktrees.ensure("qa", Path.of("worktrees"), null);
        WorktreeSetup setup = new WorktreeSetup(opened, List.of("config/missing.env"), List.of("touch ran"));

        assertThatThrownBy(() -> setup.applyIfNeeded(qa, recorder))
                .isInstanceOf(WorktreeSetupException.class)
                .hasMessageContaining("role `qa`")
                .hasMessageContaining("cannot copy `config/missing.env`")
                .hasMessageContaining(repo.resolve("config/missing.env").toString())
                .extracting(e -> ((WorktreeSetupException) e).role())
                .isEqualTo("qa");
        assertThat(events)
                .containsExactly("qa started copy config/missing.env", "qa finished copy config/missing.env FAILED");
        assertThat(qa.path().resolve("ran")).doesNotExist();
    }

    @Test
    void aFailingCommandReportsTheCommandItsExitCodeAndTheLastLinesOfItsOutput() {
        Worktree qa = worktrees.ensure("qa", Path.of("worktrees"), null);
        String command = "for i in $(seq 1 50); do echo \"line $i\"; done; echo 'oops' >&2; exit 3";
        WorktreeSetup setup = new WorktreeSetup(opened, List.of(), List.of(command, "touch never"));

        assertThatThrownBy(() -> setup.applyIfNeeded(qa, recorder))
                .isInstanceOf(WorktreeSetupException.class)
                .hasMessageContaining("role `qa`")
                .hasMessageContaining("`" + command + "` failed with exit code 3")
                .hasMessageContaining("line 50")
                .hasMessageContaining("oops")
                .hasMessageNotContaining("line 20\n")
                // stdout and stderr are two pipes read by two threads: where "oops" lands among the lines varies
                .satisfies(e -> assertThat(e.getMessage()
                                .substring(e.getMessage().indexOf("output:\n") + 8)
                                .lines())
                        .hasSize(30));
        assertThat(events).last().isEqualTo("qa finished run " + command + " FAILED");
        assertThat(qa.path().resolve("never")).doesNotExist();
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void aCommandThatRunsTooLongIsStopped() {
        Worktree qa = worktrees.ensure("qa", Path.of("worktrees"), null);
        WorktreeSetup setup = new WorktreeSetup(
                opened, List.of(), List.of("echo starting; sleep 60; echo late"), Duration.ofSeconds(1));

        assertThatThrownBy(() -> setup.applyIfNeeded(qa, SetupListener.NONE))
                .isInstanceOf(WorktreeSetupException.class)
                .hasMessageContaining("was stopped after 1 s (timeout)")
                .hasMessageEndingWith("Last lines of its output:\nstarting");
    }

    @Test
    void commandsGetNoInput() {
        Worktree qa = worktrees.ensure("qa", Path.of("worktrees"), null);
        WorktreeSetup setup = new WorktreeSetup(opened, List.of(), List.of("cat; echo eof"));

        assertThat(setup.applyIfNeeded(qa, SetupListener.NONE)
                        .commands()
                        .getFirst()
                        .output())
                .isEqualTo("eof\n");
    }

    @Test
    void theWorktreeincludeFileCopiesMatchingIgnoredFilesOnly() {
        GitFixture.write(repo.resolve(".worktreeinclude"), """
                # local secrets
                .env

                *.key
                notes.md
                README.md
                local/
                """);
        GitFixture.write(repo.resolve(".env"), "TOKEN=1");
        GitFixture.write(repo.resolve("certs/server.key"), "KEY");
        GitFixture.write(repo.resolve("local/db/settings.ini"), "x=1");
        GitFixture.write(repo.resolve("notes.md"), "untracked, not ignored: work in progress, not copied");
        GitFixture.write(repo.resolve("README.md"), "tracked and changed here: the checkout's version stays");
        GitFixture.write(repo.resolve("other.txt"), "matches nothing");
        Worktree qa = worktrees.ensure("qa", Path.of("worktrees"), null);

        SetupReport report = new WorktreeSetup(opened, List.of(), List.of()).applyIfNeeded(qa, recorder);

        assertThat(report.copied()).containsExactlyInAnyOrder(".env", "certs/server.key", "local/db/settings.ini");
        assertThat(qa.path().resolve(".env")).hasContent("TOKEN=1");
        assertThat(qa.path().resolve("certs/server.key")).hasContent("KEY");
        assertThat(qa.path().resolve("local/db/settings.ini")).hasContent("x=1");
        assertThat(qa.path().resolve("notes.md")).doesNotExist();
        assertThat(qa.path().resolve("other.txt")).doesNotExist();
        assertThat(qa.path().resolve("README.md")).hasContent("hello");
        assertThat(events)
                .containsExactly(
                        "qa started copy the files named in .worktreeinclude",
                        "qa finished copy the files named in .worktreeinclude ok");
    }

    @Test
    void withoutAWorktreeincludeFileThereIsNoSuchStep() {
        Worktree qa = worktrees.ensure("qa", Path.of("worktrees"), null);

        SetupReport report = new WorktreeSetup(opened, List.of(), List.of()).applyIfNeeded(qa, recorder);

        assertThat(report.copied()).isEmpty();
        assertThat(events).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "/etc/passwd",
                "../secret",
                "a/../../secret",
                "..",
                ".",
                "",
                " ",
                ".git/config",
                ".git",
                "a/../.git/hooks/pre-commit",
                "nul\0byte"
            })
    void copyPathsOutsideTheRepositoryOrInGitAreRejected(String path) {
        assertThatThrownBy(() -> new WorktreeSetup(opened, List.of(path), List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("copy path");
    }

    @Test
    void harmlessCopyPathsAreAccepted() {
        new WorktreeSetup(opened, List.of(".env", "a/../b.txt", ".github/x", "dir/sub/"), List.of());
    }

    @Test
    void aCopyThroughASymbolicLinkOutOfTheRepositoryIsRefused() throws Exception {
        Path outside = GitFixture.mkdirs(fx.root.resolve("outside"));
        GitFixture.write(outside.resolve("secret.txt"), "not yours");
        Files.createSymbolicLink(repo.resolve("linked"), outside);
        Worktree qa = worktrees.ensure("qa", Path.of("worktrees"), null);

        assertThatThrownBy(() -> new WorktreeSetup(opened, List.of("linked/secret.txt"), List.of())
                        .applyIfNeeded(qa, SetupListener.NONE))
                .isInstanceOf(WorktreeSetupException.class)
                .hasMessageContaining("symbolic link out of " + repo);
        assertThat(qa.path().resolve("linked")).doesNotExist();
    }

    @Test
    void aListedSymbolicLinkIsCopiedAsALink() throws Exception {
        Files.createSymbolicLink(repo.resolve(".env"), Path.of("/run/secrets/app.env"));
        Worktree qa = worktrees.ensure("qa", Path.of("worktrees"), null);

        new WorktreeSetup(opened, List.of(".env"), List.of()).applyIfNeeded(qa, SetupListener.NONE);

        assertThat(Files.readSymbolicLink(qa.path().resolve(".env"))).isEqualTo(Path.of("/run/secrets/app.env"));
    }
}
