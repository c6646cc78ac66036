package dev.peersteam.cli;

import dev.peersteam.control.ControlRequest;
import dev.peersteam.git.Git;
import dev.peersteam.git.GitRepo;
import dev.peersteam.git.RemoveResult;
import dev.peersteam.git.UnsavedWork;
import dev.peersteam.git.Worktrees;
import dev.peersteam.runtime.PeersDir;
import dev.peersteam.runtime.TeamInfo;
import dev.peersteam.text.TerminalText;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code peers-team down}: stops the running team and waits until it has. */
@Command(
        name = "down",
        mixinStandardHelpOptions = true,
        description = "Stops the running team: running turns are interrupted, every session is closed (then"
                + " terminated if it lingers), and the coordinator exits. Waits until it has.",
        footer = {"", "Example:", "  peers-team down"})
public final class DownCommand implements Callable<Integer> {
    /** How long {@code down} waits for the coordinator to finish its stop sequence. */
    private static final Duration WAIT = Duration.ofSeconds(30);

    @Spec
    private CommandSpec spec;

    @Mixin
    private PeersOptions peers;

    @Option(
            names = "--keep-dirty",
            description = "Leave uncommitted work in the worktrees as it is (by default it is"
                    + " committed to each role's branch as a marked WIP commit).")
    private boolean keepDirty;

    @Option(
            names = "--remove-worktrees",
            description = "Then remove the worktrees that hold nothing unsaved" + " (branches are always kept).")
    private boolean removeWorktrees;

    @Override
    public Integer call() throws InterruptedException {
        PeersDir dir = peers.peersDir();
        CoordinatorCall.request(dir, new ControlRequest.Down(keepDirty));
        spec.commandLine().getOut().println("stopping the team ...");
        spec.commandLine().getOut().flush();
        if (!awaitCoordinatorExit(dir)) {
            throw new UserError(
                    "peers-team: the coordinator has not exited after " + WAIT.toSeconds() + " s; see its"
                            + " terminal, or 'peers-team ps'.",
                    ExitCodes.FAILED);
        }
        spec.commandLine().getOut().println("the team has stopped");
        if (removeWorktrees) {
            removeCleanWorktrees(peers.teamInfo(dir));
        }
        return ExitCodes.OK;
    }

    private void removeCleanWorktrees(TeamInfo team) {
        Worktrees worktrees = new Worktrees(GitRepo.open(Path.of(team.repo())));
        UnsavedWork unsaved = new UnsavedWork(new Git());
        for (TeamInfo.RoleInfo role : team.roles()) {
            Path worktree = Path.of(role.worktree());
            if (!Files.isDirectory(worktree)) {
                continue;
            }
            spec.commandLine()
                    .getOut()
                    .println(TerminalText.lines(
                            switch (unsaved.removeIfClean(worktrees, worktree)) {
                                case RemoveResult.Removed removed ->
                                    "removed " + worktree + " (branch " + removed.branch() + " kept)";
                                case RemoveResult.Kept kept -> "kept " + worktree + ": " + kept.reason();
                            }));
        }
    }

    /** The coordinator holds its lock until it exits, so taking the lock is the event of its exit: no polling. */
    private static boolean awaitCoordinatorExit(PeersDir dir) throws InterruptedException {
        CompletableFuture<Void> released = CompletableFuture.runAsync(
                () -> {
                    try (FileChannel channel = FileChannel.open(dir.lock(), StandardOpenOption.WRITE);
                            FileLock lock = channel.lock()) {
                        // taken: the coordinator is gone
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                },
                runnable -> Thread.ofVirtual().start(runnable));
        try {
            released.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            return true; // no lock file: nothing holds it
        }
    }
}
