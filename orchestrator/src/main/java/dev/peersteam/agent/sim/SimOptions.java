package dev.peersteam.agent.sim;

import com.fasterxml.jackson.databind.JsonNode;
import dev.peersteam.json.Json;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The simulated agent's command line: the real CLI's flags that matter to a simulation, plus a few of its own.
 * Every other flag of the real CLI that a host may pass is accepted and ignored; an unknown flag is an error, as in
 * the real CLI.
 *
 * <p>Own options: {@code --script FILE}, {@code --role NAME}, {@code --cost-per-turn USD} and the faults
 * {@code --crash-after-turns N}, {@code --garbage-every N}, {@code --slow-ms N}, {@code --huge-line-bytes N},
 * {@code --exit-on-start CODE} (see {@link Faults}). They override the script's values.
 *
 * @param model {@code --model} as given, or null for the default model
 * @param sdkMcpServers names of the {@code "type":"sdk"} servers in {@code --mcp-config}
 * @param resume {@code --resume=<id>}, or null
 * @param sessionId {@code --session-id=<uuid>}, or null
 */
record SimOptions(
        String model,
        String permissionMode,
        List<String> allowedTools,
        List<String> sdkMcpServers,
        boolean permissionPromptStdio,
        String resume,
        String sessionId,
        boolean forkSession,
        String appendSystemPrompt,
        String role,
        Path script,
        Faults faults,
        BigDecimal costPerTurn) {

    static final List<String> PERMISSION_MODES =
            List.of("acceptEdits", "auto", "bypassPermissions", "default", "dontAsk", "plan");

    /** Real CLI flags that take a value, accepted and ignored unless handled below. */
    private static final Set<String> VALUE_FLAGS = Set.of(
            "--output-format",
            "--input-format",
            "--system-prompt",
            "--system-prompt-file",
            "--append-system-prompt",
            "--append-system-prompt-file",
            "--tools",
            "--allowedTools",
            "--allowed-tools",
            "--disallowedTools",
            "--disallowed-tools",
            "--max-turns",
            "--max-budget-usd",
            "--model",
            "--fallback-model",
            "--betas",
            "--permission-prompt-tool",
            "--permission-mode",
            "--session-id",
            "--settings",
            "--add-dir",
            "--mcp-config",
            "--setting-sources",
            "--plugin-dir",
            "--max-thinking-tokens",
            "--thinking",
            "--effort",
            "--json-schema",
            "--debug-file",
            "--agents",
            "--agent",
            "--script",
            "--role",
            "--cost-per-turn",
            "--crash-after-turns",
            "--garbage-every",
            "--slow-ms",
            "--huge-line-bytes",
            "--exit-on-start");
    /** Real CLI flags without a value. */
    private static final Set<String> SWITCHES = Set.of(
            "--verbose",
            "--print",
            "-p",
            "--continue",
            "-c",
            "--include-partial-messages",
            "--include-hook-events",
            "--strict-mcp-config",
            "--fork-session",
            "--replay-user-messages",
            "--no-session-persistence",
            "--dangerously-skip-permissions",
            "--await-initialize",
            "--debug");

    SimOptions {
        allowedTools = List.copyOf(allowedTools);
        sdkMcpServers = List.copyOf(sdkMcpServers);
    }

    static SimOptions parse(List<String> args, Path cwd) throws UsageException {
        Builder b = new Builder();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            String flag = arg;
            String value = null;
            int eq = arg.indexOf('=');
            if (arg.startsWith("--") && eq > 0) {
                flag = arg.substring(0, eq);
                value = arg.substring(eq + 1);
            }
            if (flag.equals("--resume") || flag.equals("-r")) {
                // Optional value: only the '=' form or a following word that is not a flag (hence hosts use '=').
                if (value == null && i + 1 < args.size() && !args.get(i + 1).startsWith("-")) {
                    value = args.get(++i);
                }
                if (value == null || value.isBlank()) {
                    throw new UsageException("error: --resume needs a session id here (there is no picker)");
                }
                b.resume = value;
            } else if (SWITCHES.contains(flag)) {
                if (value != null && !flag.equals("--debug")) {
                    throw new UsageException("error: option '" + flag + "' does not take a value");
                }
                b.verbose |= flag.equals("--verbose");
                b.fork |= flag.equals("--fork-session");
            } else if (VALUE_FLAGS.contains(flag)) {
                if (value == null) {
                    if (i + 1 >= args.size()) {
                        throw new UsageException("error: option '" + flag + "' argument missing");
                    }
                    value = args.get(++i);
                }
                b.accept(flag, value, cwd);
            } else if (arg.startsWith("-")) {
                throw new UsageException("error: unknown option '" + arg + "'");
            } else {
                throw new UsageException("error: the simulated agent takes no prompt argument ('" + arg
                        + "'); send user messages on stdin (--input-format stream-json)");
            }
        }
        return b.build();
    }

    private static final class Builder {
        String outputFormat = "text";
        String inputFormat = "text";
        boolean verbose;
        boolean fork;
        String model;
        String permissionMode = "default";
        final List<String> allowed = new ArrayList<>();
        final List<String> sdkServers = new ArrayList<>();
        boolean stdioPrompt;
        String resume;
        String sessionId;
        String appendPrompt;
        String role;
        Path script;
        Faults faults = Faults.NONE;
        BigDecimal cost;

        void accept(String flag, String value, Path cwd) throws UsageException {
            switch (flag) {
                case "--output-format" -> outputFormat = value;
                case "--input-format" -> inputFormat = value;
                case "--model" -> model = value;
                case "--permission-mode" -> {
                    if (!PERMISSION_MODES.contains(value)) {
                        throw new UsageException("error: option '--permission-mode <mode>' argument '" + value
                                + "' is invalid. Allowed choices are " + String.join(", ", PERMISSION_MODES) + ".");
                    }
                    permissionMode = value;
                }
                case "--allowedTools", "--allowed-tools" -> allowed.addAll(toolList(value));
                case "--permission-prompt-tool" -> stdioPrompt = value.equals("stdio");
                case "--session-id" -> sessionId = value;
                case "--append-system-prompt" -> appendPrompt = value;
                case "--mcp-config" -> sdkServers.addAll(sdkServers(value, cwd));
                case "--script" -> script = cwd.resolve(value);
                case "--role" -> role = value;
                case "--cost-per-turn" -> cost = decimal(flag, value);
                case "--crash-after-turns" ->
                    faults = faults.overriddenBy(new Faults(count(flag, value), null, null, null, null));
                case "--garbage-every" ->
                    faults = faults.overriddenBy(new Faults(null, count(flag, value), null, null, null));
                case "--slow-ms" ->
                    faults = faults.overriddenBy(new Faults(null, null, count(flag, value), null, null));
                case "--huge-line-bytes" ->
                    faults = faults.overriddenBy(new Faults(null, null, null, count(flag, value), null));
                case "--exit-on-start" ->
                    faults = faults.overriddenBy(new Faults(null, null, null, null, count(flag, value)));
                default -> {} // a real flag with nothing to simulate
            }
        }

        SimOptions build() throws UsageException {
            if (!outputFormat.equals("stream-json") || !inputFormat.equals("stream-json")) {
                throw new UsageException("error: the simulated agent speaks only --input-format stream-json and"
                        + " --output-format stream-json");
            }
            if (!verbose) {
                throw new UsageException("Error: When using --print, --output-format=stream-json requires --verbose");
            }
            return new SimOptions(
                    model,
                    permissionMode,
                    allowed,
                    sdkServers,
                    stdioPrompt,
                    resume,
                    sessionId,
                    fork,
                    appendPrompt,
                    role,
                    script,
                    faults,
                    cost);
        }
    }

    /** {@code A,B(x y),C} or space-separated: commas and spaces split, except inside a rule's parentheses. */
    static List<String> toolList(String value) {
        List<String> tools = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        int depth = 0;
        for (char c : value.toCharArray()) {
            if (depth == 0 && (c == ',' || Character.isWhitespace(c))) {
                if (!current.isEmpty()) {
                    tools.add(current.toString());
                    current.setLength(0);
                }
                continue;
            }
            depth += c == '(' ? 1 : c == ')' ? -1 : 0;
            current.append(c);
        }
        if (!current.isEmpty()) {
            tools.add(current.toString());
        }
        return tools;
    }

    /** The SDK servers of an {@code --mcp-config} value, which is JSON or the path of a JSON file. */
    private static List<String> sdkServers(String value, Path cwd) throws UsageException {
        JsonNode config;
        try {
            String json = value.strip().startsWith("{") ? value : Files.readString(cwd.resolve(value));
            config = Json.MAPPER.readTree(json);
        } catch (IOException e) {
            throw new UsageException("error: invalid --mcp-config '" + value + "': " + e.getMessage());
        }
        List<String> names = new ArrayList<>();
        for (Map.Entry<String, JsonNode> server : config.path("mcpServers").properties()) {
            if (server.getValue().path("type").asText().equals("sdk")) {
                names.add(server.getKey());
            }
        }
        return names;
    }

    private static Integer count(String flag, String value) throws UsageException {
        try {
            int n = Integer.parseInt(value);
            if (n >= 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new UsageException("error: option '" + flag + "' needs a whole number >= 0, not '" + value + "'");
    }

    private static BigDecimal decimal(String flag, String value) throws UsageException {
        try {
            BigDecimal usd = new BigDecimal(value);
            if (usd.signum() >= 0) {
                return usd;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new UsageException("error: option '" + flag + "' needs an amount in US dollars, not '" + value + "'");
    }
}
