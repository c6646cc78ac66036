package dev.peersteam.chaos;

import java.util.List;
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
 */
final class ExactlyOnce {
    private ExactlyOnce() {}

    static void check(JournalFacts journal, TakenLedger taken, ChaosReport report) {
        report.messages = journal.posted().size();
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
