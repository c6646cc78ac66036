package dev.peersteam.remote;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The system's OpenSSH client to one destination: {@code ssh -T} (no terminal, so no line discipline touches the
 * stream-json bytes and a closed channel is seen as the end of stdin on the far side), {@code BatchMode} (a key or an
 * agent, never a password prompt), keepalives (a cut link ends the client, which the coordinator sees as a crash) and
 * a connect timeout. The user's own ssh configuration applies (aliases, ports, keys, jump hosts); options given in
 * {@value #CLIENT_ENV} come before ours, so they win (ssh takes the first value it is given for an option).
 */
public final class SshShell implements RemoteShell {
    /** The ssh client and options to run instead of {@code ssh}, e.g. {@code ssh -F /path/config}. */
    public static final String CLIENT_ENV = "PEERS_TEAM_SSH";

    /** OpenSSH's exit code for its own failures (connection refused, host unreachable, link lost, key refused). */
    public static final int LINK_FAILED = 255;

    static final List<String> OPTIONS = List.of(
            "-T",
            "-o",
            "BatchMode=yes",
            "-o",
            "ServerAliveInterval=15",
            "-o",
            "ServerAliveCountMax=3",
            "-o",
            "ConnectTimeout=10");

    private final List<String> client;
    private final String destination;

    /** @param client the ssh program and options of the user's choice, before ours */
    public SshShell(List<String> client, String destination) {
        if (client.isEmpty()) {
            throw new IllegalArgumentException("no ssh client");
        }
        if (destination.startsWith("-")) {
            throw new IllegalArgumentException("an SSH destination cannot start with '-': " + destination);
        }
        this.client = List.copyOf(client);
        this.destination = destination;
    }

    /** {@code ssh}, or the client {@value #CLIENT_ENV} names (split on whitespace). */
    public static SshShell to(String destination, Map<String, String> environment) {
        String chosen = environment.get(CLIENT_ENV);
        List<String> client = chosen == null || chosen.isBlank()
                ? List.of("ssh")
                : Arrays.asList(chosen.strip().split("\\s+"));
        return new SshShell(client, destination);
    }

    /** The client with our options, up to (not including) the destination. */
    List<String> clientWithOptions() {
        List<String> argv = new ArrayList<>(client);
        argv.addAll(OPTIONS);
        return argv;
    }

    @Override
    public List<String> argv(String script) {
        List<String> argv = clientWithOptions();
        argv.add("--");
        argv.add(destination);
        // The remote login shell may be any shell: it is only asked to start sh with one quoted word.
        argv.add("sh -c " + ShellWords.quote(script));
        return argv;
    }

    @Override
    public String where() {
        return destination;
    }

    @Override
    public boolean linkFailed(int exitCode) {
        return exitCode == LINK_FAILED;
    }

    @Override
    public GitRemote gitRemote(Path dir) {
        String url =
                destination.startsWith("ssh://") ? destination.replaceAll("/+$", "") + dir : destination + ":" + dir;
        return new GitRemote(
                url,
                Map.of("GIT_SSH_COMMAND", ShellWords.join(clientWithOptions()), "GIT_SSH_VARIANT", "ssh"),
                List.of());
    }
}
