package dev.peersteam.coordinator;

import dev.peersteam.control.TeamEvent;
import dev.peersteam.git.ChangeSet;
import dev.peersteam.journal.JournalRecord;
import dev.peersteam.overlap.ClaimAlert;
import dev.peersteam.overlap.ClaimResult;
import dev.peersteam.overlap.OverlapAlert;
import dev.peersteam.overlap.OverlapMessages;
import dev.peersteam.overlap.OverlapTracker;
import dev.peersteam.overlap.ReleaseResult;
import dev.peersteam.overlap.TurnAlerts;
import dev.peersteam.tools.ToolResult;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * The roles' worktrees, seen from the loop. After each turn it looks (off the loop) at what the role has changed
 * against the team's base, committed or not; when two roles touched the same path, both are told at once, with the
 * other side's change; an edit of a path someone claimed is told to the editor and the claimer. It also carries
 * out the advisory claims and the lead's merge.
 */
final class WorkWatch {
    private final TeamState state;
    private final RepositoryView repository;
    private final TrackedBackground background;
    private final OverlapTracker tracker;
    private final BiConsumer<String, ChangeSet> onChanges;

    /** @param onChanges hears what each role has changed, after each of its turns (e.g. to guard shared files) */
    WorkWatch(
            TeamState state,
            RepositoryView repository,
            TrackedBackground background,
            OverlapTracker tracker,
            BiConsumer<String, ChangeSet> onChanges) {
        this.state = state;
        this.repository = repository;
        this.background = background;
        this.tracker = tracker;
        this.onChanges = onChanges;
    }

    /**
     * Replays claims from the journal, so they survive a restart of the coordinator. A claim this version refuses
     * (one an older version took, beyond today's bounds) is dropped with a warning: the team starts either way.
     */
    void restore(List<JournalRecord> claims) {
        for (JournalRecord record : claims) {
            switch (record) {
                case JournalRecord.FilesClaimed c ->
                    c.paths()
                            .forEach(path ->
                                    restore(c.role(), () -> tracker.claim(c.role(), List.of(path), c.reason())));
                case JournalRecord.FilesReleased r ->
                    r.paths().forEach(path -> restore(r.role(), () -> tracker.release(r.role(), List.of(path))));
                default -> {}
            }
        }
    }

    private void restore(String role, Runnable replay) {
        try {
            replay.run();
        } catch (IllegalArgumentException refused) {
            state.events.accept(
                    new TeamEvent.Warning(role, "a claim in the journal is not restored: " + refused.getMessage()));
        }
    }

    void turnEnded(Member member) {
        if (repository == null || !java.nio.file.Files.isDirectory(member.worktree)) {
            return;
        }
        String role = member.name();
        background.run(
                "looking at what " + role + " changed",
                () -> repository.changes(role),
                changes -> changed(role, changes));
    }

    private void changed(String role, ChangeSet changes) {
        onChanges.accept(role, changes);
        TurnAlerts alerts = tracker.afterTurn(role, changes);
        for (ClaimAlert claim : alerts.claims()) {
            state.events.accept(new TeamEvent.Warning(role, OverlapMessages.logLine(claim)));
            state.messenger.post(OverlapMessages.SENDER, claim.editor(), OverlapMessages.message(claim));
            state.messenger.post(OverlapMessages.SENDER, claim.claim().role(), OverlapMessages.noticeToClaimer(claim));
        }
        List<OverlapAlert> overlaps = alerts.overlaps();
        if (overlaps.isEmpty()) {
            return;
        }
        overlaps.forEach(alert -> state.events.accept(new TeamEvent.Warning(null, OverlapMessages.logLine(alert))));
        background.run(
                "summarising overlapping changes",
                () -> {
                    Map<OverlapAlert.Side, String> summaries = new HashMap<>();
                    for (OverlapAlert alert : overlaps) {
                        for (OverlapAlert.Side side : List.of(alert.updated(), alert.other())) {
                            summaries.computeIfAbsent(side, s -> repository.summary(s.role(), s.change()));
                        }
                    }
                    return OverlapMessages.messages(overlaps, summaries::get);
                },
                texts -> texts.forEach(
                        (recipient, text) -> state.messenger.post(OverlapMessages.SENDER, recipient, text)));
    }

    ToolResult claim(Member member, List<String> paths, String reason) {
        ClaimResult result;
        try {
            result = tracker.claim(member.name(), paths, reason);
        } catch (IllegalArgumentException e) {
            return ToolResult.error(e.getMessage());
        }
        state.journal.append(new JournalRecord.FilesClaimed(member.name(), paths, reason));
        return new ToolResult(OverlapMessages.describe(result), false);
    }

    ToolResult release(Member member, List<String> paths) {
        ReleaseResult result = tracker.release(member.name(), paths);
        state.journal.append(new JournalRecord.FilesReleased(member.name(), paths));
        return new ToolResult(OverlapMessages.describe(result), false);
    }

    void merge(String role, String into, ToolReply reply) {
        if (!state.members.containsKey(role)) {
            reply.send(ToolResult.error(
                    "unknown role '" + role + "'; the roles are " + String.join(", ", state.members.keySet())));
            return;
        }
        if (repository == null) {
            reply.send(ToolResult.error("merging is not available in this team"));
            return;
        }
        background.run(
                "merging peers/" + role,
                () -> repository.merge(role, into),
                reply::send,
                why -> reply.fail("merging peers/" + role + (into == null ? "" : " into " + into), why));
    }
}
