package dev.peersteam.cli;

import dev.peersteam.team.NoticeKind;
import dev.peersteam.team.RoleSpec;
import dev.peersteam.team.TeamSpec;
import dev.peersteam.team.WatchedRoles;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** A human-readable account of a resolved team: what {@code validate} prints and what {@code up} can show first. */
record TeamSummary(TeamSpec team) {
    private static final int FIRST_LINE_MAX = 72;

    String render() {
        StringBuilder text = new StringBuilder();
        line(text, "", "team", team.name() + "  (" + team.file() + ")");
        line(text, "  ", "repo", team.repo().toString());
        line(text, "  ", "base", team.base() != null ? team.base() : "current HEAD");
        line(text, "  ", "worktrees", team.worktrees().toString());
        line(text, "  ", "goal", team.goal() != null ? firstLine(team.goal()) : "(none)");
        line(text, "  ", "budget", team.budgetUsd() != null ? usd(team.budgetUsd()) + " for the team" : "no cap");
        line(text, "  ", "setup", listOrNone(team.setup(), "; "));
        line(text, "  ", "copy", listOrNone(team.copy(), ", "));
        line(
                text,
                "  ",
                "shared",
                listOrNone(
                        team.shared().stream()
                                .map(file -> file.path() + " (owners: " + String.join(", ", file.owners()) + ")")
                                .toList(),
                        "; "));
        line(
                text,
                "  ",
                "notify",
                listOrNone(
                        team.notifyTargets().stream()
                                .map(target -> target.shown()
                                        + (target.kinds().size() == NoticeKind.values().length
                                                ? ""
                                                : " ("
                                                        + String.join(
                                                                ", ",
                                                                target.kinds().stream()
                                                                        .sorted()
                                                                        .map(NoticeKind::wire)
                                                                        .toList())
                                                        + ")"))
                                .toList(),
                        "; "));
        text.append("roles (").append(team.roles().size()).append("):").append(System.lineSeparator());
        for (RoleSpec role : team.roles()) {
            text.append("  ")
                    .append(role.name())
                    .append(role.lead() ? "  [lead]" : "")
                    .append(System.lineSeparator());
            if (role.description() != null) {
                line(text, "    ", "description", firstLine(role.description()));
            }
            line(
                    text,
                    "    ",
                    "agent",
                    role.agent().yamlName()
                            + (role.command() != null ? "  (command: " + String.join(" ", role.command()) + ")" : ""));
            line(text, "    ", "model", role.model() != null ? role.model() : "CLI default");
            line(text, "    ", "permissions", role.permissionMode());
            line(text, "    ", "tools", listOrNone(role.allowedTools(), ", "));
            line(text, "    ", "budget", role.budgetUsd() != null ? usd(role.budgetUsd()) : "no cap");
            line(text, "    ", "prompt", promptSource(role));
            if (!role.watches().isEmpty()) {
                line(text, "    ", "watches", watches(role.watches()));
            }
            if (role.onAnotherHost()) {
                line(text, "    ", "host", role.host().destination() + "  (over ssh; its agent runs there)");
                line(
                        text,
                        "    ",
                        "worktree",
                        role.host().destination() + ":" + team.worktreeOf(role) + "  (branch " + role.branch()
                                + ", fetched back here after each turn)");
            } else {
                line(text, "    ", "worktree", team.worktreeOf(role) + "  (branch " + role.branch() + ")");
            }
        }
        return text.toString();
    }

    private static String promptSource(RoleSpec role) {
        if (role.prompt().isBlank()) {
            return "(none)";
        }
        String from = role.agentFile() != null
                ? "agent file " + role.agentFile()
                : role.promptFile() != null ? role.promptFile().toString() : "inline";
        return from + ": " + firstLine(role.prompt());
    }

    private static String watches(WatchedRoles watches) {
        List<String> parts = new ArrayList<>();
        if (!watches.commits().isEmpty()) {
            parts.add("commits of " + String.join(", ", watches.commits()));
        }
        if (!watches.tasks().isEmpty()) {
            parts.add("tasks of " + String.join(", ", watches.tasks()));
        }
        return String.join("; ", parts);
    }

    /** The first non-blank line, shortened, so long prompts stay one line in the summary. */
    private static String firstLine(String text) {
        String first = text.lines()
                .map(String::strip)
                .filter(line -> !line.isEmpty())
                .findFirst()
                .orElse("");
        return first.length() <= FIRST_LINE_MAX ? first : first.substring(0, FIRST_LINE_MAX - 1) + "…";
    }

    private static String listOrNone(List<String> items, String separator) {
        return items.isEmpty() ? "(none)" : String.join(separator, items);
    }

    private static String usd(double amount) {
        return String.format(Locale.ROOT, "$%.2f", amount);
    }

    private static void line(StringBuilder text, String indent, String label, String value) {
        text.append(indent)
                .append(String.format(Locale.ROOT, "%-13s", label + ":"))
                .append(value)
                .append(System.lineSeparator());
    }
}
