package dev.peersteam.cli;

import dev.peersteam.board.BoardText;
import dev.peersteam.control.Usd;
import dev.peersteam.coordinator.Coordinator;
import java.util.Locale;
import java.util.Map;

/** The summary {@code up --until-done} prints at the end: outcome, the board, cost per role, wall time. */
final class RunSummary {
    private RunSummary() {}

    static String render(Coordinator.Outcome outcome, Coordinator.Report report) {
        StringBuilder out = new StringBuilder("\n== peers-team: ");
        out.append(
                        switch (outcome) {
                            case DONE ->
                                report.board().isEmpty()
                                        ? "done: everyone is idle (there were no tasks on the board)"
                                        : "done: every task is done";
                            case TASKS_FAILED -> "FAILED: a task failed";
                            case STUCK -> "STUCK: everyone is idle but work is open";
                            case BUDGET_EXCEEDED -> "STOPPED: the team budget was reached";
                            case ALL_SESSIONS_ENDED -> "FAILED: every session ended";
                            case STOPPED -> "stopped";
                            case FAILED -> "FAILED: the coordinator stopped after an error; up resumes the team";
                        })
                .append(" ==\n");
        out.append(BoardText.render(report.board()));
        out.append("cost:");
        for (Map.Entry<String, Usd> role : report.costByRole().entrySet()) {
            out.append(" ")
                    .append(role.getKey())
                    .append(" ")
                    .append(role.getValue().text())
                    .append(",");
        }
        out.append(String.format(
                Locale.ROOT,
                " team %s; wall time %ds%n",
                report.teamCost().text(),
                report.wallTime().toSeconds()));
        return out.toString();
    }
}
