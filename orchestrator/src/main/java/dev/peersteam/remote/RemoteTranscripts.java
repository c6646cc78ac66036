package dev.peersteam.remote;

import dev.peersteam.agent.ClaudeTranscripts;
import dev.peersteam.coordinator.SessionHistory;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * The transcript of a session that runs on another host, read there through its {@link RemoteShell}, after whatever
 * is left of the session there has been ended (see {@link RemoteScripts#END_LEFTOVERS}). A host that cannot be
 * reached answers "unknown": the journal is trusted, the launch that follows fails the same way and counts as a
 * crash, and the next attempt, after the back-off, asks again. Called on the coordinator's loop before a resume, so
 * it is bounded by the client's connect timeout.
 */
public final class RemoteTranscripts implements SessionHistory {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final RemoteShell shell;
    private final Map<String, String> clientEnvironment;

    public RemoteTranscripts(RemoteShell shell, Map<String, String> clientEnvironment) {
        this.shell = shell;
        this.clientEnvironment = Map.copyOf(clientEnvironment);
    }

    @Override
    public Found lookUp(String role, String sessionId, Path cwd) {
        if (!ClaudeTranscripts.validSessionId(sessionId)) {
            return new Found.Absent();
        }
        RemoteShell.Result result;
        try {
            result = shell.run(RemoteScripts.transcript(sessionId), new byte[0], TIMEOUT, clientEnvironment);
        } catch (IOException e) {
            return new Found.Unknown();
        }
        if (result.timedOut() || shell.linkFailed(result.exitCode())) {
            return new Found.Unknown();
        }
        if (result.exitCode() == RemoteScripts.NO_TRANSCRIPT) {
            return new Found.Absent();
        }
        if (result.exitCode() != 0) {
            return new Found.Unknown();
        }
        try (BufferedReader reader = new BufferedReader(new StringReader(result.stdout()))) {
            return ClaudeTranscripts.read(reader);
        } catch (IOException e) {
            return new Found.Unknown();
        }
    }
}
