package dev.peersteam.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/** What the figures were measured on, read from the machine itself. */
record Machine(
        String cpu,
        int cores,
        String memory,
        String os,
        String kernel,
        String jdk,
        String fileSystem,
        String loadAverage) {

    static Machine detect(Path scratch) {
        return new Machine(
                cpuModel(),
                Runtime.getRuntime().availableProcessors(),
                memTotal(),
                osName(),
                System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                        + System.getProperty("os.arch"),
                System.getProperty("java.vm.vendor") + " " + System.getProperty("java.vm.name") + " "
                        + System.getProperty("java.runtime.version"),
                fileSystemOf(scratch),
                currentLoadAverage());
    }

    static String currentLoadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static String cpuModel() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
                    .filter(l -> l.startsWith("model name"))
                    .map(l -> l.substring(l.indexOf(':') + 1).trim())
                    .findFirst()
                    .orElse("unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static String memTotal() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (line.startsWith("MemTotal:")) {
                    long kb = Long.parseLong(line.replaceAll("[^0-9]", ""));
                    return String.format(Locale.ROOT, "%.1f GiB", kb / 1024.0 / 1024.0);
                }
            }
        } catch (IOException e) {
            // below
        }
        return "unknown";
    }

    private static String osName() {
        try {
            for (String line : Files.readAllLines(Path.of("/etc/os-release"))) {
                if (line.startsWith("PRETTY_NAME=")) {
                    return line.substring(12).replace("\"", "");
                }
            }
        } catch (IOException e) {
            // below
        }
        return System.getProperty("os.name");
    }

    /** The file system type and device under {@code dir}, from the longest matching mount point. */
    static String fileSystemOf(Path dir) {
        try {
            String path = dir.toRealPath().toString();
            String best = "";
            String result = "unknown";
            for (String line : Files.readAllLines(Path.of("/proc/mounts"))) {
                String[] f = line.split(" ");
                if (f.length >= 3
                        && (path.equals(f[1]) || path.startsWith(f[1].equals("/") ? "/" : f[1] + "/"))
                        && f[1].length() > best.length()) {
                    best = f[1];
                    result = f[2] + " on " + f[0] + " (mounted at " + f[1] + ")";
                }
            }
            return result;
        } catch (IOException e) {
            return "unknown";
        }
    }

    /** {@code git rev-parse} of the checkout, with "+ uncommitted changes" when the tree is dirty. */
    static String gitCommit(Path root) {
        try {
            String commit = run(root, "git", "rev-parse", "--short=12", "HEAD").trim();
            String dirty = run(root, "git", "status", "--porcelain", "--untracked-files=no")
                    .trim();
            String branch =
                    run(root, "git", "rev-parse", "--abbrev-ref", "HEAD").trim();
            return commit + " (" + branch + ")" + (dirty.isEmpty() ? "" : " + uncommitted changes");
        } catch (IOException | InterruptedException e) {
            return "unknown";
        }
    }

    private static String run(Path dir, String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(List.of(command))
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .start();
        process.getOutputStream().close();
        String out = new String(process.getInputStream().readAllBytes());
        process.waitFor(30, TimeUnit.SECONDS);
        return out;
    }
}
