package dev.peersteam.session;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** How to start one agent process: its argv, working directory and complete environment. */
public record LaunchSpec(String role, List<String> command, Path workingDirectory, Map<String, String> environment) {
    public LaunchSpec {
        command = List.copyOf(command);
        environment = Map.copyOf(environment);
    }
}
