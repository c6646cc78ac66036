/**
 * The git edge: runs {@code git} (and worktree setup commands) as child processes, and turns what they say into typed
 * values and clear errors. Nothing else in peers-team starts git.
 *
 * <p>{@link dev.peersteam.git.GitRepo} opens the team's repository, {@link dev.peersteam.git.Worktrees} creates or
 * reuses one worktree and branch {@code peers/<role>} per role, and {@link dev.peersteam.git.WorktreeSetup} prepares a
 * new worktree (copied files, {@code .worktreeinclude}, setup commands). Failures are unchecked:
 * {@link dev.peersteam.git.GitException} and {@link dev.peersteam.git.WorktreeSetupException}; their messages are meant
 * for the person and say what to do.
 */
package dev.peersteam.git;
