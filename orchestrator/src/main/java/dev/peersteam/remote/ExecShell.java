package dev.peersteam.remote;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A container runtime's "exec with stdin" as the far side: {@code docker exec -i CONTAINER} or
 * {@code kubectl exec -i POD --}, followed by {@code sh -c SCRIPT}. The same seam as {@link SshShell}: the agent's
 * stream goes through the client's stdin and stdout, and git reaches the worktree in the container through git's
 * {@code ext::} transport, which runs {@code git-upload-pack} and {@code git-receive-pack} through the same client.
 * Not wired to the team file yet (docs/remote.md shows how it would be); unit tests run it with a fake client.
 */
public final class ExecShell implements RemoteShell {
    private final List<String> prefix;
    private final String where;
    private final int clientFailure;

    /**
     * @param prefix        the client command up to the command it runs, e.g. {@code [docker, exec, -i, box]}
     * @param where         the container, for people
     * @param clientFailure the exit code the client uses for its own failures (docker: 125)
     */
    public ExecShell(List<String> prefix, String where, int clientFailure) {
        if (prefix.isEmpty()) {
            throw new IllegalArgumentException("no client command");
        }
        this.prefix = List.copyOf(prefix);
        this.where = where;
        this.clientFailure = clientFailure;
    }

    public static ExecShell docker(String container) {
        return new ExecShell(List.of("docker", "exec", "-i", container), container, 125);
    }

    public static ExecShell kubectl(String pod) {
        return new ExecShell(List.of("kubectl", "exec", "-i", pod, "--"), pod, 1);
    }

    @Override
    public List<String> argv(String script) {
        List<String> argv = new ArrayList<>(prefix);
        argv.addAll(List.of("sh", "-c", script));
        return argv;
    }

    @Override
    public String where() {
        return where;
    }

    @Override
    public boolean linkFailed(int exitCode) {
        return exitCode == clientFailure;
    }

    @Override
    public GitRemote gitRemote(Path dir) {
        // ext:: splits its command on spaces; '%' and ' ' inside a word are written '%%' and '% '; %S is the service.
        String command = prefix.stream().map(ExecShell::extWord).collect(Collectors.joining(" "));
        return new GitRemote(
                "ext::" + command + " %S " + extWord(dir.toString()), Map.of(), List.of("protocol.ext.allow=always"));
    }

    private static String extWord(String word) {
        return word.replace("%", "%%").replace(" ", "% ");
    }
}
