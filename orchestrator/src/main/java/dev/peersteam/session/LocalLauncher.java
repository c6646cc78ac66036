package dev.peersteam.session;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Runs the agent as a child of this process, in its working directory, in a session of its own. */
public final class LocalLauncher implements ProcessLauncher {
    @Override
    public Process start(LaunchSpec spec) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(
                        ownSession(spec.command(), spec.environment().get("PATH")))
                .directory(spec.workingDirectory().toFile())
                .redirectInput(ProcessBuilder.Redirect.PIPE)
                .redirectOutput(ProcessBuilder.Redirect.PIPE)
                .redirectError(ProcessBuilder.Redirect.appendTo(spec.stderrLog().toFile()));
        builder.environment().clear();
        builder.environment().putAll(spec.environment());
        return builder.start();
    }

    @Override
    public String where() {
        return "local";
    }

    /**
     * Runs the program in a session of its own ({@code setsid}, where there is one), away from the terminal's process
     * group: a Ctrl-C typed at {@code up} then reaches only the coordinator, which stops every session in order,
     * instead of killing the agents (or the ssh client that carries one) behind its back. The pid stays the
     * program's own ({@code setsid} execs it).
     */
    static List<String> ownSession(List<String> argv, String path) {
        for (String dir : (path == null ? "" : path).split(File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, "setsid"))) {
                List<String> wrapped =
                        new ArrayList<>(List.of(Path.of(dir, "setsid").toString()));
                wrapped.addAll(argv);
                return wrapped;
            }
        }
        return argv;
    }
}
