package dev.peersteam.session;

import java.io.IOException;

/**
 * Starts the process behind one agent: the seam between "what to run" ({@link LaunchSpec}) and "where it runs". The
 * process it returns is always a local one whose stdin, stdout and exit stand for the agent's: the agent itself
 * ({@link LocalLauncher}), or a client that carries those streams to another machine or container and ends the agent
 * there when its stream closes (the {@code remote} package: {@code ssh}, and the same shape for
 * {@code docker exec -i} or {@code kubectl exec -i}). Everything above it, {@link AgentProcess} and the coordinator,
 * is the same wherever the agent runs.
 */
public interface ProcessLauncher {
    /**
     * Starts the agent. The process's stderr must go to {@link LaunchSpec#stderrLog()} (appended), its stdin and
     * stdout must be pipes.
     */
    Process start(LaunchSpec spec) throws IOException;

    /** Where the agent runs, for people: "local", or e.g. the SSH destination. */
    String where();
}
