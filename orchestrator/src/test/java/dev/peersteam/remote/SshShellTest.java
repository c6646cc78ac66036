package dev.peersteam.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SshShellTest {
    @Test
    void theScriptGoesAsOneQuotedWordAfterOurOptionsAndTheDestination() {
        List<String> argv = SshShell.to("me@build-box", Map.of()).argv("echo 'hi'; exit 3");

        assertThat(argv)
                .containsExactly(
                        "ssh",
                        "-T",
                        "-o",
                        "BatchMode=yes",
                        "-o",
                        "ServerAliveInterval=15",
                        "-o",
                        "ServerAliveCountMax=3",
                        "-o",
                        "ConnectTimeout=10",
                        "--",
                        "me@build-box",
                        "sh -c 'echo '\\''hi'\\''; exit 3'");
    }

    @Test
    void theUsersClientAndItsOptionsComeFirstSoTheyWin() {
        List<String> argv = SshShell.to(
                        "box", Map.of(SshShell.CLIENT_ENV, " ssh -F /tmp/cfg  -o ServerAliveInterval=1 "))
                .argv("true");

        assertThat(argv.subList(0, 6)).containsExactly("ssh", "-F", "/tmp/cfg", "-o", "ServerAliveInterval=1", "-T");
        assertThat(argv.indexOf("ServerAliveInterval=1")).isLessThan(argv.indexOf("ServerAliveInterval=15"));
    }

    @Test
    void gitReachesTheWorktreeThroughTheSameClient() {
        RemoteShell.GitRemote alias = SshShell.to("box", Map.of()).gitRemote(Path.of("/srv/peers/w1"));
        assertThat(alias.url()).isEqualTo("box:/srv/peers/w1");
        assertThat(alias.environment().get("GIT_SSH_COMMAND"))
                .isEqualTo("'ssh' '-T' '-o' 'BatchMode=yes' '-o' 'ServerAliveInterval=15' '-o'"
                        + " 'ServerAliveCountMax=3' '-o' 'ConnectTimeout=10'");
        assertThat(SshShell.to("ssh://me@box:2222/", Map.of())
                        .gitRemote(Path.of("/srv/w1"))
                        .url())
                .isEqualTo("ssh://me@box:2222/srv/w1");
    }

    @Test
    void aDestinationThatWouldReadAsAnOptionIsRefused() {
        assertThatThrownBy(() -> SshShell.to("-oProxyCommand=touch /tmp/x", Map.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void onlySshsOwnExitCodeIsALinkFailure() {
        SshShell shell = SshShell.to("box", Map.of());
        assertThat(shell.linkFailed(255)).isTrue();
        assertThat(shell.linkFailed(1)).isFalse();
        assertThat(shell.linkFailed(137)).isFalse();
    }

    @Test
    void kubectlAndDockerPlugIntoTheSameSeam() {
        assertThat(ExecShell.kubectl("pod-1").argv("true"))
                .containsExactly("kubectl", "exec", "-i", "pod-1", "--", "sh", "-c", "true");
        assertThat(ExecShell.docker("box").argv("true"))
                .containsExactly("docker", "exec", "-i", "box", "sh", "-c", "true");
        RemoteShell.GitRemote git = ExecShell.docker("my box").gitRemote(Path.of("/work/w1"));
        assertThat(git.url()).isEqualTo("ext::docker exec -i my% box %S /work/w1");
        assertThat(git.config()).containsExactly("protocol.ext.allow=always");
    }
}
