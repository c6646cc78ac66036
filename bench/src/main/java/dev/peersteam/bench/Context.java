package dev.peersteam.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.Map;

/**
 * What every measure needs: the product jar, this harness's classes, the JDK, a scratch directory, and whether this
 * is a quick smoke run.
 *
 * @param root the project checkout (for the launcher script and the git commit)
 * @param peersJar the packaged product, {@code orchestrator/target/peers-team.jar}
 * @param benchClasses this harness's class path entry (for {@link Hello} and {@link TimedSimMain})
 * @param java the JDK's java launcher, used for every process started
 * @param scratch a fresh directory for journals, repositories and logs; on the disk, not tmpfs, unless chosen so
 */
record Context(Path root, Path peersJar, Path benchClasses, Path java, Path scratch, boolean quick, PrintStream log) {

    void progress(String line) {
        log.println("bench: " + line);
        log.flush();
    }

    /** A fresh directory under the scratch directory. */
    Path dir(String prefix) throws IOException {
        return Files.createTempDirectory(scratch, prefix);
    }

    /** A resource of this harness copied to the scratch directory (once); returns its path. */
    Path resource(String name, boolean executable) throws IOException {
        Path target = scratch.resolve("resources").resolve(name);
        if (!Files.exists(target)) {
            Files.createDirectories(target.getParent());
            try (InputStream in = Context.class.getResourceAsStream("/bench/" + name)) {
                if (in == null) {
                    throw new IOException("missing resource /bench/" + name);
                }
                Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
            }
            if (executable) {
                Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rwxr-xr-x"));
            }
        }
        return target;
    }

    /**
     * The environment of processes started here: the real PATH, a private home and Claude config dir (the sim keeps
     * its session records there), a git identity, and nothing else from this process.
     */
    Map<String, String> env() throws IOException {
        Path home = scratch.resolve("home");
        Files.createDirectories(home);
        Map<String, String> env = new HashMap<>();
        env.put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        env.put("HOME", home.toString());
        env.put("CLAUDE_CONFIG_DIR", scratch.resolve("claude-config").toString());
        env.put("GIT_AUTHOR_NAME", "Bench");
        env.put("GIT_AUTHOR_EMAIL", "bench@peers.invalid");
        env.put("GIT_COMMITTER_NAME", "Bench");
        env.put("GIT_COMMITTER_EMAIL", "bench@peers.invalid");
        env.put("GIT_CONFIG_NOSYSTEM", "1");
        env.put("LANG", "C.UTF-8");
        return env;
    }
}
