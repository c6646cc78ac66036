package dev.peersteam.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Agent commands for the team file's {@code command:} key. */
final class Agents {
    private final Context context;

    Agents(Context context) {
        this.context = context;
    }

    /** The product's simulated agent, a JVM: {@code java -cp peers-team.jar ...SimAgentMain --script FILE}. */
    List<String> javaSim(Path script, String... jvmOptions) {
        List<String> command = new ArrayList<>(List.of(context.java().toString()));
        command.addAll(List.of(jvmOptions));
        command.addAll(List.of(
                "-cp",
                context.peersJar().toString(),
                "dev.peersteam.agent.sim.SimAgentMain",
                "--script",
                script.toString()));
        return command;
    }

    /** The same simulated agent with a stopwatch on its stdin/stdout ({@link TimedSimMain}). */
    List<String> timedSim(Path script, Path timingFile, String replyFrom) {
        return List.of(
                context.java().toString(),
                "-cp",
                context.benchClasses() + java.io.File.pathSeparator + context.peersJar(),
                TimedSimMain.class.getName(),
                "--timing-file",
                timingFile.toString(),
                "--reply-from",
                replyFrom,
                "--script",
                script.toString());
    }

    /** The bash tiny agent ({@code tiny-agent.sh}); {@code peer} is whom it relays to on "relay", or null. */
    List<String> tiny(String peer) throws IOException {
        Path script = context.resource("tiny-agent.sh", true);
        return peer == null ? List.of("bash", script.toString()) : List.of("bash", script.toString(), peer);
    }
}
