package dev.peersteam.cli;

import dev.peersteam.agent.ClaudeCommand;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.IVersionProvider;

/**
 * {@code --version}: this build, the Java it runs on, and the agent CLI a team would start (the one
 * {@code $PEERS_TEAM_CLAUDE} names, else {@code claude} on PATH), with its own version: what a bug report needs.
 */
final class VersionProvider implements IVersionProvider {
    /** How long the agent CLI may take to say its version. */
    private static final long CLI_WAIT_SECONDS = 5;

    @Override
    public String[] getVersion() {
        return new String[] {"peers-team " + buildVersion(), "Java " + Runtime.version(), "claude: " + agentCli()};
    }

    static String buildVersion() {
        try (InputStream in = VersionProvider.class.getResourceAsStream("version.properties")) {
            if (in != null) {
                Properties properties = new Properties();
                properties.load(in);
                String version = properties.getProperty("version", "");
                if (!version.isBlank() && !version.startsWith("${")) {
                    return version;
                }
            }
        } catch (IOException e) {
            // fall through: a build without the file
        }
        return "(unknown build)";
    }

    private static String agentCli() {
        String override = System.getenv(ClaudeCommand.EXECUTABLE_ENV);
        List<String> command = new ArrayList<>(
                override == null || override.isBlank()
                        ? List.of("claude")
                        : Arrays.asList(override.strip().split("\\s+")));
        command.add("--version");
        try {
            Process process =
                    new ProcessBuilder(command).redirectErrorStream(true).start();
            process.getOutputStream().close();
            if (!process.waitFor(CLI_WAIT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return String.join(" ", command) + " did not answer within " + CLI_WAIT_SECONDS + " s";
            }
            String said = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            String first = said.lines().findFirst().orElse("");
            return process.exitValue() == 0
                    ? first + " (" + command.getFirst() + ")"
                    : command.getFirst() + " failed (exit " + process.exitValue() + "): " + first;
        } catch (IOException e) {
            return "not found (" + command.getFirst() + "; set " + ClaudeCommand.EXECUTABLE_ENV
                    + " or put claude on PATH)";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "not asked (interrupted)";
        }
    }
}
