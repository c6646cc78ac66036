package dev.peersteam.chaos;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The exactly-once check, counted at the agents. For every message the journal says was posted to a role, the
 * role's transcripts (all of its sessions) must prove exactly one take: one entry among a {@code user} entry with the
 * message's uuid, a {@code user} entry naming it in {@code mergedSendUuids}, a {@code queued_command} attachment
 * with it as {@code source_uuid}.
 *
 * <p>What that means when a kill cuts a turn: the transcript, not the journal, decides. A message the session took
 * but whose entry the kill kept from the disk (the CLI writes its transcript up to a second behind its frames) was
 * never taken as far as any later session can know; sending it again is its one take. A message whose entry is on
 * disk must not be taken again: not re-sent, and not run again by a resumed CLI (a synthetic "No response
 * requested." closing parented on the message means the CLI ran it a second time). The notice from
 * {@code peers-team} that names a cut turn's messages is a message of its own, with its own id, counted like any
 * other. A message the coordinator gave up ({@code message_failed}) is lost.
 *
 * <p>The one window where the design chooses at least once (docs/messaging.md, "Crashes"): a session killed after a
 * turn ended but before its transcript had it. Its messages are sent again, each after a notice from
 * {@code peers-team} that names it ("lost its record of its last turn … check first"). At the transcript such a
 * message is still taken once (the lost turn left no entry); the model saw it twice, warned. Counted apart
 * ({@link ChaosReport#warnedResends()}), and checked: the notice must have been written to the agent before the
 * message came again.
 */
final class ExactlyOnce {
    private ExactlyOnce() {}

    /** What a notice about a lost turn record says, and the header of each message it names. */
    private static final String LOST_RECORD = "lost its record of its last turn";

    private static final Pattern HEADER = Pattern.compile("\\[from ([^\\]\\s]+) · ([0-9a-fA-F-]{36})]");

    static void check(JournalFacts journal, TakenLedger taken, StdinWrites stdin, ChaosReport report) {
        report.messages = journal.posted().size();
        warnedResends(journal, stdin, report);
        for (JournalFacts.Posted message : journal.posted().values()) {
            List<TakenLedger.Proof> proofs = taken.proofs(message.to(), message.id());
            String failed = journal.failed().get(message.id());
            if (failed != null) {
                report.lost++;
                report.problem("LOST: " + describe(message) + " was given up by the coordinator: " + failed
                        + proofsText(proofs));
            } else if (proofs.isEmpty()) {
                report.lost++;
                report.problem("LOST: " + describe(message) + " is in no transcript of " + message.to() + " (its"
                        + " sessions: " + taken.sessionFiles().getOrDefault(message.to(), List.of()) + ")");
            } else if (proofs.size() > 1) {
                report.twice++;
                report.problem(
                        "TWICE: " + describe(message) + " was taken " + proofs.size() + " times" + proofsText(proofs));
            }
            List<TakenLedger.Proof> elsewhere = taken.proofsElsewhere(message.to(), message.id());
            if (!elsewhere.isEmpty()) {
                report.problem("WRONG ROLE: " + describe(message) + " is in the transcripts of "
                        + elsewhere.stream()
                                .map(TakenLedger.Proof::role)
                                .distinct()
                                .toList() + proofsText(elsewhere));
            }
        }
        for (TakenLedger.Proof rerun : taken.reruns()) {
            JournalFacts.Posted message = journal.posted().get(rerun.id());
            if (message != null) {
                report.twice++;
                report.problem("RAN AGAIN: " + describe(message) + ": a resumed CLI closed its unanswered turn and ran"
                        + " it a second time (" + rerun + ")");
            }
        }
        for (TakenLedger.Header header : taken.headers()) {
            JournalFacts.Posted message = journal.posted().get(header.id());
            if (message == null) {
                report.problem("NOT JOURNALED: " + header.role() + " was given a message [from " + header.sender()
                        + " · " + header.id() + "] that the journal does not hold ("
                        + header.file().getFileName()
                        + ":" + header.line() + ")");
            } else if (!message.to().equals(header.role()) || !message.from().equals(header.sender())) {
                report.problem("MISADDRESSED: " + header.role() + " was given " + describe(message) + " as from "
                        + header.sender() + " (" + header.file().getFileName() + ":" + header.line() + ")");
            }
        }
        taken.strangers().forEach(file -> report.problem("a transcript in no role's project folder: " + file));
        if (journal.tornLines() > 0) {
            report.note(journal.tornLines() + " journal line(s) did not parse (torn by a kill)");
        }
        if (taken.tornLines() > 0) {
            report.note(taken.tornLines() + " transcript line(s) did not parse (torn by a kill)");
        }
    }

    /** Each message named by a lost-record notice must come again, after the notice. */
    private static void warnedResends(JournalFacts journal, StdinWrites stdin, ChaosReport report) {
        Map<String, List<JournalFacts.Posted>> noticesOf = new LinkedHashMap<>();
        for (JournalFacts.Posted notice : journal.posted().values()) {
            if (notice.from().equals("peers-team") && notice.text().contains(LOST_RECORD)) {
                Matcher m = HEADER.matcher(notice.text());
                while (m.find()) {
                    noticesOf
                            .computeIfAbsent(m.group(2), k -> new ArrayList<>())
                            .add(notice);
                }
            }
        }
        report.warnedResends = noticesOf.size();
        noticesOf.forEach((id, notices) -> {
            JournalFacts.Posted message = journal.posted().get(id);
            if (message == null) {
                report.problem("a lost-record notice names " + id + ", which the journal does not hold");
                return;
            }
            List<Integer> writes = stdin.positions(message.to(), id);
            int firstNotice = notices.stream()
                    .map(n -> stdin.positions(n.to(), n.id()))
                    .filter(at -> !at.isEmpty())
                    .mapToInt(List::getFirst)
                    .min()
                    .orElse(Integer.MAX_VALUE);
            if (writes.isEmpty() || writes.getLast() < firstNotice) {
                report.problem("UNWARNED: " + describe(message) + " was named by " + notices.size() + " notice(s) of"
                        + " a lost turn record (" + notices.getFirst().id() + ") but was not written to "
                        + message.to() + " after one (its writes " + writes + ", the first notice's "
                        + (firstNotice == Integer.MAX_VALUE ? "none" : firstNotice) + ")");
            }
        });
    }

    private static String describe(JournalFacts.Posted message) {
        String text = message.text().replaceAll("\\s+", " ");
        return "message " + message.id() + " " + message.from() + " -> " + message.to() + " \""
                + (text.length() > 90 ? text.substring(0, 90) + "…" : text) + "\" (journal line " + message.line()
                + ")";
    }

    private static String proofsText(List<TakenLedger.Proof> proofs) {
        return proofs.isEmpty()
                ? ""
                : " [" + proofs.stream().map(TakenLedger.Proof::toString).collect(Collectors.joining(", ")) + "]";
    }
}
