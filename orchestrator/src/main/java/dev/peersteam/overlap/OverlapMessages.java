package dev.peersteam.overlap;

import dev.peersteam.git.ChangedPath;
import dev.peersteam.team.ReservedNames;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The texts the coordinator sends about overlaps and claims: to the roles (as a message from {@link #SENDER}, so the
 * model reads {@code [from overlap] ...}), to the person (one log line), and as team tool results. Pure.
 */
public final class OverlapMessages {
    /** The suggested sender name of these messages. */
    public static final String SENDER = ReservedNames.OVERLAP;

    /** How many overlaps of one message get the other side's summary; the rest are listed by path. */
    public static final int MAX_DETAILED = 5;

    /** How many lines of a diff summary are quoted (beyond its first, counting line). */
    public static final int SUMMARY_LINES = 12;

    private static final String INDENT = "    ";

    private OverlapMessages() {}

    /**
     * What {@code recipient} is told about one overlap: who else changed the path, how, a short summary of the other
     * side's change, and what to do.
     *
     * @param summaryOfOtherSide e.g. {@link dev.peersteam.git.WorktreeChanges#summary} of the other side; blank for
     *     none
     */
    public static String message(OverlapAlert alert, String recipient, String summaryOfOtherSide) {
        OverlapAlert.Side other = alert.otherSide(recipient);
        OverlapAlert.Side mine = alert.sideOf(recipient);
        StringBuilder text = new StringBuilder();
        text.append(other.role())
                .append(" has also changed ")
                .append(alert.path())
                .append(", which you changed too (")
                .append(other.role())
                .append(' ')
                .append(did(other.change(), alert.path()))
                .append("; you ")
                .append(did(mine.change(), alert.path()))
                .append(").\n");
        appendSummary(text, other.role(), summaryOfOtherSide, "", " (against the team's base, committed or not)");
        text.append("Talk to ")
                .append(other.role())
                .append(" now with send_message: agree who owns ")
                .append(alert.path())
                .append(
                        ", or who changes which part of it, before either of you changes it "
                                + "further, so that your branches merge cleanly. Whoever takes it can say so with claim_files.");
        return text.toString();
    }

    /**
     * One message per role about all of {@code alerts} that concern it (an alert concerns both its roles): each
     * overlap with the other side's summary (up to {@link #MAX_DETAILED} per message, the rest by path) and what to
     * do. Roles no alert concerns get nothing.
     *
     * @param summaryOf the summary of one side, e.g.
     *     {@code side -> changes.summary(worktreeOf(side.role()), baseCommit, side.change(), SUMMARY_LINES)}; called
     *     only for the sides that are quoted
     * @return the text for each role to tell, in the order the roles first appear in {@code alerts}
     */
    public static Map<String, String> messages(
            List<OverlapAlert> alerts, Function<OverlapAlert.Side, String> summaryOf) {
        Map<String, List<OverlapAlert>> byRecipient = new LinkedHashMap<>();
        for (OverlapAlert alert : alerts) {
            for (String role : alert.roles()) {
                byRecipient.computeIfAbsent(role, r -> new ArrayList<>()).add(alert);
            }
        }
        Map<String, String> texts = new LinkedHashMap<>();
        byRecipient.forEach((recipient, mine) -> texts.put(
                recipient,
                mine.size() == 1
                        ? message(
                                mine.getFirst(),
                                recipient,
                                summaryOf.apply(mine.getFirst().otherSide(recipient)))
                        : grouped(recipient, mine, summaryOf)));
        return texts;
    }

    private static String grouped(
            String recipient, List<OverlapAlert> alerts, Function<OverlapAlert.Side, String> summaryOf) {
        StringBuilder text = new StringBuilder(
                "Other roles have changed files you changed too (against the team's " + "base, committed or not):\n");
        Set<String> others = new LinkedHashSet<>();
        Map<String, List<String>> notDetailed = new TreeMap<>();
        int detailed = 0;
        for (OverlapAlert alert : alerts) {
            OverlapAlert.Side other = alert.otherSide(recipient);
            others.add(other.role());
            if (detailed == MAX_DETAILED) {
                notDetailed
                        .computeIfAbsent(other.role(), r -> new ArrayList<>())
                        .add(alert.path());
                continue;
            }
            detailed++;
            text.append("- ")
                    .append(alert.path())
                    .append(": ")
                    .append(other.role())
                    .append(' ')
                    .append(did(other.change(), alert.path()))
                    .append("; you ")
                    .append(did(alert.sideOf(recipient).change(), alert.path()))
                    .append(".\n");
            appendSummary(text, other.role(), summaryOf.apply(other), "  ", "");
        }
        notDetailed.forEach((role, paths) -> text.append("- and ")
                .append(paths.size())
                .append(paths.size() == 1 ? " more file" : " more files")
                .append(" changed by ")
                .append(role)
                .append(" too: ")
                .append(String.join(", ", paths))
                .append('\n'));
        text.append("Talk to ")
                .append(joinRoles(others))
                .append(" now with send_message: agree who owns each of "
                        + "these files, or who changes which part, before either of you changes them further, so that your "
                        + "branches merge cleanly. Whoever takes a file can say so with claim_files.");
        return text.toString();
    }

    /** The line the person sees in the log and the console. */
    public static String logLine(OverlapAlert alert) {
        return "overlap: " + alert.updated().role() + " and " + alert.other().role() + " both changed " + alert.path()
                + " (" + alert.updated().role() + " " + did(alert.updated().change(), alert.path()) + ", "
                + alert.other().role() + " " + did(alert.other().change(), alert.path()) + ")";
    }

    /** What the editor is told: who claimed the path it changed, why, and what to do. */
    public static String message(ClaimAlert alert) {
        Claim claim = alert.claim();
        return "You changed " + alert.path() + ", which " + claim.role() + " has claimed (" + describe(claim)
                + "). Claims are advisory and nothing is locked, but " + claim.role() + " is working there: talk to "
                + claim.role() + " with send_message before you change it further. Agree who makes this change, or "
                + "leave it until " + claim.role() + " releases the claim (release_files).";
    }

    /** What the claimer may be told (optional): someone changed a path it claimed, and was told. */
    public static String noticeToClaimer(ClaimAlert alert) {
        Claim claim = alert.claim();
        return alert.editor() + " changed " + alert.path() + ", which you claimed (" + describe(claim) + "); "
                + alert.editor() + " has been told. If you need to agree who changes it, talk to " + alert.editor()
                + " with send_message. Call release_files when you are done with it.";
    }

    /** The line the person sees in the log and the console. */
    public static String logLine(ClaimAlert alert) {
        return "claim: " + alert.editor() + " changed " + alert.path() + ", claimed by "
                + alert.claim().role() + " (" + describe(alert.claim()) + ")";
    }

    /** The {@code claim_files} result for the claimer. */
    public static String describe(ClaimResult result) {
        StringBuilder text = new StringBuilder("Claimed ");
        text.append(result.claimed().stream().map(Claim::pattern).collect(Collectors.joining(", ")));
        String reason =
                result.claimed().isEmpty() ? "" : result.claimed().getFirst().reason();
        text.append(reason.isEmpty() ? "" : " (\"" + reason + "\")")
                .append(". Claims are advisory: nothing is "
                        + "locked, but whoever else changes these paths is told that you claimed them and why.");
        if (!result.claimedByOthers().isEmpty()) {
            text.append("\nAlso claimed by others: ")
                    .append(result.claimedByOthers().stream()
                            .map(c -> c.role() + " (" + describe(c) + ")")
                            .collect(Collectors.joining("; ")))
                    .append(". Agree with them who does what (send_message).");
        }
        if (!result.changedByOthers().isEmpty()) {
            text.append("\nAlready changed by others: ")
                    .append(new TreeMap<>(result.changedByOthers())
                            .entrySet().stream()
                                    .map(e -> e.getKey() + ": " + String.join(", ", e.getValue()))
                                    .collect(Collectors.joining("; ")))
                    .append(". Talk to them (send_message) before you change these.");
        }
        text.append("\nCall release_files with the same paths when you are done.");
        return text.toString();
    }

    /** The {@code release_files} result. */
    public static String describe(ReleaseResult result) {
        List<String> parts = new ArrayList<>();
        if (!result.released().isEmpty()) {
            parts.add("Released "
                    + result.released().stream().map(Claim::pattern).collect(Collectors.joining(", ")) + ".");
        }
        if (!result.notHeld().isEmpty()) {
            parts.add("You held no claim on " + String.join(", ", result.notHeld()) + " (release_files takes the "
                    + "paths exactly as you claimed them).");
        }
        return String.join(" ", parts);
    }

    /** {@code src/api/: "reworking auth"}, or just the pattern without a reason. */
    static String describe(Claim claim) {
        return claim.reason().isEmpty() ? claim.pattern() : claim.pattern() + ": \"" + claim.reason() + "\"";
    }

    /** What a role did to {@code path}, as "ROLE did ..." / "you did ...". */
    static String did(ChangedPath change, String path) {
        return switch (change.kind()) {
            case ADDED -> "added it";
            case MODIFIED -> "modified it";
            case DELETED -> "deleted it";
            case RENAMED ->
                path.equals(change.path())
                        ? "renamed " + change.oldPath() + " to it"
                        : "renamed it to " + change.path();
        };
    }

    private static void appendSummary(StringBuilder text, String role, String summary, String indent, String note) {
        if (summary == null || summary.isBlank()) {
            return;
        }
        text.append(indent).append(role).append("'s change so far").append(note).append(":\n");
        summary.strip()
                .lines()
                .forEach(line -> text.append(indent).append(INDENT).append(line).append('\n'));
    }

    private static String joinRoles(Set<String> roles) {
        List<String> list = List.copyOf(roles);
        if (list.size() == 1) {
            return list.getFirst();
        }
        return String.join(", ", list.subList(0, list.size() - 1)) + " and " + list.getLast();
    }
}
