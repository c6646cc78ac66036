/**
 * The git edge: runs {@code git} (and worktree setup commands) as child processes, and turns what they say into typed
 * values and clear errors. Nothing else in peers-team starts git.
 *
 * <p>{@link dev.peersteam.git.GitRepo} opens the team's repository, {@link dev.peersteam.git.Worktrees} creates or
 * reuses one worktree and branch {@code peers/<role>} per role, and {@link dev.peersteam.git.WorktreeSetup} prepares a
 * new worktree (copied files, {@code .worktreeinclude}, setup commands).
 *
 * <p>Over a worktree's life: {@link dev.peersteam.git.WorktreeChanges} tells what a role changed since its branch
 * forked from the base, committed or not (for overlap alerts and review diffs) without touching the worktree;
 * {@link dev.peersteam.git.MergeBack} merges a role's branch into a target without ever leaving the target half merged;
 * {@link dev.peersteam.git.UnsavedWork} saves uncommitted work as a WIP commit and removes a worktree only when nothing
 * in it would be lost.
 *
 * <p>Failures are unchecked: {@link dev.peersteam.git.GitException} and
 * {@link dev.peersteam.git.WorktreeSetupException}; their messages are meant for the person and say what to do.
 * Outcomes the caller must handle (conflicts, a dirty checkout, work that could not be saved) are sealed result types.
 */
package dev.peersteam.git;
