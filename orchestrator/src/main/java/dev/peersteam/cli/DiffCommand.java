package dev.peersteam.cli;

import dev.peersteam.git.Git;
import dev.peersteam.git.GitException;
import dev.peersteam.git.WorktreeChanges;
import dev.peersteam.runtime.TeamInfo;
import dev.peersteam.text.TerminalText;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code peers-team diff ROLE [--stat]}: what a role changed since its branch left the team's base, committed or not.
 * Reads the role's worktree and {@code .peers/team.json}, so it works with or without a running coordinator, and never
 * touches the worktree's files or index.
 */
@Command(
        name = "diff",
        mixinStandardHelpOptions = true,
        description = {
            "Shows a role's changes against the team's base: its commits and its uncommitted work (staged, unstaged,"
                    + " and new files that git does not ignore), as one patch.",
            "Works with or without a running team; the role's worktree is only read."
        },
        footer = {
            "",
            "Examples:",
            "  peers-team diff backend",
            "  peers-team diff qa --stat       # files and counts",
            "  peers-team diff backend | less -R"
        })
public final class DiffCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Mixin
    private PeersOptions peers;

    @Parameters(paramLabel = "ROLE", description = "The role whose changes to show.")
    private String role;

    @Option(names = "--stat", description = "Only the changed files with counts of added and removed lines.")
    private boolean stat;

    @Override
    public Integer call() {
        TeamInfo team = peers.teamInfo(peers.peersDir());
        RoleWorktree worktree = RoleWorktree.of(team, role);
        if (!worktree.exists()) {
            throw new UserError("peers-team: " + worktree.missing(team), ExitCodes.FAILED);
        }
        if (team.baseCommit() == null || team.baseCommit().isBlank()) {
            throw new UserError(
                    "peers-team: .peers/team.json names no base commit; start the team once more with"
                            + " 'peers-team up team.yaml' to write it again.",
                    ExitCodes.FAILED);
        }
        String diff;
        try {
            diff = new WorktreeChanges(new Git()).diff(worktree.path(), team.baseCommit(), stat);
        } catch (GitException e) {
            throw new UserError("peers-team: " + e.getMessage(), ExitCodes.FAILED, e);
        }
        PrintWriter out = spec.commandLine().getOut();
        if (diff.isEmpty()) {
            PrintWriter err = spec.commandLine().getErr();
            err.println("peers-team: " + role + " has no changes against the team's base ("
                    + RoleWorktree.shortSha(team.baseCommit()) + ").");
            err.flush();
        } else {
            // a file's content shows as text: for a byte-exact patch, use git in the role's worktree
            String text = TerminalText.lines(diff);
            out.print(text.endsWith("\n") ? text : text + "\n");
            out.flush();
        }
        return ExitCodes.OK;
    }
}
