package dev.peersteam.testing;

import dev.peersteam.agent.sim.SimAgentMain;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/** The simulated agent from the packaged jar, on this test's Java, as a team file's {@code command: [...]} list. */
public final class SimCommand {
    private SimCommand() {}

    /** The items of a YAML flow list (quoted) that run the sim with {@code script}. */
    public static String yamlList(Path script) {
        String java = ProcessHandle.current().info().command().orElse("java");
        return List.of(
                        java,
                        "-XX:TieredStopAtLevel=1",
                        "-XX:+UseSerialGC",
                        "-cp",
                        Path.of("target", "peers-team.jar").toAbsolutePath().toString(),
                        SimAgentMain.class.getName(),
                        "--script",
                        script.toString())
                .stream()
                .map(arg -> "\"" + arg.replace("\\", "\\\\").replace("\"", "\\\"") + "\"")
                .collect(Collectors.joining(", "));
    }
}
