package dev.peersteam.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Another "machine" for end-to-end tests of roles on other hosts: a network namespace joined to this one by a veth
 * pair, running Debian's {@code sshd} with a config, host key, authorized key and pid file of the test's own, and an
 * ssh client config (alias {@value #ALIAS}) that the coordinator is given with {@code -F}: the machine's own ssh
 * configuration and {@code ~/.ssh} are never read or written. The namespace shares this machine's process table and
 * most of its file system (the agent programs are found there), but not its network, nor {@link #farRoot()}, where
 * the roles' worktrees live: what runs and lies "there" is reached only through sshd.
 *
 * <p>An {@code unreachable} route for the test subnet is added in the root namespace first, so that no packet for the
 * host's address ever leaves by the default route, also while the link is cut. Needs root, iproute2 and
 * openssh-server (.ci/run installs them); without them the test fails with a message saying so.
 */
public final class NetnsSshHost implements AutoCloseable {
    public static final String ALIAS = "peers-test-host";
    /** An alias of the same host on a port where nothing listens: ssh fails at once (connection refused). */
    public static final String CLOSED_ALIAS = "peers-test-closed";

    private static final String SUBNET = "10.231.77.0/24";
    private static final String HERE = "10.231.77.1";
    private static final String THERE = "10.231.77.2";
    private static final int PORT = 2222;

    private final Path dir;
    private final String namespace;
    private final String vethHere;
    private final String vethThere;
    private final List<Runnable> undo = new ArrayList<>();

    private NetnsSshHost(Path dir) {
        this.dir = dir;
        long id = ProcessHandle.current().pid() % 100000;
        this.namespace = "peers-it-" + id;
        this.vethHere = "pth" + id;
        this.vethThere = "ptt" + id;
    }

    /**
     * Builds the namespace and starts sshd there. {@code sshdEnvironment} is set for every session on the host
     * ({@code SetEnv}), e.g. where the agent keeps its transcripts.
     */
    public static NetnsSshHost start(Path dir, Map<String, String> sshdEnvironment) throws Exception {
        requireTools();
        NetnsSshHost host = new NetnsSshHost(dir);
        try {
            host.build(sshdEnvironment);
        } catch (Exception | AssertionError e) {
            host.close();
            throw e;
        }
        return host;
    }

    private static void requireTools() throws Exception {
        if (!"root".equals(System.getProperty("user.name"))) {
            throw new AssertionError("this test builds network namespaces and needs root (CI runs as root)");
        }
        for (String tool : List.of("/usr/sbin/sshd", "/usr/bin/ssh", "/usr/bin/ssh-keygen")) {
            if (!Files.isExecutable(Path.of(tool))) {
                throw new AssertionError(tool + " is missing: apt-get install openssh-server openssh-client"
                        + " (.ci/run installs them)");
            }
        }
        if (run(List.of("ip", "-V")).exitCode != 0) {
            throw new AssertionError("iproute2's ip is missing: apt-get install iproute2 (.ci/run installs it)");
        }
        if (run(List.of("unshare", "--version")).exitCode != 0) {
            throw new AssertionError(
                    "util-linux's unshare is missing: apt-get install util-linux (.ci/run installs it)");
        }
    }

    private void build(Map<String, String> sshdEnvironment) throws Exception {
        Files.createDirectories(dir);
        must("ip", "route", "add", "unreachable", SUBNET, "metric", "4000");
        undo.add(() -> quiet("ip", "route", "del", "unreachable", SUBNET, "metric", "4000"));
        must("ip", "netns", "add", namespace);
        undo.add(() -> quiet("ip", "netns", "del", namespace));
        must("ip", "link", "add", vethHere, "type", "veth", "peer", "name", vethThere);
        undo.add(() -> quiet("ip", "link", "del", vethHere));
        must("ip", "link", "set", vethThere, "netns", namespace);
        must("ip", "addr", "add", HERE + "/24", "dev", vethHere);
        must("ip", "link", "set", vethHere, "up");
        must("ip", "-n", namespace, "addr", "add", THERE + "/24", "dev", vethThere);
        must("ip", "-n", namespace, "link", "set", vethThere, "up");
        must("ip", "-n", namespace, "link", "set", "lo", "up");

        for (String which : List.of("host", "user")) {
            must(
                    "ssh-keygen",
                    "-q",
                    "-t",
                    "ed25519",
                    "-N",
                    "",
                    "-C",
                    "peers-test-" + which,
                    "-f",
                    key(which).toString());
        }
        Files.copy(dir.resolve("user.pub"), dir.resolve("authorized_keys"));
        Files.setPosixFilePermissions(dir.resolve("authorized_keys"), PosixFilePermissions.fromString("rw-------"));
        StringBuilder setEnv = new StringBuilder();
        sshdEnvironment.forEach(
                (name, value) -> setEnv.append(" ").append(name).append('=').append(value));
        Files.writeString(dir.resolve("sshd_config"), """
                ListenAddress %s
                Port %d
                HostKey %s
                PidFile %s
                AuthorizedKeysFile %s
                PasswordAuthentication no
                KbdInteractiveAuthentication no
                UsePAM no
                PermitRootLogin prohibit-password
                StrictModes no
                ClientAliveInterval 1
                ClientAliveCountMax 3
                %s
                """.formatted(
                        THERE,
                        PORT,
                        key("host"),
                        dir.resolve("sshd.pid"),
                        dir.resolve("authorized_keys"),
                        setEnv.isEmpty() ? "" : "SetEnv" + setEnv));
        Files.writeString(
                dir.resolve("known_hosts"),
                "[" + THERE + "]:" + PORT + " "
                        + String.join(
                                " ",
                                List.of(Files.readString(dir.resolve("host.pub"))
                                                .split(" "))
                                        .subList(0, 2))
                        + "\n");
        Files.writeString(dir.resolve("ssh_config"), """
                Host %s
                  HostName %s
                  Port %d
                  User root
                  IdentityFile %s
                  IdentitiesOnly yes
                  UserKnownHostsFile %s
                  GlobalKnownHostsFile /dev/null
                  StrictHostKeyChecking yes
                  LogLevel ERROR
                Host %s
                  HostName %s
                  Port %d
                  User root
                  IdentityFile %s
                  IdentitiesOnly yes
                  UserKnownHostsFile %s
                  GlobalKnownHostsFile /dev/null
                """.formatted(
                        ALIAS,
                        THERE,
                        PORT,
                        key("user"),
                        dir.resolve("known_hosts"),
                        CLOSED_ALIAS,
                        THERE,
                        PORT + 1,
                        key("user"),
                        dir.resolve("known_hosts")));
        Files.createDirectories(
                Path.of("/run/sshd")); // sshd's privilege separation folder (the package's service makes it)
        must("/usr/sbin/sshd", "-t", "-f", dir.resolve("sshd_config").toString());
        // sshd, and so every session on the host, gets a mount namespace of its own with an empty tmpfs over
        // farRoot(): what lies there is on the host only, and this machine sees an empty folder.
        Files.createDirectories(farRoot());
        must(
                "ip",
                "netns",
                "exec",
                namespace,
                "unshare",
                "--mount",
                "--propagation",
                "private",
                "sh",
                "-c",
                "mount -t tmpfs -o mode=0755 peers-test-far \"$0\" && exec /usr/sbin/sshd -f \"$1\" -E \"$2\"",
                farRoot().toString(),
                dir.resolve("sshd_config").toString(),
                dir.resolve("sshd.log").toString());
        undo.add(0, this::stopSshd); // before the namespace goes
        Result answer = run(List.of(
                "ssh",
                "-F",
                dir.resolve("ssh_config").toString(),
                "-o",
                "BatchMode=yes",
                "-o",
                "ConnectTimeout=5",
                ALIAS,
                "true"));
        if (answer.exitCode != 0) {
            throw new AssertionError("the test host does not answer ssh: " + answer.output + "\nsshd log:\n"
                    + (Files.exists(dir.resolve("sshd.log")) ? Files.readString(dir.resolve("sshd.log")) : ""));
        }
    }

    /** This machine's address on the link, which processes on the host reach (their 127.0.0.1 is their own). */
    public static java.net.InetAddress addressHere() throws java.net.UnknownHostException {
        return java.net.InetAddress.getByName(HERE);
    }

    /**
     * A folder for {@code remote_dir}: on the host it is a file system of its own, seen only by sshd and its sessions;
     * here it stays empty. So a role's worktree there reaches this machine only through ssh, as on a real host.
     */
    public Path farRoot() {
        return dir.resolve("far");
    }

    /** The content of a file on the host, read over ssh. */
    public String readThere(Path file) throws Exception {
        Result read = run(List.of(
                "ssh", "-F", dir.resolve("ssh_config").toString(), "-o", "BatchMode=yes", ALIAS, "cat " + file));
        if (read.exitCode != 0) {
            throw new AssertionError("cannot read " + file + " on the host: " + read.output);
        }
        return read.output;
    }

    /**
     * The ssh client for {@code PEERS_TEAM_SSH}: this host's config, and keepalives short enough that a cut link is
     * noticed within about three seconds (given first, these win over the coordinator's defaults).
     */
    public String sshClient() {
        return "ssh -F " + dir.resolve("ssh_config") + " -o ServerAliveInterval=1 -o ServerAliveCountMax=3"
                + " -o ConnectTimeout=3";
    }

    /** Cuts the link: the host's packets go nowhere, and new connections fail at once (the unreachable route). */
    public void cut() throws Exception {
        must("ip", "link", "set", vethHere, "down");
    }

    public void restore() throws Exception {
        must("ip", "link", "set", vethHere, "up");
        must("ip", "-n", namespace, "link", "set", vethThere, "up");
    }

    /** The processes that run on the host (in its network namespace) whose command line contains {@code text}. */
    public List<ProcessHandle> processesThere(String text) {
        Optional<String> there = netOf(sshdPid().orElse(-1L));
        if (there.isEmpty()) {
            return List.of();
        }
        return ProcessHandle.allProcesses()
                .filter(p -> there.equals(netOf(p.pid())))
                .filter(p -> p.info().commandLine().orElse("").contains(text))
                .toList();
    }

    private static Optional<String> netOf(long pid) {
        try {
            return Optional.of(Files.readSymbolicLink(Path.of("/proc", Long.toString(pid), "ns", "net"))
                    .toString());
        } catch (IOException | UnsupportedOperationException e) {
            return Optional.empty();
        }
    }

    private Optional<Long> sshdPid() {
        try {
            return Optional.of(
                    Long.parseLong(Files.readString(dir.resolve("sshd.pid")).strip()));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    private void stopSshd() {
        Optional<Long> pid = sshdPid();
        if (pid.isEmpty()) {
            return;
        }
        Optional<String> there = netOf(pid.get());
        // whatever still runs in the namespace (the test's own leftovers, if a check failed), then sshd itself
        if (there.isPresent()) {
            ProcessHandle.allProcesses()
                    .filter(p -> p.pid() != pid.get() && there.equals(netOf(p.pid())))
                    .forEach(ProcessHandle::destroyForcibly);
        }
        ProcessHandle.of(pid.get()).ifPresent(sshd -> {
            sshd.destroy();
            sshd.onExit()
                    .orTimeout(5, TimeUnit.SECONDS)
                    .exceptionally(e -> null)
                    .join();
        });
    }

    private Path key(String name) {
        return dir.resolve(name);
    }

    @Override
    public void close() {
        for (Runnable step : undo) {
            step.run();
        }
        undo.clear();
    }

    private record Result(int exitCode, String output) {}

    private static void must(String... command) throws Exception {
        Result result = run(List.of(command));
        if (result.exitCode != 0) {
            throw new AssertionError(String.join(" ", command) + " failed (" + result.exitCode + "): " + result.output);
        }
    }

    private static void quiet(String... command) {
        try {
            run(List.of(command));
        } catch (Exception ignored) {
            // cleaning up: what is already gone stays gone
        }
    }

    private static Result run(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            return new Result(-1, output + " (timed out)");
        }
        return new Result(process.exitValue(), output);
    }
}
