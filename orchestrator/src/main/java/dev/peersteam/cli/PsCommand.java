package dev.peersteam.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.peersteam.control.ControlRequest;
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
        JsonNode body = CoordinatorCall.request(peers.peersDir(), new ControlRequest.Ps());
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(body.toPrettyString());
        } else {
            out.print(TerminalText.lines(render(body)));
        }
        return ExitCodes.OK;
    }

    static String render(JsonNode body) {
        StringBuilder out = new StringBuilder(String.format(
                Locale.ROOT,
                "%-12s %-10s %-6s %9s %6s %8s  %s%n",
                "ROLE",
                "STATE",
                "TASK",
                "COST",
                "QUEUED",
                "PID",
                "LAST TOOL"));
        for (JsonNode role : body.path("roles")) {
            out.append(String.format(
                    Locale.ROOT,
                    "%-12s %-10s %-6s %9s %6d %8s  %s%n",
                    role.path("role").asText() + (role.path("lead").asBoolean() ? "*" : ""),
                    role.path("state").asText(),
                    role.path("task").asText("-"),
                    String.format(Locale.ROOT, "$%.4f", role.path("cost_usd").asDouble()),
                    role.path("queued").asInt(),
                    role.path("pid").asText("-"),
                    role.path("last_tool").asText("")));
            for (JsonNode waiting : role.path("permissions")) {
                out.append("    waiting for you: ")
                        .append(waiting.path("id").asText())
                        .append(' ')
                        .append(waiting.path("summary").asText())
                        .append("  (peers-team approve|deny ")
                        .append(waiting.path("id").asText())
                        .append(")\n");
            }
        }
        out.append(String.format(
                Locale.ROOT,
                "team %s: $%.4f in %ds (* = lead)%n",
                body.path("team").asText(),
                body.path("cost_usd").asDouble(),
                body.path("uptime_s").asLong()));
        return out.toString();
    }
}
