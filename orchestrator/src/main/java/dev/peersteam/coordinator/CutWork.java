package dev.peersteam.coordinator;

import java.util.List;

/**
 * The notice a resumed session gets when its last turn was cut off (its process, or the coordinator, died before
 * the turn ended): what it had started on, and to check and go on. The messages themselves are not sent again —
 * the session has them — so nothing is handled twice, and nothing is silently dropped because its turn died.
 */
final class CutWork {
    private CutWork() {}

    /**
     * Names the messages by their header ({@code [from SENDER · ID]}) instead of quoting them: the session has them
     * in its conversation, and a quote would put their text before the model a second time.
     */
    static String notice(List<Envelope> work) {
        StringBuilder text = new StringBuilder("Your session was restarted: it stopped in the middle of a turn (your"
                + " process or the team's coordinator ended). You had started on ");
        for (int i = 0; i < work.size(); i++) {
            Envelope envelope = work.get(i);
            text.append(i == 0 ? "" : i == work.size() - 1 ? " and " : ", ")
                    .append("the message ")
                    .append(MessageFraming.header(envelope.from(), envelope.id()));
        }
        text.append(" (above in your conversation). Check what of it is already done (your files, git log,"
                + " get_board) and continue where you left off; do not redo what is done. If it is all done, finish"
                + " as you would have (update the task, answer whoever asked).");
        return text.toString();
    }

    /**
     * The notice a session gets when the API stopped its turn on the account's limit ({@code status} 429) or its own
     * load (529) after the CLI's retries: the work it had started on is still to do. Sent once the limit lifts.
     */
    static String limitNotice(List<Envelope> work, int status) {
        StringBuilder text = new StringBuilder("Your last turn was stopped by the model API ("
                + (status == 429 ? "429: the account's rate limit" : status + ": the API is overloaded")
                + ") before it finished; the limit has lifted now.");
        if (!work.isEmpty()) {
            text.append(" You had started on ");
            for (int i = 0; i < work.size(); i++) {
                Envelope envelope = work.get(i);
                text.append(i == 0 ? "" : i == work.size() - 1 ? " and " : ", ")
                        .append("the message ")
                        .append(MessageFraming.header(envelope.from(), envelope.id()));
            }
            text.append(" (above in your conversation).");
        }
        text.append(" Check what is already done (your files, git log, get_board) and continue where you left off;"
                + " do not redo what is done.");
        return text.toString();
    }

    /**
     * The notice a session gets before messages it had handled and then lost from its record (it was killed right
     * after the turn, before its transcript was written): they come again, and their work may be done already.
     */
    static String forgottenNotice(List<Envelope> work) {
        StringBuilder text = new StringBuilder(
                "Your session was restarted and lost its record of its last turn, which" + " had already handled ");
        for (int i = 0; i < work.size(); i++) {
            Envelope envelope = work.get(i);
            text.append(i == 0 ? "" : i == work.size() - 1 ? " and " : ", ")
                    .append("the message ")
                    .append(MessageFraming.header(envelope.from(), envelope.id()));
        }
        text.append(". It comes again right after this notice. What that turn did (files, commits, messages, tasks)"
                + " may be done already: check first, and do only what is not done.");
        return text.toString();
    }
}
