package dev.peersteam.overlap;

import dev.peersteam.git.ChangedPath;

/**
 * {@code editor} changed {@code path}, which another role claimed.
 *
 * @param claim the claim, with its role and reason
 * @param editor the role that changed the path (the one to tell)
 * @param path the claimed path it changed (for a rename, the old or new name the claim covers)
 * @param change the editor's entry for it in its change set
 */
public record ClaimAlert(Claim claim, String editor, String path, ChangedPath change) {}
