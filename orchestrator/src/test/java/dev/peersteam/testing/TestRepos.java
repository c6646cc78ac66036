package dev.peersteam.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Scratch git repositories for tests, with an identity of their own (no global git config needed). */
public final class TestRepos {
    private TestRepos() {}

    /** {@code git init -b main} in {@code dir} with one commit holding a README. */
    public static Path init(Path dir) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        git(dir, "init", "-q", "-b", "main");
        Files.writeString(dir.resolve("README.md"), "# scratch\n");
        git(dir, "add", "README.md");
        git(dir, "commit", "-q", "-m", "first");
        return dir;
    }

    public static String git(Path dir, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                "git",
                "-c",
                "user.name=peers test",
                "-c",
                "user.email=test@peers.invalid",
                "-c",
                "commit.gpgsign=false"));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command)
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IOException("git " + String.join(" ", args) + " failed in " + dir + ": " + output);
        }
        return output;
    }
}
