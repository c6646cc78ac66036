/**
 * Roles stepping on each other, and merging their work back. Pure: the coordinator feeds it change sets
 * ({@link dev.peersteam.git.WorktreeChanges#changes}) and sends the texts it returns.
 *
 * <ul>
 *   <li>{@link dev.peersteam.overlap.OverlapTracker}: after each turn of a role, the overlaps of its changes with other
 *       roles' ({@link dev.peersteam.overlap.OverlapAlert}) and its edits of paths others claimed
 *       ({@link dev.peersteam.overlap.ClaimAlert}), each reported once until it changes again; the advisory claims of
 *       {@code claim_files} / {@code release_files}.
 *   <li>{@link dev.peersteam.overlap.PathPattern}: the path syntax of claims (files, {@code dir/}, {@code *},
 *       {@code **}) and the checks of tool arguments.
 *   <li>{@link dev.peersteam.overlap.CopiedFiles}: files setup copies into every worktree, which are no role's work.
 *   <li>{@link dev.peersteam.overlap.OverlapMessages}: the messages to roles, log lines, tool results.
 *   <li>{@link dev.peersteam.overlap.MergeReport}: what to say about a merge back (CLI {@code merge} and the
 *       {@code merge} tool).
 * </ul>
 */
package dev.peersteam.overlap;
