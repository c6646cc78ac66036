package dev.peersteam.cli;

import dev.peersteam.control.ControlCodec;
import dev.peersteam.control.ControlRequest;
import dev.peersteam.control.EventLine;
import dev.peersteam.control.PendingPermission;
import dev.peersteam.control.PsReply;
import dev.peersteam.control.RoleRow;
import dev.peersteam.text.TerminalText;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code peers-team ps [--json]}: every role of the running team. */
@Command(
        name = "ps",
        mixinStandardHelpOptions = true,
        description = "Shows every role of the running team: state, current task, cost, messages not yet taken up,"
                + " process id, Claude Code session id, last tool, and permission requests waiting for you.",
        footer = {"", "Examples:", "  peers-team ps", "  peers-team ps --json | jq '.roles[].state'"})
public final class PsCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Mixin
    private PeersOptions peers;

    @Option(names = "--json", description = "Print the raw JSON.")
    private boolean json;

    @Override
    public Integer call() {
        PsReply reply = peers.ask(new ControlRequest.Ps());
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(new ControlCodec().pretty(reply));
        } else {
            out.print(TerminalText.lines(render(reply)));
        }
        out.flush(); // print() does not flush, and picocli's writer flushes only on println
        return ExitCodes.OK;
    }

    static String render(PsReply reply) {
        // a HOST column only for a team with roles on other machines, whose PID is then their ssh client's
        boolean hosts = reply.roles().stream().anyMatch(role -> role.host() != null);
        int hostWidth = reply.roles().stream()
                .map(role -> role.host() == null ? 5 : role.host().length())
                .max(Integer::compare)
                .orElse(5);
        String hostColumn = hosts ? "%-" + hostWidth + "s " : "%s";
        StringBuilder out = new StringBuilder(String.format(
                Locale.ROOT,
                "%-12s %-10s %-6s %9s %6s %8s  " + hostColumn + "%s%n",
                "ROLE",
                "STATE",
                "TASK",
                "COST",
                "QUEUED",
                "PID",
                hosts ? "HOST" : "",
                "LAST TOOL"));
        for (RoleRow role : reply.roles()) {
            out.append(String.format(
                    Locale.ROOT,
                    "%-12s %-10s %-6s %9s %6d %8s  " + hostColumn + "%s%n",
                    role.role() + (role.lead() ? "*" : ""),
                    role.state() == null ? "?" : role.state().label(),
                    role.task() == null ? "-" : role.task(),
                    role.cost().text(),
                    role.queued(),
                    role.pid() == null ? "-" : role.pid(),
                    hosts ? (role.host() == null ? "local" : role.host()) : "",
                    role.lastTool() == null ? "" : role.lastTool()));
            if (role.apiLimits() != null) {
                RoleRow.ApiLimits limits = role.apiLimits();
                out.append(String.format(
                        Locale.ROOT,
                        "    API limits: %d request%s retried, %d turn%s stopped (last: HTTP %d)%n",
                        limits.retries(),
                        limits.retries() == 1 ? "" : "s",
                        limits.stoppedTurns(),
                        limits.stoppedTurns() == 1 ? "" : "s",
                        limits.lastStatus()));
            }
            for (PendingPermission waiting : role.permissions()) {
                out.append("    waiting for you: ")
                        .append(waiting.id())
                        .append(' ')
                        .append(waiting.summary())
                        .append("  (peers-team approve|deny ")
                        .append(waiting.id())
                        .append(")\n");
            }
        }
        out.append(String.format(
                Locale.ROOT,
                "team %s: %s in %ds (* = lead)%n",
                reply.team(),
                reply.cost().text(),
                reply.uptimeSeconds()));
        if (reply.paused() != null) {
            out.append("new turns wait until ")
                    .append(EventLine.clockTime(reply.paused().untilEpochMs()))
                    .append(": ")
                    .append(reply.paused().reason())
                    .append(" (running turns go on; waiting messages go out then)\n");
        }
        return out.toString();
    }
}
