package dev.peersteam.agent.sim;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * Process entry point of the simulated agent: {@code java -cp peers-team.jar dev.peersteam.agent.sim.SimAgentMain
 * <the real CLI's flags>}.
 */
public final class SimAgentMain {
    private SimAgentMain() {}

    public static void main(String[] args) {
        int code = runWithProcessStreams(Arrays.asList(args));
        // halt, not exit: the code is decided, nothing is left to flush, and a crash fault must be abrupt
        Runtime.getRuntime().halt(code);
    }

    /**
     * Runs with the process's stdin, stdout and stderr. stdout is the raw file descriptor rather than
     * {@code System.out}, whose PrintStream would hide a broken pipe: the agent must notice when its host is gone.
     * Returns when the exit is decided; the stdin reader may still be blocked in a read, so callers exit the JVM.
     */
    static int runWithProcessStreams(List<String> args) {
        int code = SimAgent.run(
                System.in,
                new FileOutputStream(FileDescriptor.out),
                System.err,
                System.getenv(),
                Path.of("").toAbsolutePath(),
                args);
        System.err.flush();
        return code;
    }
}
