package dev.peersteam.agent.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Unmatched;

/**
 * {@code peers-team sim-agent <the real CLI's flags>}: the simulated agent as a hidden verb of the main program, so
 * the one jar serves both. Every argument goes to {@link SimAgent} untouched, as the real CLI would receive it.
 */
@Command(
        name = "sim-agent",
        hidden = true,
        description = "Runs a simulated Claude Code CLI on stdin/stdout (stream-json), driven by a behaviour script.")
public final class SimAgentCommand implements Callable<Integer> {

    @Unmatched
    List<String> args = new ArrayList<>();

    @Override
    public Integer call() {
        return SimAgentMain.runWithProcessStreams(args);
    }
}
