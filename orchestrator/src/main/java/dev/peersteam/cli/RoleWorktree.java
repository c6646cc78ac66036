package dev.peersteam.cli;

import dev.peersteam.runtime.TeamInfo;
import java.nio.file.Files;
import java.nio.file.Path;

/** Where a role of the team works, for the verbs that read its worktree without a coordinator. */
record RoleWorktree(TeamInfo.RoleInfo role, Path path) {
    static RoleWorktree of(TeamInfo team, String roleName) {
        PeersOptions.checkRole(team, roleName);
        TeamInfo.RoleInfo role = team.role(roleName).orElseThrow();
        return new RoleWorktree(role, Path.of(role.worktree()));
    }

    boolean exists() {
        return Files.isDirectory(path);
    }

    /** What to say when it is gone: its committed work is still on its branch. */
    String missing(TeamInfo team) {
        return "the worktree of " + role.name() + ", " + path + ", is missing (removed?). Its committed work is"
                + " still on branch " + role.branch() + " (git log " + shortSha(team.baseCommit()) + ".."
                + role.branch() + "); 'peers-team up' creates the worktree again.";
    }

    static String shortSha(String sha) {
        return sha != null && sha.length() > 12 ? sha.substring(0, 12) : String.valueOf(sha);
    }
}
