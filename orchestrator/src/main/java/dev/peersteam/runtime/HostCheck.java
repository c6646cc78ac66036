package dev.peersteam.runtime;

import dev.peersteam.remote.RemoteShell;
import dev.peersteam.remote.ShellWords;
import dev.peersteam.remote.SshShell;
import dev.peersteam.team.RoleSpec;
import dev.peersteam.team.StartChecks.Finding;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * What {@code validate} and {@code up} check of a role's host: that it answers over ssh with no prompt (BatchMode, as
 * {@code ssh -o BatchMode=yes HOST true} would), and that the role's agent program exists there, on the PATH of a
 * non-interactive login or at its absolute path.
 */
final class HostCheck {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final int NO_PROGRAM = 3;

    private final Map<String, String> environment;

    HostCheck(Map<String, String> environment) {
        this.environment = environment;
    }

    Optional<Finding> check(RoleSpec role, String program) {
        String host = role.host().destination();
        SshShell shell = SshShell.to(host, environment);
        RemoteShell.Result result;
        try {
            result = shell.run(
                    "command -v " + ShellWords.quote(program) + " >/dev/null 2>&1 || exit " + NO_PROGRAM,
                    new byte[0],
                    TIMEOUT,
                    environment);
        } catch (IOException e) {
            return Optional.of(new Finding(
                    "cannot run ssh to reach host '" + host + "': " + e.getMessage(),
                    "install the OpenSSH client, or point " + SshShell.CLIENT_ENV + " at it"));
        }
        if (result.ok()) {
            return Optional.empty();
        }
        if (result.timedOut() || shell.linkFailed(result.exitCode())) {
            String said = result.stderr()
                    .strip()
                    .lines()
                    .reduce((first, last) -> last)
                    .orElse("");
            return Optional.of(new Finding(
                    "host '" + host + "' does not answer over ssh without a prompt"
                            + (said.isEmpty() ? "" : " (ssh said: " + said + ")"),
                    "check that 'ssh -o BatchMode=yes " + host + " true' works: a key or ssh-agent, the host key in"
                            + " known_hosts, and the host name or alias"));
        }
        if (result.exitCode() == NO_PROGRAM) {
            return Optional.of(new Finding(
                    "the agent program '" + program + "' is not found on host '" + host + "'",
                    "install it there (npm install -g @anthropic-ai/claude-code), or give its absolute path on the"
                            + " host in the role's 'command:'"));
        }
        return Optional.of(new Finding(
                "host '" + host + "' answered ssh, but the check failed with exit code " + result.exitCode() + ": "
                        + result.stderr().strip(),
                "check that its login shell can run 'sh -c'"));
    }
}
