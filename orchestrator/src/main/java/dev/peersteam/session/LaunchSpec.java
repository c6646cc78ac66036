package dev.peersteam.session;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * How to start one agent process: its argv, working directory, complete environment, and the file its stderr is
 * appended to (straight from the process, so no thread of ours drains it).
 */
public record LaunchSpec(
        String role, List<String> command, Path workingDirectory, Map<String, String> environment, Path stderrLog) {
    public LaunchSpec {
        command = List.copyOf(command);
        environment = Map.copyOf(environment);
    }
}
